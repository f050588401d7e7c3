// haicap-bench-roster: the member roster at province scale, against a running haicap-registry.
//
// --mode province (default): imports a province-sized data set (ImportOrganizations,
// ImportMembers), hands 20 grassroots organisations from one ward to another on 2025-07-01, then
// times SummarizeSubtree for that ward and for the province, current and as of 2025-06-30, and
// checks the counts against the data set.
// --mode import (on a fresh server): imports one province, its wards and grassroots cells, then
// --import-members members, and reports members per second and the server's peak memory.
//
// Each measurement is one JSON line on stdout; progress and a readable summary go to stderr.
// The exit code is 1 if any call or row failed or a count is wrong.
#include <algorithm>
#include <chrono>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "CLI/CLI.hpp"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "bench/report.h"
#include "bench/roster_client.h"
#include "bench/roster_dataset.h"
#include "common/civil_date.h"
#include "common/status_macros.h"
#include "nlohmann/json.hpp"

namespace haicap::bench {
namespace {

namespace v1 = ::haicap::registry::v1;
using Clock = std::chrono::steady_clock;

constexpr char kProvinceCode[] = "01";
constexpr int kProvinceCommunes = 30;
constexpr int kMovedOrganizations = 20;
constexpr int kMovesPerCall = 5;
constexpr int kSummaryWarmupCalls = 10;
constexpr absl::CivilDay kMoveDay(2025, 7, 1);
constexpr absl::CivilDay kBeforeMoveDay(2025, 6, 30);

struct Options {
  std::string target = "127.0.0.1:50051";
  std::string mode = "province";
  std::string units_csv = "data/admin-units-2025-07.csv";
  int organizations = 3000;
  int64_t members = 300'000;
  int summary_calls = 200;
  int64_t import_members = 1'000'000;
  int import_wards = 100;
  int import_cells = 2000;
  int in_flight = 1;
  int server_pid = 0;
  std::string data_dir;
  double time_limit = 1800;
};

double Percentile(std::vector<double> values, double p) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  return values[static_cast<size_t>(p * static_cast<double>(values.size() - 1))];
}

// Prints an import's figures; fails if any row did not land.
absl::Status ReportImport(const Options& options, const std::string& phase, const ImportTally& tally, int in_flight,
                          Report* report) {
  // Rows found already imported (a re-run) cost a lookup each: they count as handled.
  const int64_t handled = tally.imported + tally.unchanged;
  const double rate = tally.seconds > 0 ? static_cast<double>(handled) / tally.seconds : 0;
  std::vector<nlohmann::json> errors;
  for (const v1::RowError& e : tally.first_errors) {
    errors.push_back({{"line", e.line()}, {"column", e.column()}, {"reason", e.reason()}, {"message", e.message()}});
  }
  report->Add({{"phase", phase},
               {"mode", options.mode},
               {"rows", tally.rows_sent},
               {"imported", tally.imported},
               {"unchanged", tally.unchanged},
               {"row_errors", tally.row_errors},
               {"first_errors", errors},
               {"complete", tally.complete},
               {"in_flight", in_flight},
               {"seconds", tally.seconds},
               {"rows_per_second", rate},
               {"calls", tally.call_ms.size()},
               {"call_p50_ms", Percentile(tally.call_ms, 0.50)},
               {"call_p99_ms", Percentile(tally.call_ms, 0.99)},
               {"call_max_ms", Percentile(tally.call_ms, 1.0)},
               {"client_build_seconds", tally.build_seconds}},
              absl::StrFormat("%-22s %9d rows (%d new) in %6.1f s = %7.0f rows/s (in flight %d; per call of "
                              "<=1000 rows: p50 %.0f ms, max %.0f ms)%s%s",
                              phase, tally.rows_sent, tally.imported, tally.seconds, rate, in_flight,
                              Percentile(tally.call_ms, 0.5),
                              Percentile(tally.call_ms, 1.0), tally.row_errors ? " ROW ERRORS" : "",
                              tally.complete ? "" : " STOPPED BY --time-limit"));
  if (tally.row_errors > 0) {
    return absl::FailedPreconditionError(absl::StrCat(phase, ": ", tally.row_errors, " rows failed"));
  }
  return absl::OkStatus();
}

// --- The province data set ---------------------------------------------------------------------

// Organisations (root excluded) and members a subtree should count.
struct Expected {
  int64_t organizations = 0;
  int64_t members = 0;
};

// The ward that hands organisations over, the one that takes them, and which go.
struct Handover {
  int from_commune = 0;
  int to_commune = 1;
  std::vector<std::string> keys;  // direct grassroots children of the first ward
};

Handover PlanHandover(const std::vector<PlannedOrganization>& plan) {
  Handover handover;
  for (const PlannedOrganization& p : plan) {
    if (static_cast<int>(handover.keys.size()) == kMovedOrganizations) break;
    if (p.grassroots && p.commune == handover.from_commune) handover.keys.push_back(p.row.key());
  }
  return handover;
}

// What the subtree of `commune` (-1: the province) holds before the hand-over, or after it.
Expected ExpectedCounts(const std::vector<PlannedOrganization>& plan, const Handover& handover, int commune,
                        bool after_move) {
  std::set<std::string> moved(handover.keys.begin(), handover.keys.end());
  Expected expected;
  for (const PlannedOrganization& p : plan) {
    if (p.commune < 0) continue;  // the province itself: the root, or above the ward
    int in_commune = p.commune;
    if (after_move && (moved.count(p.row.key()) || moved.count(p.row.parent_key()))) in_commune = handover.to_commune;
    if (commune >= 0 && in_commune != commune) continue;
    if (commune >= 0 && p.row.kind() == v1::COMMUNE_COMMITTEE) continue;  // the ward's root
    ++expected.organizations;
    expected.members += p.members;
  }
  return expected;
}

absl::Status MoveOrganizations(RosterClient& client, const ImportTally& organizations, const Handover& handover,
                               const std::vector<Commune>& communes, Report* report) {
  const Clock::time_point start = Clock::now();
  const std::string to_key = absl::StrCat("X", communes[handover.to_commune].code);
  for (size_t first = 0; first < handover.keys.size(); first += kMovesPerCall) {
    v1::MoveOrganizationsRequest request;
    for (size_t i = first; i < std::min(handover.keys.size(), first + kMovesPerCall); ++i) {
      request.add_organization_ids(organizations.organization_ids.at(handover.keys[i]));
    }
    request.set_new_parent_id(organizations.organization_ids.at(to_key));
    *request.mutable_effective_date() = ToProtoDate(kMoveDay);
    request.mutable_decision()->set_number("BENCH-CG/TU");
    request.set_request_id(absl::StrCat("bench-roster-move-", first));
    RETURN_IF_ERROR(client.MoveOrganizations(request).status());
  }
  const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  report->Add({{"phase", "move_organizations"},
               {"organizations", handover.keys.size()},
               {"calls", (handover.keys.size() + kMovesPerCall - 1) / kMovesPerCall},
               {"seconds", seconds}},
              absl::StrFormat("%-22s %9d organisations (with their cells) from %s to %s on %s in %.2f s",
                              "move_organizations", handover.keys.size(), communes[handover.from_commune].name,
                              communes[handover.to_commune].name, FormatDay(kMoveDay), seconds));
  return absl::OkStatus();
}

// Times `calls` SummarizeSubtree calls after a warm-up and checks the counts.
absl::Status TimeSummary(RosterClient& client, const std::string& scope, const std::string& id,
                         std::optional<absl::CivilDay> as_of, const Expected& expected, int calls, Report* report) {
  v1::SummarizeSubtreeRequest request;
  request.set_organization_id(id);
  if (as_of) *request.mutable_as_of() = ToProtoDate(*as_of);
  v1::SubtreeSummary summary;
  std::vector<double> latencies_us;
  for (int i = 0; i < kSummaryWarmupCalls + calls; ++i) {
    const Clock::time_point issued = Clock::now();
    ASSIGN_OR_RETURN(summary, client.SummarizeSubtree(request));
    const double us = std::chrono::duration<double, std::micro>(Clock::now() - issued).count();
    if (i >= kSummaryWarmupCalls) latencies_us.push_back(us);
  }
  const bool right =
      summary.total_organizations() == expected.organizations && summary.member_count() == expected.members;
  const std::string when = as_of ? FormatDay(*as_of) : "current";
  report->Add({{"measurement", "summarize_subtree"},
               {"scope", scope},
               {"organization_id", id},
               {"as_of", as_of ? nlohmann::json(FormatDay(*as_of)) : nlohmann::json(nullptr)},
               {"calls", calls},
               {"p50_us", Percentile(latencies_us, 0.50)},
               {"p90_us", Percentile(latencies_us, 0.90)},
               {"p99_us", Percentile(latencies_us, 0.99)},
               {"max_us", Percentile(latencies_us, 1.0)},
               {"organizations", summary.total_organizations()},
               {"members", summary.member_count()},
               {"official", summary.official_member_count()},
               {"probationary", summary.probationary_member_count()},
               {"findings", summary.findings_size()},
               {"expected_organizations", expected.organizations},
               {"expected_members", expected.members},
               {"counts_right", right}},
              absl::StrFormat("summary %-8s %-10s p50 %7.0f us  p90 %7.0f  p99 %7.0f  max %7.0f   %5d orgs %7d "
                              "members %s",
                              scope, when, Percentile(latencies_us, 0.5), Percentile(latencies_us, 0.9),
                              Percentile(latencies_us, 0.99), Percentile(latencies_us, 1.0),
                              summary.total_organizations(), summary.member_count(),
                              right ? "(right)" : absl::StrCat("(WRONG: expected ", expected.organizations, " / ",
                                                               expected.members, ")")));
  if (!right) return absl::InternalError(absl::StrCat("summary of the ", scope, " ", when, " has wrong counts"));
  return absl::OkStatus();
}

absl::Status RunProvince(const Options& options, RosterClient& client, Clock::time_point stop_at, Report* report) {
  ASSIGN_OR_RETURN(std::vector<Commune> communes, ReadCommunes(options.units_csv, kProvinceCode, kProvinceCommunes));
  if (options.organizations < 1 + kProvinceCommunes) {
    return absl::InvalidArgumentError(absl::StrCat("--organizations must be at least ", 1 + kProvinceCommunes));
  }
  const std::vector<PlannedOrganization> plan = PlanProvince(communes, options.organizations, options.members);
  ASSIGN_OR_RETURN(ImportTally organizations, ImportOrganizationPlan(client, plan));
  RETURN_IF_ERROR(ReportImport(options, "import_organizations", organizations, 1, report));
  ASSIGN_OR_RETURN(ImportTally members, ImportMemberRows(client, MemberRows(plan), options.in_flight, stop_at));
  RETURN_IF_ERROR(ReportImport(options, "import_members", members, options.in_flight, report));
  if (!members.complete) return absl::DeadlineExceededError("the member import was cut short by --time-limit");

  const Handover handover = PlanHandover(plan);
  RETURN_IF_ERROR(MoveOrganizations(client, organizations, handover, communes, report));

  const std::string ward_id = organizations.organization_ids.at(absl::StrCat("X", communes[handover.from_commune].code));
  const std::string province_id = organizations.organization_ids.at(plan.front().row.key());
  RETURN_IF_ERROR(TimeSummary(client, "ward", ward_id, std::nullopt,
                              ExpectedCounts(plan, handover, handover.from_commune, true), options.summary_calls,
                              report));
  RETURN_IF_ERROR(TimeSummary(client, "ward", ward_id, kBeforeMoveDay,
                              ExpectedCounts(plan, handover, handover.from_commune, false), options.summary_calls,
                              report));
  RETURN_IF_ERROR(TimeSummary(client, "province", province_id, std::nullopt, ExpectedCounts(plan, handover, -1, true),
                              options.summary_calls, report));
  return TimeSummary(client, "province", province_id, kBeforeMoveDay, ExpectedCounts(plan, handover, -1, false),
                     options.summary_calls, report);
}

// --- The import benchmark ----------------------------------------------------------------------

absl::Status RunImport(const Options& options, RosterClient& client, Clock::time_point stop_at, Report* report) {
  ASSIGN_OR_RETURN(std::vector<Commune> communes, ReadCommunes(options.units_csv, kProvinceCode, options.import_wards));
  const std::vector<PlannedOrganization> plan = PlanImportTree(communes, options.import_cells, options.import_members);
  ASSIGN_OR_RETURN(ImportTally organizations, ImportOrganizationPlan(client, plan));
  RETURN_IF_ERROR(ReportImport(options, "import_organizations", organizations, 1, report));
  ASSIGN_OR_RETURN(ImportTally members, ImportMemberRows(client, MemberRows(plan), options.in_flight, stop_at));
  return ReportImport(options, "import_members", members, options.in_flight, report);
}

int Run(const Options& options) {
  const Clock::time_point stop_at =
      Clock::now() + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(options.time_limit));
  RosterClient client(grpc::CreateChannel(options.target, grpc::InsecureChannelCredentials()));
  Report report("haicap-bench-roster");
  const absl::Status status = options.mode == "province" ? RunProvince(options, client, stop_at, &report)
                                                         : RunImport(options, client, stop_at, &report);
  return report.Finish(status, options.server_pid, options.data_dir, options.mode);
}

}  // namespace
}  // namespace haicap::bench

