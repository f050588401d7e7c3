#include "services/deadlines/calendar_convert.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/proto_time.h"
#include "common/civil_date.h"
#include "common/clock.h"

namespace haicap::deadlines {
namespace {

std::string Instant(absl::Time t) { return absl::FormatTime("%a %Y-%m-%d %H:%M", t, VietnamTimeZone()); }

// "Saturday: 2026-02-14, 2026-02-21; HOLIDAY: Tết Nguyên đán ...: 2026-02-16 to 2026-02-20": the
// skipped days grouped by reason, runs of consecutive days as ranges.
std::string GroupedSkippedDays(const std::vector<SkippedDay>& skipped) {
  std::vector<std::pair<std::string, std::vector<absl::CivilDay>>> groups;
  for (const SkippedDay& s : skipped) {
    auto it = std::find_if(groups.begin(), groups.end(), [&](const auto& g) { return g.first == s.reason; });
    if (it == groups.end()) it = groups.insert(groups.end(), {s.reason, {}});
    it->second.push_back(s.day);
  }
  std::vector<std::string> parts;
  for (const auto& [reason, days] : groups) {
    std::vector<std::string> runs;
    for (size_t i = 0; i < days.size();) {
      size_t j = i;
      while (j + 1 < days.size() && days[j + 1] == days[j] + 1) ++j;
      runs.push_back(j == i ? FormatDay(days[i]) : absl::StrCat(FormatDay(days[i]), " to ", FormatDay(days[j])));
      i = j + 1;
    }
    parts.push_back(absl::StrCat(reason, ": ", absl::StrJoin(runs, ", ")));
  }
  return absl::StrJoin(parts, "; ");
}

}  // namespace

DayEntry ToDayEntry(const v1::CalendarDay& day) {
  DayEntry entry;
  entry.day = absl::CivilDay(day.date().year(), day.date().month(), day.date().day());
  switch (day.type()) {
    case v1::HOLIDAY: entry.type = DayType::kHoliday; break;
    case v1::COMPENSATORY_DAY_OFF: entry.type = DayType::kCompensatoryDayOff; break;
    case v1::SWAPPED_DAY_OFF: entry.type = DayType::kSwappedDayOff; break;
    default: entry.type = DayType::kMakeupWorkday; break;
  }
  entry.note = day.note();
  entry.source = day.source() == v1::STATUTORY_RULE ? DaySource::kStatutoryRule : DaySource::kOfficialDecision;
  return entry;
}

v1::CalendarDay ToCalendarDay(const DayEntry& entry) {
  v1::CalendarDay day;
  *day.mutable_date() = ToProtoDate(entry.day);
  switch (entry.type) {
    case DayType::kHoliday: day.set_type(v1::HOLIDAY); break;
    case DayType::kCompensatoryDayOff: day.set_type(v1::COMPENSATORY_DAY_OFF); break;
    case DayType::kSwappedDayOff: day.set_type(v1::SWAPPED_DAY_OFF); break;
    case DayType::kMakeupWorkday: day.set_type(v1::MAKEUP_WORKDAY); break;
  }
  day.set_note(entry.note);
  day.set_source(entry.source == DaySource::kStatutoryRule ? v1::STATUTORY_RULE : v1::OFFICIAL_DECISION);
  return day;
}

OfficeHours ToOfficeHours(const google::protobuf::RepeatedPtrField<v1::OfficeWindow>& windows) {
  if (windows.empty()) return OfficeHours::Default();
  OfficeHours hours;
  for (const auto& w : windows) hours.windows.emplace_back(absl::Minutes(w.start_minute()), absl::Minutes(w.end_minute()));
  return hours;
}

void SetOfficeHours(const OfficeHours& hours, google::protobuf::RepeatedPtrField<v1::OfficeWindow>* windows) {
  windows->Clear();
  for (const auto& [start, end] : hours.windows) {
    auto* w = windows->Add();
    w->set_start_minute(static_cast<int32_t>(absl::ToInt64Minutes(start)));
    w->set_end_minute(static_cast<int32_t>(absl::ToInt64Minutes(end)));
  }
}

v1::ComputeDueDateResponse ToResponse(const DueDate& due, absl::Time received_at, int64_t amount, v1::DurationUnit unit) {
  v1::ComputeDueDateResponse response;
  *response.mutable_due_at() = ToTimestamp(due.due_at);
  *response.mutable_counted_from() = ToTimestamp(due.counted_from);
  for (const SkippedDay& s : due.skipped) {
    auto* out = response.add_skipped();
    *out->mutable_date() = ToProtoDate(s.day);
    out->set_reason(s.reason);
    out->set_provisional(s.provisional);
  }
  const char* units = unit == v1::WORKING_HOURS ? "working hours" : unit == v1::CALENDAR_DAYS ? "calendar days" : "working days";
  std::string text = absl::StrCat("Received ", Instant(received_at));
  if (due.counted_from != received_at) absl::StrAppend(&text, ", counted from ", Instant(due.counted_from), " (the next working time)");
  absl::StrAppend(&text, "; ", amount, " ", units, " → due ", Instant(due.due_at), ".");
  if (!due.skipped.empty()) {
    absl::StrAppend(&text, " Skipped ", due.skipped.size(), " non-working day(s): ", GroupedSkippedDays(due.skipped), ".");
  }
  if (std::any_of(due.skipped.begin(), due.skipped.end(), [](const SkippedDay& s) { return s.provisional; })) {
    absl::StrAppend(&text, " Days marked provisional are the Labour Code's rule (art. 112) for a year whose official "
                           "decision is not entered yet.");
  }
  response.set_explanation(std::move(text));
  return response;
}

}  // namespace haicap::deadlines
