// The registry server assembled: RocksDB store, gazetteer, domain, worker pool and gRPC host.
// main.cc runs one; integration tests start one in-process on port 0.
#pragma once

#include <memory>

#include "absl/status/statusor.h"
#include "common/clock.h"
#include "common/server/server_host.h"
#include "common/server/worker_pool.h"
#include "services/registry/gazetteer/gazetteer.h"
#include "services/registry/organization_registry.h"
#include "services/registry/registry_service.h"
#include "services/registry/registry_store.h"

namespace haicap::registry {

class RegistryServer {
 public:
  // Opens the store in options.data_dir and serves on options.listen. `clock` is not owned.
  static absl::StatusOr<std::unique_ptr<RegistryServer>> Start(const server::ServerOptions& options,
                                                              const Clock* clock);
  ~RegistryServer();

  int port() const { return host_->port(); }
  // Graceful stop: NOT_SERVING, drain for up to `grace`, then close the store. Idempotent.
  void Stop(absl::Duration grace);

 private:
  RegistryServer() = default;
  std::unique_ptr<RegistryStore> store_;
  std::unique_ptr<Gazetteer> gazetteer_;
  std::unique_ptr<OrganizationRegistry> registry_;
  std::unique_ptr<server::WorkerPool> pool_;
  std::unique_ptr<RegistryService> service_;
  std::unique_ptr<server::ServerHost> host_;
};

}  // namespace haicap::registry
