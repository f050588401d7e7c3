// Civil dates (legal dates: effective dates, decision dates) between google.type.Date and
// absl::CivilDay, with validation that names the offending field.
#pragma once

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "google/type/date.pb.h"

namespace haicap {

// The earliest and latest dates the suite accepts; outside them a date is a typo.
inline constexpr int kMinYear = 1930;  // the Party was founded on 3/2/1930
inline constexpr int kMaxYear = 2200;

// True when year, month and day are all zero (the field was left unset).
bool IsUnset(const google::type::Date& date);
// A full, real calendar date within [min_year, kMaxYear], or INVALID_ARGUMENT naming `field`.
absl::StatusOr<absl::CivilDay> ToCivilDay(const google::type::Date& date, std::string_view field,
                                          int min_year = kMinYear);
google::type::Date ToProtoDate(absl::CivilDay day);
// "2025-07-01".
std::string FormatDay(absl::CivilDay day);
// Days encoded as a count since 1970-01-01, for order-preserving keys.
int64_t DayNumber(absl::CivilDay day);
absl::CivilDay FromDayNumber(int64_t number);
// The day number of a date already checked with ToCivilDay (stored dates are).
int64_t DayNumber(const google::type::Date& date);
// The same day `years` later, or the last day of that month when it has no such day (29/2 → 28/2),
// as the Civil Code counts periods in years.
absl::CivilDay AddYears(absl::CivilDay day, int years);
// The same day `months` later (or earlier), clamped to the month's last day: 31/8 + 6 → 28/2.
absl::CivilDay AddMonths(absl::CivilDay day, int months);
// "2025-07-01" for a day number.
std::string FormatDayNumber(int64_t number);

}  // namespace haicap
