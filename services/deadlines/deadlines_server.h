// The deadlines server assembled: RocksDB store, calendars, worker pool and gRPC host. main.cc
// runs one; integration tests start one in-process on port 0.
#pragma once

#include <memory>

#include "absl/status/statusor.h"
#include "common/clock.h"
#include "common/server/server_host.h"
#include "common/server/worker_pool.h"
#include "services/deadlines/calendar_book.h"
#include "services/deadlines/calendar_store.h"
#include "services/deadlines/deadlines_service.h"

namespace haicap::deadlines {

class DeadlinesServer {
 public:
  // Opens the store in options.data_dir and serves on options.listen. `clock` is not owned.
  static absl::StatusOr<std::unique_ptr<DeadlinesServer>> Start(const server::ServerOptions& options,
                                                               const Clock* clock);
  ~DeadlinesServer();

  int port() const { return host_->port(); }
  // Graceful stop: NOT_SERVING, drain for up to `grace`, then close the store. Idempotent.
  void Stop(absl::Duration grace);

 private:
  DeadlinesServer() = default;
  std::unique_ptr<CalendarStore> store_;
  std::unique_ptr<CalendarBook> calendars_;
  std::unique_ptr<server::WorkerPool> pool_;
  std::unique_ptr<DeadlinesService> service_;
  std::unique_ptr<server::ServerHost> host_;
};

}  // namespace haicap::deadlines
