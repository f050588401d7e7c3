// Helpers for the calendar tests: the shipped national calendar and instants in Vietnam time.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "common/clock.h"
#include "services/deadlines/calendar/working_calendar.h"

namespace haicap::deadlines::testing {

// The national calendar "VN" from data/calendars (aborts the test binary if it does not load).
inline const std::shared_ptr<const WorkingCalendar>& NationalCalendar() {
  static const std::shared_ptr<const WorkingCalendar> calendar = [] {
    auto loaded = LoadNationalCalendar();
    if (!loaded.ok()) {
      std::fprintf(stderr, "LoadNationalCalendar: %s\n", std::string(loaded.status().message()).c_str());
      std::abort();
    }
    return *loaded;
  }();
  return calendar;
}
inline const WorkingCalendar& National() { return *NationalCalendar(); }

// An instant at a Vietnamese wall-clock time.
inline absl::Time VnTime(int y, int m, int d, int hh = 0, int mm = 0, int ss = 0) {
  return absl::FromCivil(absl::CivilSecond(y, m, d, hh, mm, ss), VietnamTimeZone());
}

}  // namespace haicap::deadlines::testing
