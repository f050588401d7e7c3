// The Vietnamese lunar calendar against published dates: lunar new year and Giỗ Tổ (10/3) for
// 2025–2040. The expected days are those of the Chinese calendar's tables (Debian's `lunar`
// program) except where a month's new moon falls between 23:00 and midnight in Hà Nội, so on the
// next day in Beijing (UTC+8): lunar new year 2030 (2/2, 23:07), Giỗ Tổ 2037 (month 3 begins
// 15/4, 23:09) and Giỗ Tổ 2038 (4/4, 23:44). There Vietnam's day is one earlier.
#include "services/deadlines/calendar/lunar_calendar.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace haicap::deadlines {
namespace {

struct Year {
  int year;
  absl::CivilDay new_year;  // Mùng 1 Tết in Vietnam
  absl::CivilDay gio_to;    // 10/3 âm lịch
};

const Year kYears[] = {
    {2025, absl::CivilDay(2025, 1, 29), absl::CivilDay(2025, 4, 7)},
    {2026, absl::CivilDay(2026, 2, 17), absl::CivilDay(2026, 4, 26)},
    {2027, absl::CivilDay(2027, 2, 6), absl::CivilDay(2027, 4, 16)},
    {2028, absl::CivilDay(2028, 1, 26), absl::CivilDay(2028, 4, 4)},
    {2029, absl::CivilDay(2029, 2, 13), absl::CivilDay(2029, 4, 23)},
    {2030, absl::CivilDay(2030, 2, 2), absl::CivilDay(2030, 4, 12)},
    {2031, absl::CivilDay(2031, 1, 23), absl::CivilDay(2031, 4, 1)},
    {2032, absl::CivilDay(2032, 2, 11), absl::CivilDay(2032, 4, 19)},
    {2033, absl::CivilDay(2033, 1, 31), absl::CivilDay(2033, 4, 9)},
    {2034, absl::CivilDay(2034, 2, 19), absl::CivilDay(2034, 4, 28)},
    {2035, absl::CivilDay(2035, 2, 8), absl::CivilDay(2035, 4, 17)},
    {2036, absl::CivilDay(2036, 1, 28), absl::CivilDay(2036, 4, 6)},
    {2037, absl::CivilDay(2037, 2, 15), absl::CivilDay(2037, 4, 24)},
    {2038, absl::CivilDay(2038, 2, 4), absl::CivilDay(2038, 4, 13)},
    {2039, absl::CivilDay(2039, 1, 24), absl::CivilDay(2039, 4, 3)},
    {2040, absl::CivilDay(2040, 2, 12), absl::CivilDay(2040, 4, 20)},
};

TEST(LunarCalendarTest, LunarNewYearAndGioToFrom2025To2040) {
  for (const Year& y : kYears) {
    SCOPED_TRACE(y.year);
    EXPECT_EQ(LunarNewYear(y.year), y.new_year);
    EXPECT_EQ(FromLunar({y.year, 3, 10, false}), y.gio_to);
    EXPECT_EQ(ToLunar(y.new_year), (LunarDate{y.year, 1, 1, false}));
    EXPECT_EQ(ToLunar(y.gio_to), (LunarDate{y.year, 3, 10, false}));
  }
}

TEST(LunarCalendarTest, VietnamIsNotChinaIn2030) {
  EXPECT_EQ(LunarNewYear(2030), absl::CivilDay(2030, 2, 2));
  EXPECT_EQ(LunarNewYear(2030, kChinaUtcOffsetHours), absl::CivilDay(2030, 2, 3));
  // 3/2/2030 is Mùng 2 Tết in Vietnam, while in China the last day of the old year is 2/2.
  EXPECT_EQ(ToLunar(absl::CivilDay(2030, 2, 3)), (LunarDate{2030, 1, 2, false}));
  EXPECT_EQ(ToLunar(absl::CivilDay(2030, 2, 2), kChinaUtcOffsetHours).year, 2029);
  // Giỗ Tổ: the Chinese tables' days, one after Vietnam's.
  EXPECT_EQ(FromLunar({2037, 3, 10, false}, kChinaUtcOffsetHours), absl::CivilDay(2037, 4, 25));
  EXPECT_EQ(FromLunar({2038, 3, 10, false}, kChinaUtcOffsetHours), absl::CivilDay(2038, 4, 14));
}

TEST(LunarCalendarTest, LeapMonths) {
  // 2025 has a leap 6th month (from 25/7/2025), 2028 a leap 5th (from 23/6/2028).
  EXPECT_EQ(ToLunar(absl::CivilDay(2025, 7, 25)), (LunarDate{2025, 6, 1, true}));
  EXPECT_EQ(ToLunar(absl::CivilDay(2025, 6, 25)), (LunarDate{2025, 6, 1, false}));
  EXPECT_EQ(FromLunar({2025, 6, 1, true}), absl::CivilDay(2025, 7, 25));
  EXPECT_EQ(FromLunar({2028, 5, 1, true}), absl::CivilDay(2028, 6, 23));
  EXPECT_EQ(FromLunar({2026, 6, 1, true}), std::nullopt);  // 2026 has no leap month
  EXPECT_EQ(FromLunar({2026, 13, 1, false}), std::nullopt);
}

TEST(LunarCalendarTest, ConversionRoundTripsEveryDayOf2021To2100) {
  for (absl::CivilDay day(2021, 1, 1); day < absl::CivilDay(2101, 1, 1); ++day) {
    const LunarDate lunar = ToLunar(day);
    ASSERT_EQ(FromLunar(lunar), day) << day;
    ASSERT_GE(lunar.day, 1);
    ASSERT_LE(lunar.day, 30);
  }
}

}  // namespace
}  // namespace haicap::deadlines
