// haicap-bench-dossiers: the 766 statistics at province scale, against a running haicap-deadlines.
//
// --mode load (default, on a fresh server): loads --dossiers dossiers of the data set in
// bench/dossier_plan.h over Hà Nội's 126 communes — CreateDossier back-dated to the receipt, then
// TransitionDossier to 4 and/or 9 dated when the plan says — keeping --in-flight calls outstanding
// (each slot walks one dossier through its calls), then measures.
// --mode measure: measures only, on a server that holds the data set of the same --dossiers and
// --anchor (e.g. the same server after a restart).
//
// The measurements: GetStatistics for a commune, the province and every unit (""), over the last
// full month and the twelve months up to it, each for --seconds with 1 call in flight (sequential
// calls) and with --concurrency. The counts the plan fixes (received, finished, carried over, open
// at the end) are checked.
//
// Each measurement is one JSON line on stdout; progress and a readable summary go to stderr. The
// exit code is 1 if any call failed or a count is wrong.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "CLI/CLI.hpp"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/civil_time.h"
#include "bench/closed_loop.h"
#include "bench/communes.h"
#include "bench/dossier_plan.h"
#include "bench/dossier_requests.h"
#include "bench/report.h"
#include "common/proto_time.h"
#include "common/civil_date.h"
#include "common/clock.h"
#include "common/logging.h"
#include "common/status_macros.h"
#include "haicap/deadlines/v1/deadlines.grpc.pb.h"
#include "nlohmann/json.hpp"

namespace haicap::bench {
namespace {

namespace v1 = ::haicap::deadlines::v1;

constexpr char kActor[] = "haicap-bench-dossiers";
constexpr char kProvinceCode[] = "01";

struct Options {
  std::string target = "127.0.0.1:50053";
  std::string mode = "load";
  std::string units_csv = "data/admin-units-2025-07.csv";
  int communes = 126;
  uint64_t dossiers = 1'000'000;
  int64_t anchor = 0;  // Unix seconds; 0: now
  int in_flight = 64;
  int threads = 2;
  double seconds = 3;
  int concurrency = 8;
  double time_limit = 1200;
  int server_pid = 0;
  std::string data_dir;
};

// --- Loading -----------------------------------------------------------------------------------

// Hands the plan's dossiers out to the slots, in index order, and counts the ones fully loaded.
class LoadWorkload final : public Workload {
 public:
  LoadWorkload(const DossierPlan& plan, const std::vector<Commune>& communes, uint64_t count)
      : plan_(plan), communes_(communes), count_(count), progress_step_(std::max<uint64_t>(1, count / 10)) {}

  std::unique_ptr<CallSlot> NewSlot(const std::shared_ptr<grpc::Channel>& channel) override;

  // The next dossier to load, or nullopt when every one has been handed out.
  std::optional<PlannedDossier> Next() {
    const uint64_t n = NextNumber();
    if (n >= count_) return std::nullopt;
    if (n > 0 && n % progress_step_ == 0) {
      LogInfo("loading dossiers", {{"started", n}, {"of", count_}, {"loaded", loaded_.load()}});
    }
    return plan_.Dossier(n);
  }
  const std::string& UnitOf(const PlannedDossier& d) const { return communes_[d.commune].code; }
  void Loaded() { loaded_.fetch_add(1, std::memory_order_relaxed); }
  uint64_t loaded() const { return loaded_.load(); }

 private:
  const DossierPlan& plan_;
  const std::vector<Commune>& communes_;
  const uint64_t count_;
  const uint64_t progress_step_;
  std::atomic<uint64_t> loaded_{0};
};

// Walks one dossier at a time through its calls: CreateDossier, then each planned transition. A
// failed call abandons the dossier (the loop counts the error).
class DossierLifeSlot final : public CallSlot {
 public:
  DossierLifeSlot(LoadWorkload* workload, std::shared_ptr<v1::Deadlines::Stub> stub)
      : workload_(workload), stub_(std::move(stub)) {}

