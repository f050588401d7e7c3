// Runs `work` on its own thread at once and then every `interval` (real time) until destroyed.
// The background sweeps of the services (timers, recognition clocks) are built on it.
#pragma once

#include <functional>
#include <thread>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"

namespace haicap {

class PeriodicTask {
 public:
  PeriodicTask(absl::Duration interval, std::function<void()> work);
  // Stops after the run in progress and joins the thread.
  ~PeriodicTask();
  PeriodicTask(const PeriodicTask&) = delete;
  PeriodicTask& operator=(const PeriodicTask&) = delete;

 private:
  void Run() ABSL_LOCKS_EXCLUDED(mu_);

  absl::Duration interval_;
  std::function<void()> work_;
  absl::Mutex mu_;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;  // waited for with mu_.AwaitWithTimeout
  std::thread thread_;  // last: starts once the rest is set
};

}  // namespace haicap
