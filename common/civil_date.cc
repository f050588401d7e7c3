#include "common/civil_date.h"

#include "absl/strings/str_format.h"
#include "common/errors.h"

namespace haicap {

bool IsUnset(const google::type::Date& date) {
  return date.year() == 0 && date.month() == 0 && date.day() == 0;
}

absl::StatusOr<absl::CivilDay> ToCivilDay(const google::type::Date& date, std::string_view field, int min_year) {
  if (IsUnset(date)) return InvalidArgument(field, "is required");
  if (date.year() < min_year || date.year() > kMaxYear) {
    return InvalidArgument(field, absl::StrFormat("year must be between %d and %d", min_year, kMaxYear));
  }
  absl::CivilDay day(date.year(), date.month(), date.day());
  if (day.year() != date.year() || day.month() != date.month() || day.day() != date.day()) {
    return InvalidArgument(field, absl::StrFormat("%04d-%02d-%02d is not a calendar date",
                                                  date.year(), date.month(), date.day()));
  }
  return day;
}

google::type::Date ToProtoDate(absl::CivilDay day) {
  google::type::Date date;
  date.set_year(static_cast<int32_t>(day.year()));
  date.set_month(day.month());
  date.set_day(day.day());
  return date;
}

std::string FormatDay(absl::CivilDay day) {
  return absl::StrFormat("%04d-%02d-%02d", day.year(), day.month(), day.day());
}

int64_t DayNumber(absl::CivilDay day) { return day - absl::CivilDay(1970, 1, 1); }

absl::CivilDay FromDayNumber(int64_t number) { return absl::CivilDay(1970, 1, 1) + number; }

int64_t DayNumber(const google::type::Date& date) {
  return DayNumber(absl::CivilDay(date.year(), date.month(), date.day()));
}

absl::CivilDay AddMonths(absl::CivilDay day, int months) {
  const absl::CivilMonth month = absl::CivilMonth(day) + months;
  const absl::CivilDay last_of_month = absl::CivilDay(month + 1) - 1;
  return std::min(absl::CivilDay(month.year(), month.month(), day.day()), last_of_month);
}

absl::CivilDay AddYears(absl::CivilDay day, int years) { return AddMonths(day, 12 * years); }

std::string FormatDayNumber(int64_t number) { return FormatDay(FromDayNumber(number)); }

}  // namespace haicap