 private:
  bool Start(grpc::ClientContext* context, grpc::CompletionQueue* cq) override {
    if (!dossier_ || !status_.ok() || next_step_ == steps_.size()) {
      if (dossier_ && status_.ok()) workload_->Loaded();
      if (!NextDossier()) return false;
    }
    const auto& [to, at] = steps_[next_step_++];
    if (to == v1::RECEIVED) {
      v1::CreateDossierRequest request;
      FillCreateDossier({.id = dossier_->id,
                         .unit_code = workload_->UnitOf(*dossier_),
                         .channel = dossier_->channel,
                         .received_at = at,
                         .request_id = absl::StrCat("bench-", dossier_->id)},
                        &request);
      reader_ = stub_->AsyncCreateDossier(context, request, cq);
    } else {
      v1::TransitionDossierRequest request;
      request.set_id(dossier_->id);
      request.set_status(to);
      *request.mutable_occurred_at() = ToTimestamp(at);
      request.set_request_id(absl::StrCat("bench-", dossier_->id, "-", static_cast<int>(to)));
      reader_ = stub_->AsyncTransitionDossier(context, request, cq);
    }
    response_.Clear();
    reader_->Finish(&response_, &status_, this);
    return true;
  }

  // Takes the next dossier of the plan and lists its calls; false when there is none.
  bool NextDossier() {
    dossier_ = workload_->Next();
    if (!dossier_) return false;
    steps_.clear();
    steps_.emplace_back(v1::RECEIVED, dossier_->received_at);
    if (dossier_->processing_at) steps_.emplace_back(v1::PROCESSING, *dossier_->processing_at);
    if (dossier_->finished_at) steps_.emplace_back(v1::PROCESSED, *dossier_->finished_at);
    next_step_ = 0;
    return true;
  }

