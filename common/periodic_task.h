// Runs `work` on its own thread at once and then every `interval` (real time) until destroyed.
// The background sweeps of the services (timers, recognition clocks) are built on it.
#pragma once

#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

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
  void Run();

  absl::Duration interval_;
  std::function<void()> work_;
  std::mutex mu_;
  std::condition_variable wake_;
  bool stopping_ = false;  // guarded by mu_
  std::thread thread_;     // last: starts once the rest is set
};

}  // namespace haicap
