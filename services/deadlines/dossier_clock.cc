#include "services/deadlines/dossier_clock.h"

#include <algorithm>
#include <limits>
#include <vector>

#include "common/civil_date.h"
#include "common/clock.h"
#include "common/status_macros.h"

namespace haicap::deadlines {
namespace {

constexpr int64_t kOpenEnd = std::numeric_limits<int64_t>::max();

DurationUnit ToUnit(v1::DurationUnit unit) {
  switch (unit) {
    case v1::WORKING_HOURS:
      return DurationUnit::kWorkingHours;
    case v1::CALENDAR_DAYS:
      return DurationUnit::kCalendarDays;
    default:
      return DurationUnit::kWorkingDays;
  }
}

// The closing time of the day `t` falls on.
absl::Time ClosingOf(const WorkingCalendar& calendar, absl::Time t) {
  const absl::TimeZone zone = VietnamTimeZone();
  return absl::FromCivil(absl::ToCivilDay(t, zone), zone) + calendar.office_hours().Closing();
}

}  // namespace

int64_t LocalDayNumber(absl::Time t) { return DayNumber(absl::ToCivilDay(t, VietnamTimeZone())); }

absl::StatusOr<absl::Time> DueFromScratch(const WorkingCalendar& calendar, v1::Dossier& dossier) {
  ASSIGN_OR_RETURN(DueDate base, ComputeDueDate(calendar, FromTimestamp(dossier.received_at()),
                                                dossier.duration().amount(), ToUnit(dossier.duration().unit()),
                                                /*explain=*/false));
  absl::Time due = base.due_at;
  // (instant, supplement index or -1 for the reschedule), applied in time order.
  std::vector<std::pair<absl::Time, int>> adjustments;
  for (int i = 0; i < dossier.supplements_size(); ++i) {
    if (dossier.supplements(i).has_resumed_at()) {
      adjustments.emplace_back(FromTimestamp(dossier.supplements(i).requested_at()), i);
    }
  }
  if (dossier.has_reschedule()) adjustments.emplace_back(FromTimestamp(dossier.reschedule().issued_at()), -1);
  std::stable_sort(adjustments.begin(), adjustments.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  for (const auto& [at, index] : adjustments) {
    if (index < 0) {
      due = FromTimestamp(dossier.reschedule().new_due_at());
      continue;
    }
    v1::SupplementRecord& pause = *dossier.mutable_supplements(index);
    const absl::Duration paused =
        WorkingTimeBetween(calendar, FromTimestamp(pause.requested_at()), FromTimestamp(pause.resumed_at()));
    pause.set_paused_working_seconds(absl::ToInt64Seconds(paused));
    due = AddWorkingTime(calendar, due, paused);
    if (dossier.duration().unit() != v1::WORKING_HOURS) due = ClosingOf(calendar, due);
  }
  return due;
}

bool DueIsProvisional(const WorkingCalendar& calendar, const v1::Dossier& dossier) {
  if (!dossier.has_due_at()) return false;
  const absl::TimeZone zone = VietnamTimeZone();
  return !calendar
              .ProvisionalYears(absl::ToCivilYear(FromTimestamp(dossier.received_at()), zone).year(),
                                absl::ToCivilYear(FromTimestamp(dossier.due_at()), zone).year())
              .empty();
}

void StartClock(internal::DossierRecord& record, int64_t day, absl::Time due_at) {
  internal::ClockSegment* segment = record.add_segments();
  segment->set_from_day(day);
  segment->set_due_day(LocalDayNumber(due_at));
  segment->set_to_day(kOpenEnd);
  *record.mutable_dossier()->mutable_due_at() = ToTimestamp(due_at);
}

void StopClock(internal::DossierRecord& record, int64_t day) {
  if (record.segments().empty()) return;
  internal::ClockSegment* last = record.mutable_segments(record.segments_size() - 1);
  if (last->to_day() == kOpenEnd) last->set_to_day(day);
}

void MoveDue(internal::DossierRecord& record, int64_t day, absl::Time due_at) {
  const bool running = !record.segments().empty() && record.segments().rbegin()->to_day() == kOpenEnd;
  if (running) {
    StopClock(record, day);
    StartClock(record, day, due_at);
  } else {
    *record.mutable_dossier()->mutable_due_at() = ToTimestamp(due_at);
  }
}

}  // namespace haicap::deadlines