  LoadWorkload* workload_;
  std::shared_ptr<v1::Deadlines::Stub> stub_;
  std::optional<PlannedDossier> dossier_;
  std::vector<std::pair<v1::DossierStatus, absl::Time>> steps_;  // RECEIVED stands for the creation
  size_t next_step_ = 0;
  v1::Dossier response_;
  std::unique_ptr<grpc::ClientAsyncResponseReader<v1::Dossier>> reader_;
};

std::unique_ptr<CallSlot> LoadWorkload::NewSlot(const std::shared_ptr<grpc::Channel>& channel) {
  return std::make_unique<DossierLifeSlot>(this, v1::Deadlines::NewStub(channel));
}

absl::Status Load(const Options& options, const DossierPlan& plan, const std::vector<Commune>& communes,
                  const std::vector<std::shared_ptr<grpc::Channel>>& channels, Report* report) {
  LoadWorkload workload(plan, communes, options.dossiers);
  const LoopResult result = RunClosedLoop(workload, channels,
                                          {.actor = kActor,
                                           .in_flight = options.in_flight,
                                           .threads = options.threads,
                                           .seconds = options.time_limit,
                                           .warmup = 0,
                                           .max_calls = UINT64_MAX / 2});
  const bool complete = workload.loaded() == options.dossiers;
  const double per_second = result.seconds > 0 ? static_cast<double>(workload.loaded()) / result.seconds : 0;
  nlohmann::json line = result.Figures();
  line["phase"] = "load";
  line["dossiers"] = options.dossiers;
  line["loaded"] = workload.loaded();
  line["dossiers_per_second"] = per_second;
  line["in_flight"] = options.in_flight;
  line["complete"] = complete;
  report->Add(line, absl::StrFormat("load: %d dossiers in %.1f s = %.0f/s (%d calls, %.0f/s, p50 %.1f ms, p99 %.1f "
                                    "ms, %d errors, %d in flight)%s",
                                    workload.loaded(), result.seconds, per_second, result.calls, result.rps(),
                                    Percentile(result.latencies_us, 0.5) / 1e3,
                                    Percentile(result.latencies_us, 0.99) / 1e3, result.errors, options.in_flight,
                                    complete ? "" : " INCOMPLETE"));
  if (result.errors > 0) return absl::InternalError(absl::StrCat(result.errors, " load calls failed"));
  if (!complete) return absl::DeadlineExceededError("the load was cut short by --time-limit");
  return absl::OkStatus();
}

// --- Statistics --------------------------------------------------------------------------------

struct Case {
  std::string scope;  // "commune", "province", "all"
  std::string unit_code;
  int commune = -1;  // the commune's index; -1 for the whole province
  std::string period;  // "month", "year"
  absl::CivilDay from;
  absl::CivilDay to;
};

// What the plan fixes about a case's answer.
struct Expected {
  int64_t received = 0;
  int64_t finished = 0;
  int64_t carried_over = 0;
  int64_t open_at_end = 0;
};

// The plan's dossiers reduced to what the checks need.
struct Fact {
  int commune;
  absl::CivilDay received;
  std::optional<absl::CivilDay> finished;
};

std::vector<Fact> Facts(const DossierPlan& plan, uint64_t count) {
  std::vector<Fact> facts;
  facts.reserve(count);
  for (uint64_t i = 0; i < count; ++i) {
    const PlannedDossier d = plan.Dossier(i);
    facts.push_back({d.commune, VietnamDay(d.received_at),
                     d.finished_at ? std::optional(VietnamDay(*d.finished_at)) : std::nullopt});
  }
  return facts;
}

Expected ExpectedFor(const std::vector<Fact>& facts, const Case& c) {
  Expected e;
  for (const Fact& f : facts) {
    if (c.commune >= 0 && f.commune != c.commune) continue;
    const bool finished_before = f.finished && *f.finished < c.from;
    if (f.received < c.from && !finished_before) ++e.carried_over;
    if (f.received >= c.from && f.received <= c.to) ++e.received;
    if (f.finished && *f.finished >= c.from && *f.finished <= c.to) ++e.finished;
    if (f.received <= c.to && !(f.finished && *f.finished <= c.to)) ++e.open_at_end;
  }
  return e;
}

v1::GetStatisticsRequest RequestFor(const Case& c) {
  v1::GetStatisticsRequest request;
  request.set_unit_code(c.unit_code);
  *request.mutable_from_date() = ToProtoDate(c.from);
  *request.mutable_to_date() = ToProtoDate(c.to);
  return request;
}

// The same GetStatistics call again and again.
class StatisticsWorkload final : public Workload {
 public:
  explicit StatisticsWorkload(v1::GetStatisticsRequest request) : request_(std::move(request)) {}
  std::unique_ptr<CallSlot> NewSlot(const std::shared_ptr<grpc::Channel>& channel) override {
    auto stub = std::shared_ptr<v1::Deadlines::Stub>(v1::Deadlines::NewStub(channel));
    return std::make_unique<UnarySlot<v1::GetStatisticsRequest, v1::Statistics>>(
        [this](v1::GetStatisticsRequest* request) { *request = request_; },
        [stub](grpc::ClientContext* c, const v1::GetStatisticsRequest& r, grpc::CompletionQueue* cq) {
          return stub->AsyncGetStatistics(c, r, cq);
        });
  }

