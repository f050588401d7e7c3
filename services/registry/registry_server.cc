#include "services/registry/registry_server.h"

#include "common/logging.h"
#include "common/status_macros.h"

namespace haicap::registry {
namespace {

constexpr char kClockEventsCursor[] = "deadlines-events";

// Run at start and then every interval, so that a probation ending today has its recognition clock
// within one interval. Failures are logged and retried at the next run.
void StartRecognitionRound(OrganizationRegistry& registry) {
  absl::StatusOr<int> started = registry.StartRecognitionClocks();
  if (!started.ok()) {
    LogError("recognition clocks not started", {{"error", std::string(started.status().message())}});
  } else if (*started > 0) {
    LogInfo("recognition clocks started", {{"members", *started}});
  }
}

}  // namespace

absl::StatusOr<std::unique_ptr<RegistryServer>> RegistryServer::Start(const server::ServerOptions& options,
                                                                      const Clock* clock, Tuning tuning) {
  std::unique_ptr<RegistryServer> s(new RegistryServer());
  ASSIGN_OR_RETURN(s->store_, RegistryStore::Open(options.data_dir));
  ASSIGN_OR_RETURN(s->gazetteer_, Gazetteer::LoadEmbedded());
  const auto deadlines = options.peers.find("deadlines");
  if (deadlines != options.peers.end()) {
    outbox::OutboxOptions outbox_options;
    outbox_options.poll_interval = tuning.outbox_poll;
    outbox_options.initial_backoff = tuning.initial_backoff;
    ASSIGN_OR_RETURN(s->outbox_, outbox::Outbox::Open(s->store_->db(), s->store_->outbox_family(), clock, outbox_options));
    s->clocks_ = std::make_unique<MemberClocks>(s->store_.get(), s->outbox_.get(), clock);
    const auto channel = grpc::CreateChannel(deadlines->second, grpc::InsecureChannelCredentials());
    RouteClockDeliveries(s->outbox_.get(), s->clocks_.get(), channel);
    s->outbox_->Start();
    deadlines::v1::WatchEventsRequest party_clocks;
    party_clocks.set_kind(deadlines::v1::PARTY_OBLIGATION);
    RegistryStore* store = s->store_.get();
    MemberClocks* clocks = s->clocks_.get();
    s->clock_events_ = std::make_unique<deadlines::EventWatcher>(
        "haicap-registry", party_clocks,
        deadlines::EventWatcher::Hooks{[store] { return store->ReadCursor(kClockEventsCursor); },
                                       [store, clocks](const deadlines::v1::DeadlineEvent& event) {
                                         rocksdb::WriteBatch batch;
                                         store->PutCursor(&batch, kClockEventsCursor, event.cursor());
                                         return clocks->OnDeadlineEvent(&batch, event);
                                       }},
        channel);
  }
  s->registry_ = std::make_unique<OrganizationRegistry>(s->store_.get(), s->gazetteer_.get(), clock, s->clocks_.get());
  if (s->clocks_) {
    OrganizationRegistry* registry = s->registry_.get();
    s->starter_ = std::make_unique<PeriodicTask>(tuning.recognition_interval,
                                                 [registry] { StartRecognitionRound(*registry); });
  }
  s->pool_ = std::make_unique<server::WorkerPool>(options.workers);
  s->service_ = std::make_unique<RegistryService>(s->registry_.get(), s->gazetteer_.get(), s->pool_.get());
  ASSIGN_OR_RETURN(s->host_, server::ServerHost::Start(options.listen, {s->service_.get()}, {kRegistryServiceName}));
  LogInfo("listening", {{"service", kRegistryServiceName},
                        {"port", s->host_->port()},
                        {"listen", options.listen},
                        {"data_dir", options.data_dir},
                        {"deadlines", deadlines != options.peers.end() ? deadlines->second : "none: no member clocks"}});
  return s;
}

RegistryServer::~RegistryServer() { Stop(absl::ZeroDuration()); }

void RegistryServer::Stop(absl::Duration grace) {
  if (!host_) return;
  host_->Shutdown(grace);
  host_.reset();
  pool_.reset();  // finishes queued work before the store closes
  starter_.reset();
  clock_events_.reset();
  if (outbox_) outbox_->Stop();
  outbox_.reset();
  store_.reset();
}

}  // namespace haicap::registry
