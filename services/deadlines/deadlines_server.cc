#include "services/deadlines/deadlines_server.h"

#include "common/logging.h"
#include "services/deadlines/deadlines_database.h"
#include "common/status_macros.h"

namespace haicap::deadlines {
namespace {

// Timers fired per batch of work; a backlog (after downtime) drains batch after batch.
constexpr size_t kTimersPerRound = 512;

// One round of the sweeper: interrupted due-date recomputations, then the timers already due
// (keyed by instant: never a scan of every open dossier). Failures are logged and retried next round.
void SweepTimers(DossierBook& book) {
  if (absl::Status recomputed = book.RecomputePending(); !recomputed.ok()) {
    LogError("due-date recompute failed", {{"error", recomputed.ToString()}});
  }
  for (;;) {
    absl::StatusOr<size_t> fired = book.FireDueTimers(kTimersPerRound);
    if (!fired.ok()) LogError("timer sweep failed", {{"error", fired.status().ToString()}});
    if (!fired.ok() || *fired < kTimersPerRound) break;
  }
}

}  // namespace

absl::StatusOr<std::unique_ptr<DeadlinesServer>> DeadlinesServer::Start(const server::ServerOptions& options,
                                                                        const Clock* clock, Tuning tuning) {
  std::unique_ptr<DeadlinesServer> s(new DeadlinesServer());
  ASSIGN_OR_RETURN(s->db_, OpenDeadlinesDatabase(options.data_dir));
  s->calendar_store_ = std::make_unique<CalendarStore>(s->db_.get());
  s->dossier_store_ = std::make_unique<DossierStore>(s->db_.get());
  ASSIGN_OR_RETURN(s->gazetteer_, registry::Gazetteer::LoadEmbedded());
  std::vector<OfficialYear> shipped;
  if (tuning.shipped_years) {
    shipped = *tuning.shipped_years;
  } else {
    ASSIGN_OR_RETURN(shipped, ShippedNationalYears());
  }
  ASSIGN_OR_RETURN(s->calendars_, CalendarBook::Open(s->calendar_store_.get(), clock, shipped));
  ASSIGN_OR_RETURN(s->dossiers_, DossierBook::Open(s->dossier_store_.get(), s->calendars_.get(), s->gazetteer_.get(),
                                                   clock, &s->hub_));
  DossierBook* dossiers = s->dossiers_.get();
  s->calendars_->SetDaysChangedListener([dossiers] {
    if (absl::Status done = dossiers->RecomputePending(); !done.ok()) {
      LogError("due-date recompute failed; the sweeper retries", {{"error", done.ToString()}});
    }
  });
  s->sweeper_ = std::make_unique<PeriodicTask>(tuning.sweep_interval, [dossiers] { SweepTimers(*dossiers); });
  s->pool_ = std::make_unique<server::WorkerPool>(options.workers);
  s->service_ = std::make_unique<DeadlinesService>(s->calendars_.get(), dossiers, s->dossier_store_.get(), &s->hub_,
                                                   s->pool_.get());
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
  hub_.Close();
  host_->Shutdown(grace);
  host_.reset();
  pool_.reset();  // finishes queued work before the store closes
  sweeper_.reset();
  dossiers_.reset();
  calendars_.reset();
  dossier_store_.reset();
  calendar_store_.reset();
  db_.reset();
}

}  // namespace haicap::deadlines