 private:
  const v1::GetStatisticsRequest request_;
};

absl::StatusOr<v1::Statistics> GetStatistics(const std::shared_ptr<grpc::Channel>& channel,
                                             const v1::GetStatisticsRequest& request) {
  grpc::ClientContext context;
  context.AddMetadata(kActorHeader, kActor);
  context.set_deadline(std::chrono::system_clock::now() + kCallDeadline);
  v1::Statistics statistics;
  const grpc::Status status = v1::Deadlines::NewStub(channel)->GetStatistics(&context, request, &statistics);
  if (!status.ok()) return absl::Status(static_cast<absl::StatusCode>(status.error_code()), status.error_message());
  return statistics;
}

// Checks one answer against the plan, then times the call with 1 and with --concurrency in flight.
absl::Status Measure(const Options& options, const Case& c, const Expected& expected,
                     const std::vector<std::shared_ptr<grpc::Channel>>& channels, Report* report) {
  const v1::GetStatisticsRequest request = RequestFor(c);
  ASSIGN_OR_RETURN(v1::Statistics s, GetStatistics(channels[0], request));
  const int64_t open = s.in_progress_within_time() + s.in_progress_overdue() + s.waiting_supplement();
  const bool right = s.received_total() == expected.received && s.finished_total() == expected.finished &&
                     s.carried_over() == expected.carried_over && open == expected.open_at_end;
  absl::Status status = absl::OkStatus();
  if (!right) {
    status = absl::InternalError(absl::StrCat(
        "wrong counts for ", c.scope, " ", c.period, ": received ", s.received_total(), " (", expected.received,
        " expected), finished ", s.finished_total(), " (", expected.finished, "), carried over ", s.carried_over(),
        " (", expected.carried_over, "), open at the end ", open, " (", expected.open_at_end, ")"));
  }
  for (const int in_flight : {1, options.concurrency}) {
    StatisticsWorkload workload(request);
    const LoopResult result = RunClosedLoop(workload, channels,
                                            {.actor = kActor,
                                             .in_flight = in_flight,
                                             .threads = std::min(in_flight, options.threads),
                                             .seconds = options.seconds,
                                             .warmup = 0.5,
                                             .max_calls = UINT64_MAX / 2});
    nlohmann::json line = result.Figures();
    line["measurement"] = "get_statistics";
    line["mode"] = options.mode;
    line["scope"] = c.scope;
    line["unit_code"] = c.unit_code;
    line["period"] = c.period;
    line["from"] = FormatDay(c.from);
    line["to"] = FormatDay(c.to);
    line["in_flight"] = in_flight;
    line["carried_over"] = s.carried_over();
    line["received_total"] = s.received_total();
    line["finished_total"] = s.finished_total();
    line["finished_late"] = s.finished_late();
    line["in_progress_within_time"] = s.in_progress_within_time();
    line["in_progress_overdue"] = s.in_progress_overdue();
    line["on_time_rate_percent"] = s.on_time_rate_percent();
    line["counts_right"] = right;
    report->Add(line, absl::StrFormat("statistics %-8s %-5s %d in flight: p50 %6.2f ms  p99 %6.2f ms  %7.0f/s   "
                                      "received %7d finished %7d (late %6d) open %6d (overdue %5d) %s",
                                      c.scope, c.period, in_flight, Percentile(result.latencies_us, 0.5) / 1e3,
                                      Percentile(result.latencies_us, 0.99) / 1e3, result.rps(), s.received_total(),
                                      s.finished_total(), s.finished_late(), open, s.in_progress_overdue(),
                                      right ? "(right)" : "(WRONG)"));
    if (result.errors > 0 && status.ok()) status = absl::InternalError("GetStatistics calls failed");
  }
  return status;
}

absl::Status MeasureAll(const Options& options, const DossierPlan& plan, const std::vector<Commune>& communes,
                        absl::Time anchor, const std::vector<std::shared_ptr<grpc::Channel>>& channels,
                        Report* report) {
  const std::vector<Fact> facts = Facts(plan, options.dossiers);
  // The last full month before the anchor, and the twelve months ending with it.
  const absl::CivilMonth month = absl::CivilMonth(VietnamDay(anchor)) - 1;
  const absl::CivilDay month_end = absl::CivilDay(month + 1) - 1;
  const std::vector<std::pair<std::string, absl::CivilDay>> periods = {
      {"month", absl::CivilDay(month)}, {"year", absl::CivilDay(month - 11)}};
  const std::vector<std::tuple<std::string, std::string, int>> scopes = {
      {"commune", communes[0].code, 0}, {"province", kProvinceCode, -1}, {"all", "", -1}};
  absl::Status status = absl::OkStatus();
  for (const auto& [scope, unit_code, commune] : scopes) {
    for (const auto& [period, from] : periods) {
      const Case c{scope, unit_code, commune, period, from, month_end};
      status.Update(Measure(options, c, ExpectedFor(facts, c), channels, report));
    }
  }
  return status;
}

int Run(const Options& options) {
  const absl::Time anchor = options.anchor > 0 ? absl::FromUnixSeconds(options.anchor) : absl::Now();
  Report report("haicap-bench-dossiers");
  absl::StatusOr<std::vector<Commune>> communes = ReadCommunes(options.units_csv, kProvinceCode, options.communes);
  absl::Status status = communes.status();
  if (status.ok()) {
    const DossierPlan plan(anchor, options.communes);
    const std::vector<std::shared_ptr<grpc::Channel>> channels = NewChannels(options.target, options.threads);
    LogInfo("dossier benchmark", {{"mode", options.mode},
                                  {"dossiers", options.dossiers},
                                  {"anchor", absl::ToUnixSeconds(anchor)}});
    if (options.mode == "load") status = Load(options, plan, *communes, channels, &report);
    if (status.ok()) status = MeasureAll(options, plan, *communes, anchor, channels, &report);
  }
  return report.Finish(status, options.server_pid, options.data_dir, options.mode);
}

}  // namespace
}  // namespace haicap::bench

