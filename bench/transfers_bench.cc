// haicap-bench-transfers: whole official transfers per second across the three real services
// (haicap-transfers with the registry and the deadlines service behind it).
//
// Seeds the registry with the seed case of docs/domain.md §3 at scale (bench/transfer_wards.h), then
// transfers every member of phường Tây Tựu to a cell of phường Đống Đa with --in-flight transfers
// under way at once, each client thread driving one transfer at a time through all its steps
// (bench/transfer_walk.h), and checks both wards' member counts before and after.
//
// One JSON line per step and a summary line on stdout; progress and a readable summary on stderr.
// The exit code is 1 if any call failed, a transfer did not complete, a count is wrong or
// --time-limit cut the run short.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "CLI/CLI.hpp"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "bench/closed_loop.h"
#include "bench/report.h"
#include "bench/roster_client.h"
#include "bench/transfer_walk.h"
#include "bench/transfer_wards.h"
#include "common/logging.h"
#include "common/status_macros.h"
#include "nlohmann/json.hpp"

namespace haicap::bench {
namespace {

struct Options {
  std::string registry = "127.0.0.1:50051";
  std::string transfers = "127.0.0.1:50052";
  std::string units_csv = "data/admin-units-2025-07.csv";
  int64_t count = 2000;
  int in_flight = 16;
  int cells_per_ward = 80;
  int poll_ms = 5;
  int completion_timeout = 60;
  double time_limit = 600;
};

struct WardCounts {
  int64_t sending = 0;
  int64_t receiving = 0;
};

absl::StatusOr<WardCounts> CountWards(RosterClient& registry, const TransferWards& wards) {
  WardCounts counts;
  ASSIGN_OR_RETURN(counts.sending, MembersUnder(registry, wards.sending_ward_id));
  ASSIGN_OR_RETURN(counts.receiving, MembersUnder(registry, wards.receiving_ward_id));
  return counts;
}

struct Outcome {
  StepTimes times;
  int64_t completed = 0;
  double seconds = 0;  // the first CreateTransfer issued to the last COMPLETED seen
  bool complete = true;  // false when --time-limit stopped the run from starting transfers
};

// Transfers the members of `wards` with options.in_flight client threads, each taking the next
// member until all are done or `stop_at`.
Outcome TransferAll(const Options& options, const TransferWards& wards, Clock::time_point stop_at) {
  const WalkOptions walk{.run = absl::StrCat(absl::ToUnixMillis(absl::Now())),
                         .poll_interval = std::chrono::milliseconds(options.poll_ms),
                         .completion_timeout = std::chrono::seconds(options.completion_timeout)};
  const std::vector<std::shared_ptr<grpc::Channel>> channels = NewChannels(options.transfers, options.in_flight);
  const int64_t progress_step = std::max<int64_t>(1, options.count / 10);
  std::atomic<int64_t> next{0};
  std::mutex mu;  // guards outcome and last_done
  Outcome outcome;
  const Clock::time_point start = Clock::now();
  Clock::time_point last_done = start;

  auto client = [&](int thread) {
    TransferWalk walker(channels[thread], walk);
    StepTimes times;
    for (int64_t i; (i = next.fetch_add(1)) < options.count;) {
      if (Clock::now() >= stop_at) {
        std::lock_guard lock(mu);
        outcome.complete = false;
        break;
      }
      const std::string& to = wards.receiving_cell_ids[i % wards.receiving_cell_ids.size()];
      absl::StatusOr<Clock::time_point> done = walker.Run(wards.member_ids[i], to, &times);
      if (!done.ok()) continue;  // counted in `times`; the other transfers go on
      std::lock_guard lock(mu);
      last_done = std::max(last_done, *done);
      if (++outcome.completed % progress_step == 0) {
        LogInfo("transfers completed", {{"completed", outcome.completed}, {"of", options.count}});
      }
    }
    std::lock_guard lock(mu);
    outcome.times.Merge(times);
  };
  std::vector<std::thread> threads;
  for (int t = 0; t < options.in_flight; ++t) threads.emplace_back(client, t);
  for (std::thread& t : threads) t.join();
  outcome.seconds = std::chrono::duration<double>(last_done - start).count();
  return outcome;
}

// One line per step: calls, errors and latency percentiles.
void ReportSteps(StepTimes& times, Report* report) {
  for (size_t i = 0; i < kTransferStepNames.size(); ++i) {
    std::vector<uint32_t>& us = times.latencies_us[i];
    std::sort(us.begin(), us.end());
    report->Add({{"measurement", "transfer_step"},
                 {"step", kTransferStepNames[i]},
                 {"calls", us.size()},
                 {"errors", times.errors[i]},
                 {"p50_us", Percentile(us, 0.50)},
                 {"p90_us", Percentile(us, 0.90)},
                 {"p99_us", Percentile(us, 0.99)},
                 {"max_us", Percentile(us, 1.0)}},
                absl::StrFormat("%-10s %6d calls %3d errors  p50 %8.2f ms  p99 %8.2f ms  max %8.2f ms",
                                kTransferStepNames[i], us.size(), times.errors[i], Percentile(us, 0.5) / 1e3,
                                Percentile(us, 0.99) / 1e3, Percentile(us, 1.0) / 1e3));
  }
}

absl::Status Run(const Options& options, Report* report) {
  const Clock::time_point stop_at =
      Clock::now() + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(options.time_limit));
  RosterClient registry(grpc::CreateChannel(options.registry, grpc::InsecureChannelCredentials()),
                        "haicap-bench-transfers");
  const Clock::time_point seeding = Clock::now();
  ASSIGN_OR_RETURN(TransferWards wards,
                   SeedTransferWards(registry, options.units_csv, options.count, options.cells_per_ward, stop_at));
  const double seed_seconds = std::chrono::duration<double>(Clock::now() - seeding).count();
  LogInfo("registry seeded", {{"members", wards.member_ids.size()}, {"seconds", seed_seconds}});
  ASSIGN_OR_RETURN(WardCounts before, CountWards(registry, wards));

