#include "services/deadlines/calendar/due_date.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "common/civil_date.h"
#include "common/clock.h"
#include "common/errors.h"

namespace haicap::deadlines {
namespace {

// VietnamTimeZone() looks the zone up in a locked registry on every call: keep the handle.
const absl::TimeZone& Zone() {
  static const absl::TimeZone zone = VietnamTimeZone();
  return zone;
}

// An instant as a local day and the time since its midnight.
struct LocalInstant {
  absl::CivilDay day;
  absl::Duration time_of_day;
};

LocalInstant ToLocal(absl::Time t) {
  const absl::CivilDay day = absl::ToCivilDay(t, Zone());
  return {day, t - absl::FromCivil(day, Zone())};
}

absl::Time AtLocal(absl::CivilDay day, absl::Duration time_of_day) {
  return absl::FromCivil(day, Zone()) + time_of_day;
}

// Office time from the day's midnight to `time_of_day`.
absl::Duration OfficeTimeBefore(const OfficeHours& hours, absl::Duration time_of_day) {
  absl::Duration total;
  for (const auto& [start, end] : hours.windows) {
    if (time_of_day <= start) break;
    total += std::min(time_of_day, end) - start;
  }
  return total;
}

// The earliest time of day by which `office_time` (0 < office_time <= PerDay()) has passed.
absl::Duration TimeOfDayAfter(const OfficeHours& hours, absl::Duration office_time) {
  for (const auto& [start, end] : hours.windows) {
    if (office_time <= end - start) return start + office_time;
    office_time -= end - start;
  }
  return hours.Closing();
}

// Office time from the calendar's origin (see WorkingCalendar::WorkingDayIndex) to `t`.
absl::Duration OfficeTimeSinceOrigin(const WorkingCalendar& calendar, absl::Time t) {
  const LocalInstant local = ToLocal(t);
  const OfficeHours& hours = calendar.office_hours();
  absl::Duration total = hours.PerDay() * calendar.WorkingDayIndex(local.day);
  if (calendar.IsWorkingDay(local.day)) total += OfficeTimeBefore(hours, local.time_of_day);
  return total;
}

void AddSkippedDays(const WorkingCalendar& calendar, absl::CivilDay from, absl::CivilDay to,
                    std::vector<SkippedDay>& skipped) {
  for (absl::CivilDay day = from; day <= to; ++day) {
    if (calendar.IsWorkingDay(day)) continue;
    const DayEntry* entry = calendar.EntryFor(day);
    skipped.push_back({day, calendar.WhyNotWorking(day),
                       entry != nullptr && entry->source == DaySource::kStatutoryRule});
  }
}

absl::Status CheckArguments(absl::Time received_at, int64_t amount, DurationUnit unit) {
  const int64_t limit = unit == DurationUnit::kWorkingHours ? kMaxDurationHours : kMaxDurationDays;
  if (amount < 0 || amount > limit) {
    return InvalidArgument("duration", absl::StrCat("must be between 0 and ", limit,
                                                    unit == DurationUnit::kWorkingHours ? " hours" : " days"));
  }
  static const absl::Time earliest = absl::FromCivil(absl::CivilDay(kMinYear, 1, 1), Zone());
  static const absl::Time latest = absl::FromCivil(absl::CivilDay(kMaxYear + 1, 1, 1), Zone());
  if (received_at < earliest || received_at >= latest) {
    return InvalidArgument("received_at", absl::StrCat("must be within the years ", kMinYear, "–", kMaxYear));
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<DueDate> ComputeDueDate(const WorkingCalendar& calendar, absl::Time received_at, int64_t amount,
                                       DurationUnit unit, bool explain) {
  if (absl::Status status = CheckArguments(received_at, amount, unit); !status.ok()) return status;
  const OfficeHours& hours = calendar.office_hours();
  const LocalInstant receipt = ToLocal(received_at);
  DueDate due;

  if (unit == DurationUnit::kCalendarDays) {
    const absl::CivilDay last_day = receipt.day + amount;
    const absl::CivilDay due_day = calendar.FirstWorkingDayFrom(last_day);
    due.counted_from = received_at;
    due.due_at = AtLocal(due_day, hours.Closing());
    if (explain && due_day != last_day) {
      AddSkippedDays(calendar, last_day, due_day - 1, due.skipped);
      due.skipped.front().reason += absl::StrCat(" (the period's last day is not a working day, so it ends on ",
                                                 FormatDay(due_day), ")");
    }
    return due;
  }

  // The (treated) receipt: moved to the next working morning after closing or on a day off.
  absl::CivilDay counted_day = receipt.day;
  due.counted_from = received_at;
  if (!calendar.IsWorkingDay(receipt.day) || receipt.time_of_day > hours.Closing()) {
    counted_day = calendar.FirstWorkingDayFrom(receipt.day + 1);
    due.counted_from = AtLocal(counted_day, hours.Opening());
  }

  absl::CivilDay due_day;
  if (unit == DurationUnit::kWorkingDays) {
    due_day = calendar.WorkingDayAt(calendar.WorkingDayIndex(counted_day) + amount);
    due.due_at = AtLocal(due_day, hours.Closing());
  } else {
    due.due_at = AddWorkingTime(calendar, due.counted_from, absl::Hours(amount));
    due_day = absl::ToCivilDay(due.due_at, Zone());
  }
  if (explain) AddSkippedDays(calendar, receipt.day, due_day, due.skipped);
  return due;
}

int64_t CountWorkingDays(const WorkingCalendar& calendar, absl::CivilDay from, absl::CivilDay to) {
  if (to < from) return 0;
  return calendar.WorkingDayIndex(to + 1) - calendar.WorkingDayIndex(from);
}

absl::Duration WorkingTimeBetween(const WorkingCalendar& calendar, absl::Time from, absl::Time to) {
  if (to <= from) return absl::ZeroDuration();
  return OfficeTimeSinceOrigin(calendar, to) - OfficeTimeSinceOrigin(calendar, from);
}

absl::Time AddWorkingTime(const WorkingCalendar& calendar, absl::Time from, absl::Duration office_time) {
  if (office_time <= absl::ZeroDuration()) return from;
  const OfficeHours& hours = calendar.office_hours();
  const absl::Duration per_day = hours.PerDay();
  const absl::Duration target = OfficeTimeSinceOrigin(calendar, from) + office_time;
  // target = index * per_day + rest with 0 < rest <= per_day: the instant lies in working day `index`.
  absl::Duration rest;
  int64_t index = absl::IDivDuration(target, per_day, &rest);
  if (rest < absl::ZeroDuration()) {
    index -= 1;
    rest += per_day;
  }
  if (rest == absl::ZeroDuration()) {
    index -= 1;
    rest = per_day;
  }
  return AtLocal(calendar.WorkingDayAt(index), TimeOfDayAfter(hours, rest));
}

}  // namespace haicap::deadlines