int main(int argc, char** argv) {
  haicap::bench::Options options;
  CLI::App app{"The member roster at province scale: imports and SummarizeSubtree (see bench/README.md)"};
  app.add_option("--target", options.target, "HOST:PORT of a running haicap-registry")->capture_default_str();
  app.add_option("--mode", options.mode, "province: data set + summaries; import: members per second")
      ->check(CLI::IsMember({"province", "import"}))
      ->capture_default_str();
  app.add_option("--units-csv", options.units_csv, "The gazetteer's communes (for real commune codes)")
      ->capture_default_str();
  app.add_option("--organizations", options.organizations, "province: organisations in the data set")
      ->check(CLI::Range(31, 100000))
      ->capture_default_str();
  app.add_option("--members", options.members, "province: members in the data set")
      ->check(CLI::Range(int64_t{0}, int64_t{100'000'000}))
      ->capture_default_str();
  app.add_option("--summary-calls", options.summary_calls, "province: timed SummarizeSubtree calls per case")
      ->check(CLI::Range(1, 100000))
      ->capture_default_str();
  app.add_option("--import-members", options.import_members, "import: members to import")
      ->check(CLI::Range(int64_t{1}, int64_t{100'000'000}))
      ->capture_default_str();
  app.add_option("--import-wards", options.import_wards, "import: commune committees under the province")
      ->check(CLI::Range(1, 126))
      ->capture_default_str();
  app.add_option("--import-cells", options.import_cells, "import: grassroots cells holding the members")
      ->check(CLI::Range(1, 100000))
      ->capture_default_str();
  app.add_option("--in-flight", options.in_flight, "ImportMembers calls outstanding at once")
      ->check(CLI::Range(1, 64))
      ->capture_default_str();
  app.add_option("--server-pid", options.server_pid, "Read the server's peak memory from /proc/PID/status");
  app.add_option("--data-dir", options.data_dir, "Report the size on disk of the server's data folder");
  app.add_option("--time-limit", options.time_limit, "Seconds after which no more import calls are issued")
      ->check(CLI::Range(1.0, 86400.0))
      ->capture_default_str();
  CLI11_PARSE(app, argc, argv);
  return haicap::bench::Run(options);
}
