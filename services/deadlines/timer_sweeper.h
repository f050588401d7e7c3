// The background thread that turns due timers into events and finishes interrupted due-date
// recomputations. Each tick reads only the timers already due (they are keyed by instant), never
// every open dossier.
#pragma once

#include "absl/time/time.h"
#include "common/periodic_task.h"
#include "services/deadlines/dossier_book.h"

namespace haicap::deadlines {

class TimerSweeper {
 public:
  // Starts sweeping every `interval` (real time). `book` is not owned.
  TimerSweeper(DossierBook* book, absl::Duration interval);

 private:
  void Sweep();

  DossierBook* book_;
  PeriodicTask task_;  // last: stopped and joined first
};

}  // namespace haicap::deadlines
