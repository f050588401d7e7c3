// The checks and normal forms shared by the calendar RPCs (calendar_book.cc, calendar_import.cc).
#pragma once

#include <string>

#include "absl/status/status.h"
#include "haicap/deadlines/v1/deadlines.pb.h"

namespace haicap::deadlines {

// The most days one UpsertCalendarDays or ImportCalendarYear names.
inline constexpr int kMaxDaysPerCall = 400;

// OK for 1–32 of A–Z, 0–9 and '-'; else INVALID_ARGUMENT naming `field`.
absl::Status CheckCalendarId(const std::string& id, const std::string& field);
// A day as entered: a valid date and type, a make-up day on a weekend, a day off instead of a
// weekday on a weekday, a printable note. Errors name `field` ("days[2].type").
absl::Status CheckDay(const v1::CalendarDay& day, const std::string& field);
// A day as an admin enters it: official; the output-only fields dropped.
v1::CalendarDay EnteredDay(v1::CalendarDay day);
// `calendar` with its etag (the revision).
v1::Calendar WithEtag(v1::Calendar calendar);

}  // namespace haicap::deadlines
