#include "services/registry/registry_server.h"

#include "common/logging.h"
#include "common/status_macros.h"

namespace haicap::registry {

absl::StatusOr<std::unique_ptr<RegistryServer>> RegistryServer::Start(const server::ServerOptions& options,
                                                                      const Clock* clock) {
  std::unique_ptr<RegistryServer> s(new RegistryServer());
  ASSIGN_OR_RETURN(s->store_, RegistryStore::Open(options.data_dir));
  ASSIGN_OR_RETURN(s->gazetteer_, Gazetteer::LoadEmbedded());
  s->registry_ = std::make_unique<OrganizationRegistry>(s->store_.get(), s->gazetteer_.get(), clock);
  s->pool_ = std::make_unique<server::WorkerPool>(options.workers);
  s->service_ = std::make_unique<RegistryService>(s->registry_.get(), s->gazetteer_.get(), s->pool_.get());
  ASSIGN_OR_RETURN(s->host_, server::ServerHost::Start(options.listen, {s->service_.get()}, {kRegistryServiceName}));
  LogInfo("listening", {{"service", kRegistryServiceName},
                        {"port", s->host_->port()},
                        {"listen", options.listen},
                        {"data_dir", options.data_dir}});
  return s;
}

RegistryServer::~RegistryServer() { Stop(absl::ZeroDuration()); }

void RegistryServer::Stop(absl::Duration grace) {
  if (!host_) return;
  host_->Shutdown(grace);
  host_.reset();
  pool_.reset();  // finishes queued work before the store closes
  store_.reset();
}

}  // namespace haicap::registry
