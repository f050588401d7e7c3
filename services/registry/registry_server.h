// The registry server assembled: RocksDB store, gazetteer, domain, worker pool and gRPC host, and
// with a "deadlines" peer the outbox and the recognition starter that keep the member clocks in
// the deadlines service. main.cc runs one; integration tests start one in-process on port 0.
#pragma once

#include <memory>

#include "absl/status/statusor.h"
#include "common/periodic_task.h"
#include "common/clock.h"
#include "common/deadlines/event_watcher.h"
#include "common/outbox/outbox.h"
#include "common/server/server_host.h"
#include "common/server/worker_pool.h"
#include "services/registry/clock_deliveries.h"
#include "services/registry/gazetteer/gazetteer.h"
#include "services/registry/member_clocks.h"
#include "services/registry/organization_registry.h"
#include "services/registry/registry_service.h"
#include "services/registry/registry_store.h"

namespace haicap::registry {

class RegistryServer {
 public:
  struct Tuning {
    // How often the outbox retries when nobody wakes it, and its first backoff (real time).
    absl::Duration outbox_poll = absl::Seconds(1);
    absl::Duration initial_backoff = absl::Milliseconds(100);
    // How often probations that have ended get their recognition clock (real time).
    absl::Duration recognition_interval = absl::Minutes(10);
  };

  // Opens the store in options.data_dir and serves on options.listen. options.peers may name
  // "deadlines" (HOST:PORT): without it no member clocks are kept. `clock` is not owned.
  static absl::StatusOr<std::unique_ptr<RegistryServer>> Start(const server::ServerOptions& options,
                                                              const Clock* clock, Tuning tuning);
  static absl::StatusOr<std::unique_ptr<RegistryServer>> Start(const server::ServerOptions& options,
                                                              const Clock* clock) {
    return Start(options, clock, Tuning{});
  }
  ~RegistryServer();

  int port() const { return host_->port(); }
  // Graceful stop: NOT_SERVING, drain for up to `grace`, then close the store. Idempotent.
  void Stop(absl::Duration grace);

 private:
  RegistryServer() = default;
  std::unique_ptr<RegistryStore> store_;
  std::unique_ptr<Gazetteer> gazetteer_;
  std::unique_ptr<outbox::Outbox> outbox_;
  std::unique_ptr<MemberClocks> clocks_;
  std::unique_ptr<deadlines::EventWatcher> clock_events_;  // follows the clocks' DUE_CHANGED
  std::unique_ptr<OrganizationRegistry> registry_;
  // Starts the recognition clocks of probations that have ended (StartRecognitionRound).
  std::unique_ptr<PeriodicTask> starter_;
  std::unique_ptr<server::WorkerPool> pool_;
  std::unique_ptr<RegistryService> service_;
  std::unique_ptr<server::ServerHost> host_;
};

}  // namespace haicap::registry
