// The Vietnamese lunisolar calendar (âm lịch), for the holidays the Labour Code fixes by lunar dates:
// Tết Nguyên đán and Giỗ Tổ Hùng Vương (docs/domain.md §5). Months begin on the civil day of the new moon
// and the leap month is the first without a major solar term, by Hồ Ngọc Đức's published method
// (new moons and solar longitudes from Meeus' series). Vietnam reckons them in UTC+7; the Chinese
// calendar uses the same rules in UTC+8, and the two disagree in some years (lunar new year 2030:
// 2/2 in Vietnam, 3/2 in China), so the time zone is a parameter that defaults to Vietnam's.
// Pure functions; thread-safe. Valid for the years the suite accepts (kMinYear–kMaxYear).
#pragma once

#include <optional>

#include "absl/time/civil_time.h"

namespace haicap::deadlines {

inline constexpr double kVietnamUtcOffsetHours = 7.0;
inline constexpr double kChinaUtcOffsetHours = 8.0;

struct LunarDate {
  int year = 0;   // the lunar year, named by the solar year in which it mostly falls
  int month = 0;  // 1–12
  int day = 0;    // 1–30
  bool leap = false;  // a leap month (tháng nhuận), which repeats the number of the month before it

  friend bool operator==(const LunarDate&, const LunarDate&) = default;
};

// The lunar date of a solar (Gregorian) day.
LunarDate ToLunar(absl::CivilDay day, double utc_offset_hours = kVietnamUtcOffsetHours);

// The solar day of a lunar date; nullopt when it does not exist (a leap month the year lacks, or a
// day 30 of a 29-day month).
std::optional<absl::CivilDay> FromLunar(const LunarDate& date, double utc_offset_hours = kVietnamUtcOffsetHours);

// The first day of the lunar year that begins in solar `year` (Mùng 1 Tết).
absl::CivilDay LunarNewYear(int year, double utc_offset_hours = kVietnamUtcOffsetHours);

}  // namespace haicap::deadlines
