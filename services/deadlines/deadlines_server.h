// The deadlines server assembled: RocksDB store, calendars, dossiers, the timer sweeper, worker
// pool and gRPC host. main.cc
// runs one; integration tests start one in-process on port 0.
#pragma once

#include <memory>
#include <optional>
#include <vector>

#include "absl/status/statusor.h"
#include "common/periodic_task.h"
#include "common/clock.h"
#include "common/server/server_host.h"
#include "common/server/worker_pool.h"
#include "services/deadlines/calendar_book.h"
#include "services/deadlines/calendar_store.h"
#include "services/deadlines/deadlines_service.h"
#include "services/deadlines/dossier_book.h"
#include "services/deadlines/dossier_store.h"
#include "services/deadlines/event_hub.h"
#include "services/registry/gazetteer/gazetteer.h"

namespace haicap::deadlines {

class DeadlinesServer {
 public:
  struct Tuning {
    // How often the timer sweeper looks for due NEAR_DUE/OVERDUE timers (real time); tests with a
    // FakeClock use a few milliseconds.
    absl::Duration sweep_interval = absl::Seconds(1);
    // The official national years this release ships (default: data/calendars); tests name fewer
    // to play an older release.
    std::optional<std::vector<OfficialYear>> shipped_years;
  };

  // Opens the store in options.data_dir and serves on options.listen. `clock` is not owned.
  static absl::StatusOr<std::unique_ptr<DeadlinesServer>> Start(const server::ServerOptions& options,
                                                               const Clock* clock, Tuning tuning);
  static absl::StatusOr<std::unique_ptr<DeadlinesServer>> Start(const server::ServerOptions& options,
                                                               const Clock* clock) {
    return Start(options, clock, Tuning{});
  }
  ~DeadlinesServer();

  int port() const { return host_->port(); }
  // Graceful stop: NOT_SERVING, drain for up to `grace`, then close the store. Idempotent.
  void Stop(absl::Duration grace);

 private:
  DeadlinesServer() = default;
  std::unique_ptr<storage::Database> db_;
  std::unique_ptr<CalendarStore> calendar_store_;
  std::unique_ptr<DossierStore> dossier_store_;
  std::unique_ptr<registry::Gazetteer> gazetteer_;
  std::unique_ptr<CalendarBook> calendars_;
  EventHub hub_;
  std::unique_ptr<DossierBook> dossiers_;
  // Turns due timers into events and finishes interrupted recomputations (SweepTimers).
  std::unique_ptr<PeriodicTask> sweeper_;
  std::unique_ptr<server::WorkerPool> pool_;
  std::unique_ptr<DeadlinesService> service_;
  std::unique_ptr<server::ServerHost> host_;
};

}  // namespace haicap::deadlines
