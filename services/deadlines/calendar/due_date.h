// Deadline arithmetic on a working calendar (docs/domain.md §4): due dates in working days, working hours
// or calendar days, working days between two dates, and office time for paused clocks. All civil
// conversions are in Asia/Ho_Chi_Minh (haicap::VietnamTimeZone()). Thread-safe; no allocation unless
// an explanation is asked for.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "services/deadlines/calendar/working_calendar.h"

namespace haicap::deadlines {

enum class DurationUnit { kWorkingDays, kWorkingHours, kCalendarDays };

// The largest durations ComputeDueDate accepts (about ten years).
inline constexpr int64_t kMaxDurationDays = 3650;
inline constexpr int64_t kMaxDurationHours = 10000;

struct SkippedDay {
  absl::CivilDay day;
  std::string reason;  // WorkingCalendar::WhyNotWorking, e.g. "Sunday", "HOLIDAY: Tết Nguyên đán ..."
  bool provisional = false;  // a day off derived from the Labour Code's rule, not yet decided
};

struct DueDate {
  absl::Time due_at;
  // The (treated) receipt instant: the receipt itself when it falls on a working day no later than
  // closing time (a receipt before opening or at lunch needs no moving: only office time counts), else
  // the opening of the next working day. For calendar days, the receipt itself.
  absl::Time counted_from;
  // When explained: the non-working days passed over, by day. In working days or hours, every
  // non-working day from the receipt day to the due day; in calendar days, the days the due date moved
  // over because the period's last day was not a working day.
  std::vector<SkippedDay> skipped;
};

// The due instant of a period of `amount` units from `received_at` (docs/domain.md §4):
// - A receipt after closing time (17:00:01 with default hours; 17:00:00 is still that day) or on a
//   non-working day is treated as received at the opening of the next working day.
// - kWorkingDays: counting starts on the working day after the (treated) receipt day; the due instant
//   is the closing time of the `amount`-th working day (of the receipt day itself when amount is 0).
// - kWorkingHours: the clock runs only inside office hours from the (treated) receipt instant; the due
//   instant is the earliest at which `amount` hours of office time have passed (17:00, not the next
//   morning, for 8 hours from 07:00).
// - kCalendarDays: the closing time of the day `amount` days after the receipt day, or of the next
//   working day if that day is not one (the explanation lists the days moved over).
// INVALID_ARGUMENT ("duration") for amount < 0 or > kMaxDurationDays / kMaxDurationHours, and
// ("received_at") for an instant outside the years kMinYear–kMaxYear.
absl::StatusOr<DueDate> ComputeDueDate(const WorkingCalendar& calendar, absl::Time received_at, int64_t amount,
                                       DurationUnit unit, bool explain = true);

// Working days in [from, to] (both inclusive); 0 when to < from.
int64_t CountWorkingDays(const WorkingCalendar& calendar, absl::CivilDay from, absl::CivilDay to);

// Office time (inside the office windows of working days) between two instants; zero when to <= from.
absl::Duration WorkingTimeBetween(const WorkingCalendar& calendar, absl::Time from, absl::Time to);

// The earliest instant by which `office_time` of office time has passed after `from` (for resuming a
// paused clock: the due date moves by the paused working time). `from` itself when office_time <= 0.
// For instants `from` < `to` inside office windows, AddWorkingTime(from, WorkingTimeBetween(from, to)) == to
// (but for a `to` at a window's opening, whose earliest equal is the previous window's end).
absl::Time AddWorkingTime(const WorkingCalendar& calendar, absl::Time from, absl::Duration office_time);

}  // namespace haicap::deadlines
