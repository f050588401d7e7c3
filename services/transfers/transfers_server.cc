#include "services/transfers/transfers_server.h"

#include "absl/strings/str_cat.h"
#include "common/errors.h"
#include "common/logging.h"
#include "common/status_macros.h"
#include "services/transfers/deliveries.h"

namespace haicap::transfers {
namespace {

// The stored cursor of the deadlines events consumed (the name earlier releases used).
constexpr char kEventsCursor[] = "deadlines-events";

std::shared_ptr<grpc::Channel> ChannelTo(const std::string& address) {
  return grpc::CreateChannel(address, grpc::InsecureChannelCredentials());
}

}  // namespace

absl::StatusOr<std::unique_ptr<TransfersServer>> TransfersServer::Start(const server::ServerOptions& options,
                                                                        const Clock* clock, Tuning tuning) {
  for (const char* peer : {"registry", "deadlines"}) {
    if (!options.peers.count(peer)) return absl::InvalidArgumentError(absl::StrCat("no address for the ", peer));
  }
  std::unique_ptr<TransfersServer> s(new TransfersServer());
  ASSIGN_OR_RETURN(s->store_, TransferStore::Open(options.data_dir));
  outbox::OutboxOptions outbox_options;
  outbox_options.poll_interval = tuning.outbox_poll;
  outbox_options.initial_backoff = tuning.initial_backoff;
  ASSIGN_OR_RETURN(s->outbox_, outbox::Outbox::Open(s->store_->db(), s->store_->family(kOutbox), clock, outbox_options));
  const auto registry_channel = ChannelTo(options.peers.at("registry"));
  const auto deadlines_channel = ChannelTo(options.peers.at("deadlines"));
  s->registry_ = std::make_unique<RegistryClient>(registry_channel, "");
  std::map<std::string, const RegistryClient*> others;
  std::map<std::string, std::shared_ptr<grpc::Channel>> other_channels;
  for (const auto& [peer, address] : options.peers) {
    if (!peer.starts_with("registry/")) continue;
    const std::string province = peer.substr(sizeof("registry/") - 1);
    other_channels[province] = ChannelTo(address);
    auto client = std::make_unique<RegistryClient>(other_channels[province], province);
    others[province] = client.get();
    s->other_registries_[province] = std::move(client);
  }
  s->book_ = std::make_unique<TransferBook>(s->store_.get(), s->outbox_.get(), s->registry_.get(), others, clock);
  RETURN_IF_ERROR(s->book_->Init());
  RouteDeliveries(s->outbox_.get(), s->book_.get(), registry_channel, deadlines_channel, other_channels);
  s->outbox_->Start();
  deadlines::v1::WatchEventsRequest party_clocks;
  party_clocks.set_kind(deadlines::v1::PARTY_OBLIGATION);
  TransferStore* store = s->store_.get();
  TransferBook* book = s->book_.get();
  s->watcher_ = std::make_unique<deadlines::EventWatcher>(
      "haicap-transfers", party_clocks,
      deadlines::EventWatcher::Hooks{[store] { return store->Cursor(kEventsCursor); },
                                     [store, book](const deadlines::v1::DeadlineEvent& event) {
                                       rocksdb::WriteBatch batch;
                                       store->PutCursor(&batch, kEventsCursor, event.cursor());
                                       return book->OnDeadlineEvent(&batch, event);
                                     }},
      deadlines_channel);
  s->pool_ = std::make_unique<server::WorkerPool>(options.workers);
  s->service_ = std::make_unique<TransfersService>(s->book_.get(), s->pool_.get());
  ASSIGN_OR_RETURN(s->host_, server::ServerHost::Start(options.listen, {s->service_.get()}, {kTransfersServiceName}));
  LogInfo("listening", {{"service", kTransfersServiceName},
                        {"port", s->host_->port()},
                        {"listen", options.listen},
                        {"data_dir", options.data_dir},
                        {"registry", options.peers.at("registry")},
                        {"deadlines", options.peers.at("deadlines")}});
  return s;
}

TransfersServer::~TransfersServer() { Stop(absl::ZeroDuration()); }

void TransfersServer::Stop(absl::Duration grace) {
  if (!host_) return;
  host_->Shutdown(grace);
  host_.reset();
  pool_.reset();
  watcher_.reset();
  outbox_->Stop();
  outbox_.reset();
  book_.reset();
  store_.reset();
}

}  // namespace haicap::transfers
