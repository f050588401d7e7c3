#include "services/deadlines/timer_sweeper.h"

#include <chrono>

#include "common/logging.h"

namespace haicap::deadlines {
namespace {

// Timers fired per batch of work; a backlog (after downtime) drains batch after batch.
constexpr size_t kTimersPerRound = 512;

}  // namespace

TimerSweeper::TimerSweeper(DossierBook* book, absl::Duration interval)
    : book_(book), interval_(interval), thread_([this] { Run(); }) {}

TimerSweeper::~TimerSweeper() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void TimerSweeper::Run() {
  std::unique_lock lock(mu_);
  while (!stopping_) {
    lock.unlock();
    if (absl::Status recomputed = book_->RecomputePending(); !recomputed.ok()) {
      LogError("due-date recompute failed", {{"error", recomputed.ToString()}});
    }
    for (;;) {
      absl::StatusOr<size_t> fired = book_->FireDueTimers(kTimersPerRound);
      if (!fired.ok()) LogError("timer sweep failed", {{"error", fired.status().ToString()}});
      if (!fired.ok() || *fired < kTimersPerRound) break;
    }
    lock.lock();
    wake_.wait_for(lock, absl::ToChronoNanoseconds(interval_), [this] { return stopping_; });
  }
}

}  // namespace haicap::deadlines