int main(int argc, char** argv) {
  haicap::bench::Options options;
  CLI::App app{"The 766 statistics over a province's dossiers: load, then GetStatistics (see bench/README.md)"};
  app.add_option("--target", options.target, "HOST:PORT of a running haicap-deadlines")->capture_default_str();
  app.add_option("--mode", options.mode, "load: load the data set, then measure; measure: measure only")
      ->check(CLI::IsMember({"load", "measure"}))
      ->capture_default_str();
  app.add_option("--units-csv", options.units_csv, "The gazetteer's communes (for real commune codes)")
      ->capture_default_str();
  app.add_option("--communes", options.communes, "Communes of Hà Nội (01) the dossiers are spread over")
      ->check(CLI::Range(1, 126))
      ->capture_default_str();
  app.add_option("--dossiers", options.dossiers, "Dossiers in the data set")
      ->check(CLI::Range(uint64_t{1}, uint64_t{100'000'000}))
      ->capture_default_str();
  app.add_option("--anchor", options.anchor,
                 "Unix seconds the data set is dated back from (not after the server's clock); 0: now. "
                 "--mode measure needs the anchor of the load")
      ->capture_default_str();
  app.add_option("--in-flight", options.in_flight, "load: calls kept outstanding")
      ->check(CLI::Range(1, 10000))
      ->capture_default_str();
  app.add_option("--threads", options.threads, "Client threads, each with its own channel and queue")
      ->check(CLI::Range(1, 64))
      ->capture_default_str();
  app.add_option("--seconds", options.seconds, "Measured seconds per GetStatistics case and concurrency")
      ->check(CLI::Range(0.1, 600.0))
      ->capture_default_str();
  app.add_option("--concurrency", options.concurrency, "GetStatistics calls in flight in the concurrent runs")
      ->check(CLI::Range(2, 1000))
      ->capture_default_str();
  app.add_option("--time-limit", options.time_limit, "load: seconds after which no more calls are issued")
      ->check(CLI::Range(1.0, 86400.0))
      ->capture_default_str();
  app.add_option("--server-pid", options.server_pid, "Read the server's peak memory from /proc/PID/status");
  app.add_option("--data-dir", options.data_dir, "Report the size on disk of the server's data folder");
  CLI11_PARSE(app, argc, argv);
  if (options.mode == "measure" && options.anchor <= 0) {
    std::cerr << "--mode measure needs the --anchor of the load\n";
    return 2;
  }
  return haicap::bench::Run(options);
}
