#include "tools/haicapctl/core/deadline_args.h"

#include "common/proto_time.h"

#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/time/civil_time.h"
#include "tools/haicapctl/core/args.h"
#include "tools/haicapctl/core/enum_text.h"

namespace haicap::ctl {
namespace {

absl::string_view View(std::string_view s) { return absl::string_view(s.data(), s.size()); }

const absl::TimeZone& Vietnam() {
  static const absl::TimeZone zone = absl::FixedTimeZone(7 * 60 * 60);
  return zone;
}

// Hours and minutes of "10:00", "9:05", "10h30" or "10h"; false for anything else.
bool ParseClock(absl::string_view text, int* hour, int* minute) {
  const size_t separator = text.find_first_of(":hH");
  if (separator == absl::string_view::npos || separator == 0 || separator > 2) return false;
  const absl::string_view hours = text.substr(0, separator);
  absl::string_view minutes = text.substr(separator + 1);
  // "10h" means 10:00; with ':' the minutes are required.
  if (minutes.empty() && text[separator] != ':') minutes = "00";
  if (minutes.size() != 2) return false;
  for (absl::string_view part : {hours, minutes}) {
    for (char c : part) {
      if (!absl::ascii_isdigit(static_cast<unsigned char>(c))) return false;
    }
  }
  return absl::SimpleAtoi(hours, hour) && absl::SimpleAtoi(minutes, minute) && *hour < 24 &&
         *minute < 60;
}

absl::CivilDay CivilDayOf(const google::type::Date& date) {
  return absl::CivilDay(date.year(), date.month(), date.day());
}

}  // namespace

absl::StatusOr<DueDuration> ParseDueDuration(std::string_view text) {
  const absl::string_view trimmed = absl::StripAsciiWhitespace(View(text));
  size_t digits = 0;
  while (digits < trimmed.size() &&
         absl::ascii_isdigit(static_cast<unsigned char>(trimmed[digits]))) {
    ++digits;
  }
  const std::string unit =
      absl::AsciiStrToLower(absl::StripAsciiWhitespace(trimmed.substr(digits)));
  DueDuration duration;
  const bool number_ok =
      digits > 0 && absl::SimpleAtoi(trimmed.substr(0, digits), &duration.amount);
  if (unit == "wd" || unit == "d") {
    duration.unit = deadlines::WORKING_DAYS;
  } else if (unit == "wh" || unit == "h") {
    duration.unit = deadlines::WORKING_HOURS;
  } else if (unit == "cd") {
    duration.unit = deadlines::CALENDAR_DAYS;
  }
  if (!number_ok || duration.unit == deadlines::DURATION_UNIT_UNSPECIFIED) {
    return absl::InvalidArgumentError(
        absl::StrCat("\"", trimmed, "\" is not a duration; write ", kDueDurationHelp));
  }
  return duration;
}

std::string DescribeDueDuration(int64_t amount, deadlines::DurationUnit unit) {
  const char* what = unit == deadlines::WORKING_DAYS    ? "working day"
                     : unit == deadlines::WORKING_HOURS ? "working hour"
                     : unit == deadlines::CALENDAR_DAYS ? "calendar day"
                                                        : "unit";
  return absl::StrCat(amount, " ", what, amount == 1 ? "" : "s");
}

absl::StatusOr<absl::Time> ParseLocalInstant(std::string_view text, absl::Time now) {
  const absl::string_view trimmed = absl::StripAsciiWhitespace(View(text));
  if (absl::AsciiStrToLower(trimmed) == "now") return now;
  const size_t separator = trimmed.find_first_of(" T");
  const absl::string_view date_text = trimmed.substr(0, separator);
  absl::StatusOr<google::type::Date> date =
      ParseDate(std::string_view(date_text.data(), date_text.size()));
  if (!date.ok()) return date.status();
  int hour = 0, minute = 0;
  if (separator != absl::string_view::npos) {
    const absl::string_view clock = absl::StripAsciiWhitespace(trimmed.substr(separator + 1));
    if (!ParseClock(clock, &hour, &minute)) {
      return absl::InvalidArgumentError(absl::StrCat(
          "\"", clock, "\" is not a time of day; write 10:00 or 10h30 (24-hour, Vietnam time)"));
    }
  }
  return absl::FromCivil(absl::CivilMinute(date->year(), date->month(), date->day(), hour, minute),
                         Vietnam());
}

absl::StatusOr<deadlines::DayType> ParseDayType(std::string_view text) {
  return ParseEnum<deadlines::DayType>(text, deadlines::DayType_descriptor(),
                                       {{"le", deadlines::HOLIDAY},
                                        {"compensatory", deadlines::COMPENSATORY_DAY_OFF},
                                        {"nghi-bu", deadlines::COMPENSATORY_DAY_OFF},
                                        {"swapped", deadlines::SWAPPED_DAY_OFF},
                                        {"hoan-doi", deadlines::SWAPPED_DAY_OFF},
                                        {"makeup", deadlines::MAKEUP_WORKDAY},
                                        {"make-up", deadlines::MAKEUP_WORKDAY},
                                        {"lam-bu", deadlines::MAKEUP_WORKDAY}},
                                       "day type");
}

std::string DayTypeWords(deadlines::DayType type) {
  switch (type) {
    case deadlines::HOLIDAY:
      return "holiday (nghỉ lễ, Tết)";
    case deadlines::COMPENSATORY_DAY_OFF:
      return "compensatory day off (nghỉ bù)";
    case deadlines::SWAPPED_DAY_OFF:
      return "swapped day off (nghỉ hoán đổi)";
    case deadlines::MAKEUP_WORKDAY:
      return "make-up working day (làm bù)";
    default:
      return LabelOf(type, deadlines::DayType_descriptor());
  }
}

std::string VietnameseWeekday(const google::type::Date& date) {
  switch (absl::GetWeekday(CivilDayOf(date))) {
    case absl::Weekday::monday:
      return "Thứ Hai";
    case absl::Weekday::tuesday:
      return "Thứ Ba";
    case absl::Weekday::wednesday:
      return "Thứ Tư";
    case absl::Weekday::thursday:
      return "Thứ Năm";
    case absl::Weekday::friday:
      return "Thứ Sáu";
    case absl::Weekday::saturday:
      return "Thứ Bảy";
    case absl::Weekday::sunday:
      return "Chủ Nhật";
  }
  return "";
}

std::string EnglishWeekday(const google::type::Date& date) {
  const absl::TimeZone utc = absl::UTCTimeZone();
  return absl::FormatTime("%A", absl::FromCivil(CivilDayOf(date), utc), utc);
}

std::string FormatLocalInstantWithWeekday(const google::protobuf::Timestamp& at) {
  const absl::CivilDay day = absl::ToCivilDay(FromTimestamp(at), Vietnam());
  google::type::Date date;
  date.set_year(static_cast<int32_t>(day.year()));
  date.set_month(day.month());
  date.set_day(day.day());
  return absl::StrCat(FormatVietnamTime(at), " (", VietnameseWeekday(date), ", ",
                      EnglishWeekday(date), ")");
}

std::string FormatOfficeHours(
    const google::protobuf::RepeatedPtrField<deadlines::OfficeWindow>& windows) {
  std::vector<std::string> parts;
  for (const deadlines::OfficeWindow& window : windows) {
    parts.push_back(absl::StrFormat("%02d:%02d–%02d:%02d", window.start_minute() / 60,
                                    window.start_minute() % 60, window.end_minute() / 60,
                                    window.end_minute() % 60));
  }
  return absl::StrJoin(parts, ", ");
}

}  // namespace haicap::ctl
