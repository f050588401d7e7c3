// haicap-bench-sweeper: what one tick of the timer sweeper costs with many open dossiers, in-process
// on a FakeClock (the deadlines server's parts wired as services/deadlines/deadlines_server.cc does,
// without gRPC and without the sweeper thread, so the ticks below are the only ones).
//
// For each size in --sizes it brings the open dossiers up to that many (CreateDossier through
// DossierBook from --threads threads; 60–250 working days, so every timer they arm lies months
// ahead), then for each k in --due: creates k/2 dossiers of one working day, advances the clock
// past their OVERDUE instant so that exactly k timers (a NEAR_DUE and an OVERDUE each) are due,
// and times one tick as the server's SweepTimers runs it (FireDueTimers(512) until a round comes back short),
// then one more tick with nothing due. RocksDB's perf context counts what each tick read.
//
// One JSON line per tick on stdout, a table on stderr.
#include <stdlib.h>
#include <time.h>

#include <filesystem>
#include <functional>
#include <iostream>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "CLI/CLI.hpp"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/civil_time.h"
#include "bench/communes.h"
#include "bench/dossier_requests.h"
#include "bench/mix.h"
#include "common/clock.h"
#include "common/logging.h"
#include "common/status_macros.h"
#include "nlohmann/json.hpp"
#include "rocksdb/perf_context.h"
#include "rocksdb/perf_level.h"
#include "services/deadlines/calendar_book.h"
#include "services/deadlines/calendar_store.h"
#include "services/deadlines/deadlines_database.h"
#include "services/deadlines/dossier_book.h"
#include "services/deadlines/dossier_store.h"
#include "services/deadlines/event_hub.h"
#include "services/registry/gazetteer/gazetteer.h"

namespace haicap::bench {
namespace {

namespace v1 = ::haicap::deadlines::v1;
using deadlines::CalendarBook;
using deadlines::CalendarStore;
using deadlines::DossierBook;
using deadlines::DossierStore;

constexpr char kActor[] = "haicap-bench-sweeper";
constexpr char kProvinceCode[] = "01";
// As SweepTimers (services/deadlines/deadlines_server.cc).
constexpr size_t kTimersPerRound = 512;
constexpr int64_t kMinWorkingDays = 60;
constexpr int64_t kMaxWorkingDays = 250;
// Monday 2 June 2025, 09:00 in Hà Nội: the calendar ships the days of 2025 and 2026.
constexpr absl::CivilSecond kStart(2025, 6, 2, 9, 0, 0);

struct Options {
  std::vector<int64_t> sizes = {100'000, 1'000'000};
  std::vector<int64_t> due = {0, 10, 100, 1000, 10000};
  int threads = 16;
  std::string data_dir;
  std::string units_csv = "data/admin-units-2025-07.csv";
};

// The deadlines server's storage and books, as DeadlinesServer::Start wires them.
struct Service {
  std::unique_ptr<storage::Database> db;
  std::unique_ptr<CalendarStore> calendar_store;
  std::unique_ptr<DossierStore> dossier_store;
  std::unique_ptr<registry::Gazetteer> gazetteer;
  std::unique_ptr<CalendarBook> calendars;
  deadlines::EventHub hub;
  std::unique_ptr<DossierBook> dossiers;
};

absl::Status Open(const std::string& dir, const Clock* clock, Service* s) {
  ASSIGN_OR_RETURN(s->db, deadlines::OpenDeadlinesDatabase(dir));
  s->calendar_store = std::make_unique<CalendarStore>(s->db.get());
  s->dossier_store = std::make_unique<DossierStore>(s->db.get());
  ASSIGN_OR_RETURN(s->gazetteer, registry::Gazetteer::LoadEmbedded());
  ASSIGN_OR_RETURN(std::vector<deadlines::OfficialYear> shipped, deadlines::ShippedNationalYears());
  ASSIGN_OR_RETURN(s->calendars, CalendarBook::Open(s->calendar_store.get(), clock, shipped));
  ASSIGN_OR_RETURN(s->dossiers, DossierBook::Open(s->dossier_store.get(), s->calendars.get(), s->gazetteer.get(), clock,
                                                  &s->hub));
  return absl::OkStatus();
}

// Creates dossiers [first, end) of `prefix` from `threads` threads, received now; the `i`-th runs
// for working_days(i). Returns the due instant of the last one created.
absl::StatusOr<absl::Time> CreateOpen(DossierBook& book, const std::vector<Commune>& communes,
                                      const std::string& prefix, int64_t first, int64_t end, int threads,
                                      const std::function<int64_t(int64_t)>& working_days) {
  std::mutex mu;  // guards failure and due
  absl::Status failure;
  absl::Time due;
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&, t] {
      v1::CreateDossierRequest request;
      for (int64_t i = first + t; i < end; i += threads) {
        const uint64_t bits = Mix(static_cast<uint64_t>(i));
        const std::string id = absl::StrFormat("%s%08d", prefix, i);
        FillCreateDossier({.id = id,
                           .unit_code = communes[bits % communes.size()].code,
                           .channel = ChannelFor(bits >> 32),
                           .working_days = working_days(i),
                           .request_id = id},
                          &request);
        absl::StatusOr<v1::Dossier> created = book.Create(request, kActor);
        std::lock_guard lock(mu);
        if (!created.ok()) {
          failure.Update(created.status());
          return;
        }
        due = absl::FromUnixSeconds(created->due_at().seconds());
      }
    });
  }
  for (std::thread& w : workers) w.join();
  if (!failure.ok()) return failure;
  return due;
}

