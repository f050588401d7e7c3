#include "services/deadlines/calendar_checks.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "common/civil_date.h"
#include "common/errors.h"
#include "common/text/text.h"

namespace haicap::deadlines {
namespace {

constexpr int kMaxNoteChars = 200;

}  // namespace

absl::Status CheckCalendarId(const std::string& id, const std::string& field) {
  const bool ok = !id.empty() && id.size() <= 32 && std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
  });
  return ok ? absl::OkStatus() : InvalidArgument(field, "must be 1–32 of A–Z, 0–9 and '-', e.g. VN-01");
}

absl::Status CheckDay(const v1::CalendarDay& day, const std::string& field) {
  ValidationErrors errors;
  absl::StatusOr<absl::CivilDay> date = ToCivilDay(day.date(), field + ".date");
  errors.Add(date.status());
  if (!v1::DayType_IsValid(day.type()) || day.type() == v1::DAY_TYPE_UNSPECIFIED) {
    errors.Add(InvalidArgument(field + ".type", "is required"));
  } else if (date.ok()) {
    const absl::Weekday weekday = absl::GetWeekday(*date);
    const bool weekend = weekday == absl::Weekday::saturday || weekday == absl::Weekday::sunday;
    if (day.type() == v1::MAKEUP_WORKDAY && !weekend) {
      errors.Add(InvalidArgument(field + ".type", "a make-up working day must be a Saturday or Sunday"));
    }
    if ((day.type() == v1::COMPENSATORY_DAY_OFF || day.type() == v1::SWAPPED_DAY_OFF) && weekend) {
      errors.Add(InvalidArgument(field + ".type", "a compensatory or swapped day off must be a weekday"));
    }
  }
  if (!day.note().empty()) errors.Add(text::ValidateName(field + ".note", day.note(), kMaxNoteChars));
  return errors.Result();
}

// A day as an admin enters it: official; the output-only fields dropped.
v1::CalendarDay EnteredDay(v1::CalendarDay day) {
  day.set_source(v1::OFFICIAL_DECISION);
  day.clear_lunar_date();
  day.clear_calendar_id();
  return day;
}

v1::Calendar WithEtag(v1::Calendar calendar) {
  calendar.set_etag(absl::StrCat(calendar.revision()));
  return calendar;
}

}  // namespace haicap::deadlines
