// The background thread that turns due timers into events and finishes interrupted due-date
// recomputations. Each tick reads only the timers already due (they are keyed by instant), never
// every open dossier.
#pragma once

#include <condition_variable>
#include <mutex>
#include <thread>

#include "absl/time/time.h"
#include "services/deadlines/dossier_book.h"

namespace haicap::deadlines {

class TimerSweeper {
 public:
  // Starts sweeping every `interval` (real time). `book` is not owned.
  TimerSweeper(DossierBook* book, absl::Duration interval);
  // Stops and joins the thread.
  ~TimerSweeper();

 private:
  void Run();

  DossierBook* book_;
  absl::Duration interval_;
  std::mutex mu_;
  std::condition_variable wake_;
  bool stopping_ = false;  // guarded by mu_
  std::thread thread_;
};

}  // namespace haicap::deadlines