  Outcome outcome = TransferAll(options, wards, stop_at);
  ASSIGN_OR_RETURN(WardCounts after, CountWards(registry, wards));
  ReportSteps(outcome.times, report);

  const int64_t n = options.count, done = outcome.completed;
  const bool counts_right = before.sending == n && before.receiving == 0 && after.sending == n - done &&
                            after.receiving == done;
  const double rate = outcome.seconds > 0 ? static_cast<double>(done) / outcome.seconds : 0;
  report->Add({{"measurement", "transfers"},
               {"transfers", n},
               {"completed", done},
               {"complete", outcome.complete},
               {"in_flight", options.in_flight},
               {"seconds", outcome.seconds},
               {"transfers_per_second", rate},
               {"seed_seconds", seed_seconds},
               {"sending_ward", {{"before", before.sending}, {"after", after.sending}}},
               {"receiving_ward", {{"before", before.receiving}, {"after", after.receiving}}},
               {"counts_right", counts_right}},
              absl::StrFormat("%d of %d transfers completed in %.1f s = %.1f/s with %d in flight; Tây Tựu %d -> %d, "
                              "Đống Đa %d -> %d members: %s",
                              done, n, outcome.seconds, rate, options.in_flight, before.sending, after.sending,
                              before.receiving, after.receiving, counts_right ? "counts right" : "COUNTS WRONG"));
  RETURN_IF_ERROR(outcome.times.first_error);
  if (!counts_right) return absl::InternalError("the wards' member counts do not match the transfers");
  if (!outcome.complete) return absl::DeadlineExceededError("--time-limit stopped the run before every transfer");
  return absl::OkStatus();
}

}  // namespace
}  // namespace haicap::bench

int main(int argc, char** argv) {
  haicap::bench::Options options;
  CLI::App app{"Whole membership transfers per second across registry, transfers and deadlines (see bench/README.md)"};
  app.add_option("--registry", options.registry, "HOST:PORT of the haicap-registry the transfers service uses")
      ->capture_default_str();
  app.add_option("--transfers", options.transfers, "HOST:PORT of haicap-transfers")->capture_default_str();
  app.add_option("--units-csv", options.units_csv, "The gazetteer's communes (for real commune codes)")
      ->capture_default_str();
  app.add_option("--count", options.count, "Transfers (and members seeded in the sending ward)")
      ->check(CLI::Range(int64_t{1}, int64_t{1'000'000}))
      ->capture_default_str();
  app.add_option("--in-flight", options.in_flight, "Transfers under way at once (one client thread each)")
      ->check(CLI::Range(1, 256))
      ->capture_default_str();
  app.add_option("--cells-per-ward", options.cells_per_ward, "Grassroots cells under each ward")
      ->check(CLI::Range(1, 10000))
      ->capture_default_str();
  app.add_option("--poll-ms", options.poll_ms, "Milliseconds between GetTransfer polls while awaiting COMPLETED")
      ->check(CLI::Range(1, 1000))
      ->capture_default_str();
  app.add_option("--completion-timeout", options.completion_timeout,
                 "Seconds a received transfer may take to become COMPLETED")
      ->check(CLI::Range(1, 3600))
      ->capture_default_str();
  app.add_option("--time-limit", options.time_limit, "Seconds after which no more transfers are started")
      ->check(CLI::Range(1.0, 86400.0))
      ->capture_default_str();
  CLI11_PARSE(app, argc, argv);
  haicap::bench::Report report("haicap-bench-transfers");
  return report.Finish(haicap::bench::Run(options, &report), 0, "", "transfers");
}