struct Tick {
  double ms = 0;
  double cpu_ms = 0;  // of the tick's thread: the rest of `ms` is waiting, mostly for fsync
  size_t fired = 0;
  rocksdb::PerfContext reads;  // what the tick's thread read
};

double ThreadCpuMs() {
  timespec t{};
  ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_nsec) / 1e6;
}

// One tick as SweepTimers does it.
absl::StatusOr<Tick> RunTick(DossierBook& book) {
  Tick tick;
  rocksdb::get_perf_context()->Reset();
  const double cpu_start = ThreadCpuMs();
  const absl::Time start = absl::Now();
  for (;;) {
    ASSIGN_OR_RETURN(size_t fired, book.FireDueTimers(kTimersPerRound));
    tick.fired += fired;
    if (fired < kTimersPerRound) break;
  }
  tick.ms = absl::ToDoubleMilliseconds(absl::Now() - start);
  tick.cpu_ms = ThreadCpuMs() - cpu_start;
  tick.reads = *rocksdb::get_perf_context();
  return tick;
}

// Internal keys the tick's iterators stepped over without returning them (deleted or overwritten).
uint64_t Skipped(const Tick& tick) {
  return tick.reads.internal_key_skipped_count + tick.reads.internal_delete_skipped_count;
}

nlohmann::json TickLine(int64_t open, int64_t due, const char* tick_kind, const Tick& tick) {
  return {{"measurement", "sweeper_tick"},
          {"open_dossiers", open},
          {"due_timers", due},
          {"tick", tick_kind},
          {"ms", tick.ms},
          {"cpu_ms", tick.cpu_ms},
          {"fired", tick.fired},
          {"keys_skipped", Skipped(tick)},
          {"deletes_skipped", tick.reads.internal_delete_skipped_count},
          {"iterator_seeks", tick.reads.seek_on_memtable_count},
          {"iterator_nexts", tick.reads.next_on_memtable_count},
          {"memtable_gets", tick.reads.get_from_memtable_count},
          {"block_reads", tick.reads.block_read_count}};
}

