#include "bench/roster_client.h"

#include <algorithm>
#include <atomic>
#include <mutex>
#include <thread>

#include "absl/strings/str_cat.h"
#include "common/logging.h"

namespace haicap::bench {
namespace {

namespace v1 = ::haicap::registry::v1;
using Clock = std::chrono::steady_clock;

constexpr char kActorHeader[] = "x-haicap-actor";
constexpr int kBatchRows = 1000;
constexpr size_t kErrorsKept = 10;
// An import call of 1000 rows may queue behind others: the server serialises imports.
constexpr auto kImportDeadline = std::chrono::seconds(300);
constexpr auto kCallDeadline = std::chrono::seconds(30);

double SecondsSince(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

// Adds one call's report to `tally`.
void Count(const v1::ImportReport& report, int rows, double call_ms, ImportTally* tally) {
  tally->rows_sent += rows;
  tally->imported += report.imported();
  tally->unchanged += report.unchanged();
  tally->row_errors += report.errors_size();
  for (const v1::RowError& error : report.errors()) {
    if (tally->first_errors.size() < kErrorsKept) tally->first_errors.push_back(error);
  }
  tally->call_ms.push_back(call_ms);
}

}  // namespace

RosterClient::RosterClient(std::shared_ptr<grpc::Channel> channel, std::string actor)
    : stub_(v1::Registry::NewStub(channel)), actor_(std::move(actor)) {}

template <typename Request, typename Response>
absl::StatusOr<Response> RosterClient::Call(Method<Request, Response> method, const Request& request,
                                            std::chrono::seconds deadline) {
  grpc::ClientContext context;
  context.AddMetadata(kActorHeader, actor_);
  context.set_deadline(std::chrono::system_clock::now() + deadline);
  context.set_wait_for_ready(true);
  Response response;
  const grpc::Status status = (stub_.get()->*method)(&context, request, &response);
  if (!status.ok()) return absl::Status(static_cast<absl::StatusCode>(status.error_code()), status.error_message());
  return response;
}

absl::StatusOr<v1::ImportReport> RosterClient::ImportOrganizations(const v1::ImportOrganizationsRequest& request) {
  return Call(&v1::Registry::Stub::ImportOrganizations, request, kImportDeadline);
}

absl::StatusOr<v1::ImportReport> RosterClient::ImportMembers(const v1::ImportMembersRequest& request) {
  return Call(&v1::Registry::Stub::ImportMembers, request, kImportDeadline);
}

absl::StatusOr<v1::MoveOrganizationsResponse> RosterClient::MoveOrganizations(
    const v1::MoveOrganizationsRequest& request) {
  return Call(&v1::Registry::Stub::MoveOrganizations, request, kCallDeadline);
}

absl::StatusOr<v1::SubtreeSummary> RosterClient::SummarizeSubtree(const v1::SummarizeSubtreeRequest& request) {
  return Call(&v1::Registry::Stub::SummarizeSubtree, request, kCallDeadline);
}

absl::StatusOr<v1::ListMembersResponse> RosterClient::ListMembers(const v1::ListMembersRequest& request) {
  return Call(&v1::Registry::Stub::ListMembers, request, kCallDeadline);
}

absl::StatusOr<ImportTally> ImportOrganizationPlan(RosterClient& client, const std::vector<PlannedOrganization>& plan) {
  ImportTally tally;
  const Clock::time_point start = Clock::now();
  for (size_t first = 0; first < plan.size(); first += kBatchRows) {
    v1::ImportOrganizationsRequest request;
    const size_t end = std::min(plan.size(), first + kBatchRows);
    for (size_t i = first; i < end; ++i) *request.add_rows() = plan[i].row;
    const Clock::time_point issued = Clock::now();
    absl::StatusOr<v1::ImportReport> report = client.ImportOrganizations(request);
    if (!report.ok()) return report.status();
    Count(*report, request.rows_size(), SecondsSince(issued) * 1e3, &tally);
    tally.organization_ids.insert(report->organization_ids().begin(), report->organization_ids().end());
  }
  tally.seconds = SecondsSince(start);
  return tally;
}

absl::StatusOr<ImportTally> ImportMemberRows(RosterClient& client, const MemberRows& rows, int in_flight,
                                             Clock::time_point stop_at) {
  const int64_t batches = (rows.total() + kBatchRows - 1) / kBatchRows;
  const int64_t progress_step = std::max<int64_t>(1, batches / 10);
  std::atomic<int64_t> next_batch{0};
  std::mutex mu;  // guards tally, failure and done
  ImportTally tally;
  absl::Status failure;
  int64_t done = 0;
  const Clock::time_point start = Clock::now();

  auto worker = [&] {
    v1::ImportMembersRequest request;
    for (;;) {
      const int64_t batch = next_batch.fetch_add(1);
      if (batch >= batches) return;
      if (Clock::now() >= stop_at) {
        std::lock_guard lock(mu);
        tally.complete = false;
        return;
      }
      const Clock::time_point built = Clock::now();
      rows.Fill(batch * kBatchRows, kBatchRows, &request);
      const Clock::time_point issued = Clock::now();
      absl::StatusOr<v1::ImportReport> report = client.ImportMembers(request);
      const double call_ms = SecondsSince(issued) * 1e3;
      std::lock_guard lock(mu);
      tally.build_seconds += std::chrono::duration<double>(issued - built).count();
      if (!report.ok()) {
        if (failure.ok()) failure = report.status();
        next_batch = batches;  // the other workers stop after their current call
        return;
      }
      Count(*report, request.rows_size(), call_ms, &tally);
      if (++done % progress_step == 0) {
        LogInfo("importing members", {{"rows", tally.rows_sent},
                                      {"of", rows.total()},
                                      {"members_per_second", static_cast<double>(tally.rows_sent) / SecondsSince(start)}});
      }
    }
  };
  std::vector<std::thread> threads;
  for (int i = 0; i < in_flight; ++i) threads.emplace_back(worker);
  for (std::thread& t : threads) t.join();
  if (!failure.ok()) return failure;
  tally.seconds = SecondsSince(start);
  return tally;
}

}  // namespace haicap::bench
