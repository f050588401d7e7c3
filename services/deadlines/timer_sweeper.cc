#include "services/deadlines/timer_sweeper.h"

#include "common/logging.h"

namespace haicap::deadlines {
namespace {

// Timers fired per batch of work; a backlog (after downtime) drains batch after batch.
constexpr size_t kTimersPerRound = 512;

}  // namespace

TimerSweeper::TimerSweeper(DossierBook* book, absl::Duration interval)
    : book_(book), task_(interval, [this] { Sweep(); }) {}

void TimerSweeper::Sweep() {
  if (absl::Status recomputed = book_->RecomputePending(); !recomputed.ok()) {
    LogError("due-date recompute failed", {{"error", recomputed.ToString()}});
  }
  for (;;) {
    absl::StatusOr<size_t> fired = book_->FireDueTimers(kTimersPerRound);
    if (!fired.ok()) LogError("timer sweep failed", {{"error", fired.status().ToString()}});
    if (!fired.ok() || *fired < kTimersPerRound) break;
  }
}

}  // namespace haicap::deadlines
