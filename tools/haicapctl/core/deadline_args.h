// What a person types for the deadlines service, turned into its values, and its values turned
// back into words: local instants, statutory durations, calendar day types and weekdays.
//
// Instants are local Vietnam time (UTC+7 all year, no daylight saving): "2026-02-13T10:00",
// "2026-02-13 10:00", "13/02/2026 10:00", "13/02/2026 10h30", a date alone (its midnight) or
// "now". Durations are a whole number and a unit, e.g. "30wd": see kDueDurationHelp.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "google/protobuf/timestamp.pb.h"
#include "google/type/date.pb.h"
#include "haicap/deadlines/v1/deadlines.pb.h"

namespace haicap::ctl {

namespace deadlines = ::haicap::deadlines::v1;

// The national working-day calendar, the default everywhere.
inline constexpr char kNationalCalendar[] = "VN";

// The syntax of a duration, for --help.
inline constexpr char kDueDurationHelp[] =
    "a whole number and a unit: wd or d = working days (ngày làm việc; statutory times in days "
    "are working days), wh or h = working hours (inside office hours), cd = calendar days (a due "
    "day off moves to the next working day); e.g. 30wd, 5d, 8wh, 45cd";

struct DueDuration {
  int64_t amount = 0;
  deadlines::DurationUnit unit = deadlines::DURATION_UNIT_UNSPECIFIED;
};

// "30wd", "30d", "8wh", "8h", "45cd" (case-insensitive, blanks allowed between the number and the
// unit). INVALID_ARGUMENT with a message for people otherwise. The service checks the range.
absl::StatusOr<DueDuration> ParseDueDuration(std::string_view text);
// "5 working days", "1 working hour", "30 calendar days".
std::string DescribeDueDuration(int64_t amount, deadlines::DurationUnit unit);

// A local Vietnam instant in one of the forms above (to the minute), or `now` for "now".
absl::StatusOr<absl::Time> ParseLocalInstant(std::string_view text, absl::Time now);

// The calendar day types, accepted as the proto name (MAKEUP_WORKDAY), its kebab form or a short
// word: holiday, compensatory, swapped, makeup (or the unaccented Vietnamese le, nghi-bu,
// hoan-doi, lam-bu).
absl::StatusOr<deadlines::DayType> ParseDayType(std::string_view text);
// The type in words, e.g. "make-up working day (làm bù)".
std::string DayTypeWords(deadlines::DayType type);

// "Thứ Hai" … "Chủ Nhật", and "Monday" … "Sunday", of a valid date.
std::string VietnameseWeekday(const google::type::Date& date);
std::string EnglishWeekday(const google::type::Date& date);
// "2026-02-27 17:00 (Thứ Sáu, Friday)" in Vietnam time.
std::string FormatLocalInstantWithWeekday(const google::protobuf::Timestamp& at);
// The office windows (minutes after local midnight) as "07:00–11:30, 13:30–17:00".
std::string FormatOfficeHours(
    const google::protobuf::RepeatedPtrField<deadlines::OfficeWindow>& windows);

}  // namespace haicap::ctl
