// Hồ Ngọc Đức's method ("Thuật toán tính âm lịch"): day numbers are Julian day numbers; k counts new
// moons from the one of 1/1/1900. The series below are the truncated ones of that method (Meeus,
// Astronomical Algorithms, ch. 47 and 25), accurate to minutes for the years the suite accepts.
#include "services/deadlines/calendar/lunar_calendar.h"

#include <cmath>
#include <numbers>

#include "common/civil_date.h"

namespace haicap::deadlines {
namespace {

constexpr double kPi = std::numbers::pi;
constexpr double kRadiansPerDegree = kPi / 180;
constexpr double kSynodicMonth = 29.530588853;
constexpr double kNewMoonOf1900 = 2415021.076998695;  // Julian day of the new moon k = 0
constexpr int64_t kJulianDayOf1970 = 2440588;         // the Julian day number of 1970-01-01

int64_t JulianDay(absl::CivilDay day) { return DayNumber(day) + kJulianDayOf1970; }
absl::CivilDay FromJulianDay(int64_t jd) { return FromDayNumber(jd - kJulianDayOf1970); }

int64_t Floor(double x) { return static_cast<int64_t>(std::floor(x)); }

// The instant (Julian day, UTC) of the k-th new moon after that of 1/1/1900.
double NewMoon(int64_t k) {
  const double t = static_cast<double>(k) / 1236.85;  // Julian centuries from 1900
  const double t2 = t * t;
  const double t3 = t2 * t;
  const double dr = kRadiansPerDegree;
  double jd = 2415020.75933 + 29.53058868 * k + 0.0001178 * t2 - 0.000000155 * t3;
  jd += 0.00033 * std::sin((166.56 + 132.87 * t - 0.009173 * t2) * dr);
  const double m = 359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3;     // sun's anomaly
  const double mpr = 306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3;  // moon's anomaly
  const double f = 21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3;     // moon's latitude
  double c = (0.1734 - 0.000393 * t) * std::sin(m * dr) + 0.0021 * std::sin(2 * dr * m);
  c += -0.4068 * std::sin(mpr * dr) + 0.0161 * std::sin(dr * 2 * mpr);
  c += -0.0004 * std::sin(dr * 3 * mpr);
  c += 0.0104 * std::sin(dr * 2 * f) - 0.0051 * std::sin(dr * (m + mpr));
  c += -0.0074 * std::sin(dr * (m - mpr)) + 0.0004 * std::sin(dr * (2 * f + m));
  c += -0.0004 * std::sin(dr * (2 * f - m)) - 0.0006 * std::sin(dr * (2 * f + mpr));
  c += 0.0010 * std::sin(dr * (2 * f - mpr)) + 0.0005 * std::sin(dr * (2 * mpr + m));
  const double delta_t = t < -11 ? 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3
                                 : -0.000278 + 0.000265 * t + 0.000262 * t2;
  return jd + c - delta_t;
}

// The Julian day number of the civil day, in the time zone, on which the k-th new moon falls.
int64_t NewMoonDay(int64_t k, double tz) { return Floor(NewMoon(k) + 0.5 + tz / 24); }

// The sun's apparent longitude, in radians within [0, 2π), at Julian day `jd` (UTC).
double SunLongitude(double jd) {
  const double t = (jd - 2451545.0) / 36525;  // Julian centuries from J2000
  const double t2 = t * t;
  const double dr = kRadiansPerDegree;
  const double m = 357.52910 + 35999.05030 * t - 0.0001559 * t2 - 0.00000048 * t * t2;  // mean anomaly
  const double l0 = 280.46645 + 36000.76983 * t + 0.0003032 * t2;                       // mean longitude
  double dl = (1.914600 - 0.004817 * t - 0.000014 * t2) * std::sin(dr * m);
  dl += (0.019993 - 0.000101 * t) * std::sin(dr * 2 * m) + 0.000290 * std::sin(dr * 3 * m);
  double l = (l0 + dl) * dr;
  l -= 2 * kPi * std::floor(l / (2 * kPi));
  return l;
}

// Which of the twelve 30° sectors (0–11) the sun is in at the start of civil day `jd` in the zone.
int SunSector(int64_t jd, double tz) {
  return static_cast<int>(Floor(SunLongitude(static_cast<double>(jd) - 0.5 - tz / 24) / kPi * 6));
}

// The first day of the 11th lunar month (the one holding the winter solstice) of solar `year`.
int64_t Month11Start(int year, double tz) {
  const double off = static_cast<double>(JulianDay(absl::CivilDay(year, 12, 31))) - 2415021;
  const int64_t k = Floor(off / kSynodicMonth);
  const int64_t start = NewMoonDay(k, tz);
  return SunSector(start, tz) >= 9 ? NewMoonDay(k - 1, tz) : start;
}

// In a leap year beginning at month 11 on `a11`: how many months after it the leap month comes.
int LeapMonthOffset(int64_t a11, double tz) {
  const int64_t k = Floor((static_cast<double>(a11) - kNewMoonOf1900) / kSynodicMonth + 0.5);
  int i = 1;
  int arc = SunSector(NewMoonDay(k + i, tz), tz);
  int last = 0;
  do {
    last = arc;
    ++i;
    arc = SunSector(NewMoonDay(k + i, tz), tz);
  } while (arc != last && i < 14);
  return i - 1;
}

}  // namespace

LunarDate ToLunar(absl::CivilDay day, double tz) {
  const int64_t jd = JulianDay(day);
  // The mean month only estimates which new moon begins the day's month: a true new moon can be
  // more than a day away from the mean one (7/5/2054 is the 30th of a month that began on 8/4,
  // though the mean month puts it after the new moon of 8/5, 00:02).
  int64_t k = Floor((static_cast<double>(jd) - kNewMoonOf1900) / kSynodicMonth) + 1;
  int64_t month_start = NewMoonDay(k, tz);
  while (month_start > jd) month_start = NewMoonDay(--k, tz);
  const int solar_year = static_cast<int>(day.year());
  int64_t a11 = Month11Start(solar_year, tz);
  int64_t b11 = a11;
  LunarDate lunar;
  if (a11 >= month_start) {
    lunar.year = solar_year;
    a11 = Month11Start(solar_year - 1, tz);
  } else {
    lunar.year = solar_year + 1;
    b11 = Month11Start(solar_year + 1, tz);
  }
  lunar.day = static_cast<int>(jd - month_start + 1);
  const int diff = static_cast<int>(Floor(static_cast<double>(month_start - a11) / 29));
  lunar.month = diff + 11;
  if (b11 - a11 > 365) {  // a year of 13 months
    const int leap_offset = LeapMonthOffset(a11, tz);
    if (diff >= leap_offset) {
      lunar.month = diff + 10;
      lunar.leap = diff == leap_offset;
    }
  }
  if (lunar.month > 12) lunar.month -= 12;
  if (lunar.month >= 11 && diff < 4) lunar.year -= 1;
  return lunar;
}

std::optional<absl::CivilDay> FromLunar(const LunarDate& date, double tz) {
  if (date.month < 1 || date.month > 12 || date.day < 1 || date.day > 30) return std::nullopt;
  const int64_t a11 = Month11Start(date.month < 11 ? date.year - 1 : date.year, tz);
  const int64_t b11 = Month11Start(date.month < 11 ? date.year : date.year + 1, tz);
  int offset = date.month - 11;
  if (offset < 0) offset += 12;
  if (b11 - a11 > 365) {
    const int leap_offset = LeapMonthOffset(a11, tz);
    int leap_month = leap_offset - 2;
    if (leap_month < 0) leap_month += 12;
    if (date.leap && date.month != leap_month) return std::nullopt;
    if (date.leap || offset >= leap_offset) ++offset;
  } else if (date.leap) {
    return std::nullopt;
  }
  const int64_t k = Floor(0.5 + (static_cast<double>(a11) - kNewMoonOf1900) / kSynodicMonth);
  const absl::CivilDay day = FromJulianDay(NewMoonDay(k + offset, tz) + date.day - 1);
  // Day 30 of a 29-day month would be the next month's first day.
  if (ToLunar(day, tz) != date) return std::nullopt;
  return day;
}

absl::CivilDay LunarNewYear(int year, double tz) { return *FromLunar(LunarDate{year, 1, 1, false}, tz); }

}  // namespace haicap::deadlines
