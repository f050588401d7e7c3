#include "common/periodic_task.h"

namespace haicap {

PeriodicTask::PeriodicTask(absl::Duration interval, std::function<void()> work)
    : interval_(interval), work_(std::move(work)), thread_([this] { Run(); }) {}

PeriodicTask::~PeriodicTask() {
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;  // the unlock wakes Run's wait: its condition is stopping_
  }
  thread_.join();
}

void PeriodicTask::Run() {
  absl::MutexLock lock(&mu_);
  while (!stopping_) {
    mu_.Unlock();
    work_();
    mu_.Lock();
    mu_.AwaitWithTimeout(absl::Condition(&stopping_), interval_);
  }
}

}  // namespace haicap