absl::Status Run(const Options& options, const std::string& dir) {
  ASSIGN_OR_RETURN(std::vector<Commune> communes, ReadCommunes(options.units_csv, kProvinceCode, 126));
  FakeClock clock(absl::FromCivil(kStart, VietnamTimeZone()));
  Service service;
  RETURN_IF_ERROR(Open(dir, &clock, &service));
  DossierBook& book = *service.dossiers;
  rocksdb::SetPerfLevel(rocksdb::PerfLevel::kEnableCount);

  std::cerr << absl::StrFormat("\n%10s %10s %10s %8s %8s %12s %8s %6s   %s\n", "open", "due timers", "tick ms",
                               "CPU ms", "fired", "keys skipped", "Gets", "blocks", "then idle tick: ms, keys skipped");
  int64_t open = 0;
  int probe_round = 0;
  for (const int64_t size : options.sizes) {
    if (size > open) {
      const absl::Time started = absl::Now();
      RETURN_IF_ERROR(CreateOpen(book, communes, "SW-", open, size, options.threads, [](int64_t i) {
                        return kMinWorkingDays + static_cast<int64_t>(Mix(i) % (kMaxWorkingDays - kMinWorkingDays));
                      }).status());
      const double seconds = absl::ToDoubleSeconds(absl::Now() - started);
      LogInfo("open dossiers created", {{"created", size - open}, {"open", size},
                                        {"per_second", static_cast<double>(size - open) / seconds}});
      open = size;
    }
    for (const int64_t due : options.due) {
      // Each probe arms a NEAR_DUE (one working day before its due instant) and an OVERDUE (the
      // midnight after its due day) timer; past the latter, both are due.
      const int64_t probes = due / 2;
      absl::Time fire_by = clock.Now() + absl::Hours(24);
      if (probes > 0) {
        ASSIGN_OR_RETURN(absl::Time probe_due,
                         CreateOpen(book, communes, absl::StrCat("PROBE-", ++probe_round, "-"), 0, probes,
                                    options.threads, [](int64_t) { return int64_t{1}; }));
        fire_by = absl::FromCivil(absl::ToCivilDay(probe_due, VietnamTimeZone()) + 1, VietnamTimeZone());
      }
      clock.Set(fire_by + absl::Seconds(1));
      ASSIGN_OR_RETURN(Tick tick, RunTick(book));
      ASSIGN_OR_RETURN(Tick idle, RunTick(book));
      if (tick.fired != static_cast<size_t>(2 * probes)) {
        return absl::InternalError(absl::StrCat("expected ", 2 * probes, " timers due, the tick fired ", tick.fired));
      }
      std::cout << TickLine(open, 2 * probes, "due", tick).dump() << "\n"
                << TickLine(open, 0, "idle_after", idle).dump() << std::endl;
      std::cerr << absl::StrFormat("%10d %10d %10.2f %8.2f %8d %12d %8d %6d   %.3f ms, %d\n", open, 2 * probes,
                                   tick.ms, tick.cpu_ms, tick.fired, Skipped(tick), tick.reads.get_from_memtable_count,
                                   tick.reads.block_read_count, idle.ms, Skipped(idle));
      // The next probes are received on a working morning again.
      clock.Set(absl::FromCivil(absl::CivilSecond(absl::ToCivilDay(clock.Now(), VietnamTimeZone())) + 9 * 3600,
                                VietnamTimeZone()));
    }
  }
  return absl::OkStatus();
}

}  // namespace
}  // namespace haicap::bench

int main(int argc, char** argv) {
  haicap::bench::Options options;
  CLI::App app{"One timer-sweeper tick with many open dossiers, in-process (see bench/README.md)"};
  app.add_option("--sizes", options.sizes, "Open dossiers to measure at, increasing")->delimiter(',');
  app.add_option("--due", options.due, "Timers due at each measured tick (even numbers)")->delimiter(',');
  app.add_option("--threads", options.threads, "Threads creating dossiers")->check(CLI::Range(1, 256));
  app.add_option("--data-dir", options.data_dir, "A new folder for the store (default: a temporary one, deleted)");
  app.add_option("--units-csv", options.units_csv, "The gazetteer's communes (for real commune codes)")
      ->capture_default_str();
  CLI11_PARSE(app, argc, argv);
  std::string dir = options.data_dir;
  if (dir.empty()) {
    std::string pattern = (std::filesystem::temp_directory_path() / "haicap-sweeper.XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) {
      std::cerr << "cannot create a temporary folder\n";
      return 1;
    }
    dir = pattern;
  }
  const absl::Status status = haicap::bench::Run(options, dir);
  if (options.data_dir.empty()) std::filesystem::remove_all(dir);
  if (!status.ok()) {
    haicap::LogError("sweeper benchmark failed", {{"error", status.ToString()}});
    return 1;
  }
  return 0;
}
