// The transfers server assembled: RocksDB store, outbox, registry and deadlines clients, the
// deadlines events watcher, worker pool and gRPC host. main.cc runs one; tests start them in-process.
#pragma once

#include <map>
#include <memory>

#include "absl/status/statusor.h"
#include "common/clock.h"
#include "common/deadlines/event_watcher.h"
#include "common/outbox/outbox.h"
#include "common/server/server_host.h"
#include "common/server/worker_pool.h"
#include "services/transfers/registry_client.h"
#include "services/transfers/transfer_book.h"
#include "services/transfers/transfer_store.h"
#include "services/transfers/transfers_service.h"

namespace haicap::transfers {

class TransfersServer {
 public:
  struct Tuning {
    // How often the outbox retries when nobody wakes it (real time).
    absl::Duration outbox_poll = absl::Seconds(1);
    absl::Duration initial_backoff = absl::Milliseconds(100);
  };

  // options.peers: "registry" and "deadlines" (HOST:PORT), and "registry/<province code>" for each
  // other province transfers may go to. `clock` is not owned.
  static absl::StatusOr<std::unique_ptr<TransfersServer>> Start(const server::ServerOptions& options,
                                                               const Clock* clock, Tuning tuning);
  static absl::StatusOr<std::unique_ptr<TransfersServer>> Start(const server::ServerOptions& options,
                                                               const Clock* clock) {
    return Start(options, clock, Tuning{});
  }
  ~TransfersServer();

  int port() const { return host_->port(); }
  // Graceful stop; idempotent.
  void Stop(absl::Duration grace);

 private:
  TransfersServer() = default;
  std::unique_ptr<TransferStore> store_;
  std::unique_ptr<outbox::Outbox> outbox_;
  std::unique_ptr<RegistryClient> registry_;
  std::map<std::string, std::unique_ptr<RegistryClient>> other_registries_;
  std::unique_ptr<TransferBook> book_;
  std::unique_ptr<deadlines::EventWatcher> watcher_;  // the letter clocks' events
  std::unique_ptr<server::WorkerPool> pool_;
  std::unique_ptr<TransfersService> service_;
  std::unique_ptr<server::ServerHost> host_;
};

}  // namespace haicap::transfers
