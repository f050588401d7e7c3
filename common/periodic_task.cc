#include "common/periodic_task.h"

namespace haicap {

PeriodicTask::PeriodicTask(absl::Duration interval, std::function<void()> work)
    : interval_(interval), work_(std::move(work)), thread_([this] { Run(); }) {}

PeriodicTask::~PeriodicTask() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void PeriodicTask::Run() {
  std::unique_lock lock(mu_);
  while (!stopping_) {
    lock.unlock();
    work_();
    lock.lock();
    wake_.wait_for(lock, absl::ToChronoNanoseconds(interval_), [this] { return stopping_; });
  }
}

}  // namespace haicap
