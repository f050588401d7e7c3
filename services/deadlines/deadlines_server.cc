#include "services/deadlines/deadlines_server.h"

#include "common/logging.h"
#include "common/status_macros.h"

namespace haicap::deadlines {

absl::StatusOr<std::unique_ptr<DeadlinesServer>> DeadlinesServer::Start(const server::ServerOptions& options,
                                                                        const Clock* clock) {
  std::unique_ptr<DeadlinesServer> s(new DeadlinesServer());
  ASSIGN_OR_RETURN(s->store_, CalendarStore::Open(options.data_dir));
  ASSIGN_OR_RETURN(s->calendars_, CalendarBook::Open(s->store_.get(), clock));
  s->pool_ = std::make_unique<server::WorkerPool>(options.workers);
  s->service_ = std::make_unique<DeadlinesService>(s->calendars_.get(), s->pool_.get());
  ASSIGN_OR_RETURN(s->host_, server::ServerHost::Start(options.listen, {s->service_.get()}, {kDeadlinesServiceName}));
  LogInfo("listening", {{"service", kDeadlinesServiceName},
                        {"port", s->host_->port()},
                        {"listen", options.listen},
                        {"data_dir", options.data_dir}});
  return s;
}

DeadlinesServer::~DeadlinesServer() { Stop(absl::ZeroDuration()); }

void DeadlinesServer::Stop(absl::Duration grace) {
  if (!host_) return;
  host_->Shutdown(grace);
  host_.reset();
  pool_.reset();  // finishes queued work before the store closes
  calendars_.reset();
  store_.reset();
}

}  // namespace haicap::deadlines
