// The days off the Labour Code's rule derives for years without a decision: 2027 by hand, 2026
// against its official decision, and the compensatory days of holidays on weekends.
#include "services/deadlines/calendar/statutory_days.h"

#include <string>
#include <vector>

#include "calendar/calendar_testing.h"
#include "common/civil_date.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/deadlines/calendar/embedded_calendars.h"

namespace haicap::deadlines {
namespace {

using ::testing::ElementsAre;
using ::testing::Each;
using ::testing::Field;
using ::testing::IsEmpty;

// "2027-02-05 HOLIDAY" for each day.
std::vector<std::string> Lines(const std::vector<DayEntry>& days) {
  std::vector<std::string> lines;
  for (const DayEntry& d : days) lines.push_back(FormatDay(d.day) + " " + std::string(DayTypeName(d.type)));
  return lines;
}

TEST(StatutoryDaysTest, Year2027ByHand) {
  // Tết Đinh Mùi: Mùng 1 is Saturday 6/2/2027, so Friday 5/2 (29 tháng Chạp) to Tuesday 9/2, and
  // Saturday and Sunday are taken on Wednesday 10/2 and Thursday 11/2. 1/5 is a Saturday: Monday 3/5.
  const std::vector<DayEntry> days = StatutoryDaysOff(2027);
  EXPECT_THAT(Lines(days),
              ElementsAre("2027-01-01 HOLIDAY", "2027-02-05 HOLIDAY", "2027-02-06 HOLIDAY", "2027-02-07 HOLIDAY",
                          "2027-02-08 HOLIDAY", "2027-02-09 HOLIDAY", "2027-02-10 COMPENSATORY_DAY_OFF",
                          "2027-02-11 COMPENSATORY_DAY_OFF", "2027-04-16 HOLIDAY", "2027-04-30 HOLIDAY",
                          "2027-05-01 HOLIDAY", "2027-05-03 COMPENSATORY_DAY_OFF", "2027-09-01 HOLIDAY",
                          "2027-09-02 HOLIDAY"));
  EXPECT_THAT(days, Each(Field(&DayEntry::source, DaySource::kStatutoryRule)));
  EXPECT_EQ(days[1].note, "Tết Nguyên đán Đinh Mùi: 29 tháng Chạp (cuối năm âm lịch)");
  EXPECT_EQ(days[2].note, "Tết Nguyên đán Đinh Mùi: Mùng 1 Tết");
  EXPECT_EQ(days[6].note, "nghỉ bù Tết Nguyên đán Đinh Mùi: Mùng 1 Tết (rơi vào Thứ Bảy 06/02/2027)");
  EXPECT_EQ(days[8].note, "Giỗ Tổ Hùng Vương (10/3 âm lịch)");
}

TEST(StatutoryDaysTest, TheRuleGivesThe2026DecisionsWeekdaysOffBesidesItsSwap) {
  // The 2026 decision: its holidays and compensatory day, without the swapped days (2/1, 31/8).
  std::vector<std::string> decided;
  const auto shipped = ShippedNationalYears();
  ASSERT_TRUE(shipped.ok());
  for (const OfficialYear& year : *shipped) {
    if (year.year != 2026) continue;
    for (const DayEntry& d : year.days) {
      if (d.type == DayType::kHoliday || d.type == DayType::kCompensatoryDayOff) {
        decided.push_back(FormatDay(d.day));
      }
    }
  }
  std::vector<std::string> derived;
  for (const DayEntry& d : StatutoryDaysOff(2026)) {
    const absl::Weekday w = absl::GetWeekday(d.day);
    if (w != absl::Weekday::saturday && w != absl::Weekday::sunday) derived.push_back(FormatDay(d.day));
  }
  EXPECT_EQ(derived, decided);
}

TEST(StatutoryDaysTest, AWeekendHolidayIsTakenAfterTheHolidaysThatFollowIt) {
  // 2028: 2/9 is a Saturday → Monday 4/9. 2032: 1/5 Saturday → Monday 3/5 (30/4 is a Friday).
  // 2029: 30/4 Monday, 1/5 Tuesday: nothing to compensate.
  EXPECT_THAT(Lines(StatutoryDaysOff(2028)), ::testing::Contains("2028-09-04 COMPENSATORY_DAY_OFF"));
  EXPECT_THAT(Lines(StatutoryDaysOff(2032)), ::testing::Contains("2032-05-03 COMPENSATORY_DAY_OFF"));
  for (int year = kFirstStatutoryYear; year <= kLastStatutoryYear; ++year) {
    const std::vector<DayEntry> days = StatutoryDaysOff(year);
    int holidays = 0, weekend_holidays = 0, compensatory = 0;
    for (const DayEntry& d : days) {
      const absl::Weekday w = absl::GetWeekday(d.day);
      const bool weekend = w == absl::Weekday::saturday || w == absl::Weekday::sunday;
      if (d.type == DayType::kHoliday) {
        ++holidays;
        weekend_holidays += weekend;
      } else {
        ASSERT_EQ(d.type, DayType::kCompensatoryDayOff) << year;
        ASSERT_FALSE(weekend) << FormatDay(d.day);
        ++compensatory;
      }
      ASSERT_TRUE(ValidateDayEntry(d).ok()) << FormatDay(d.day);
    }
    ASSERT_EQ(holidays, 11) << year;  // art. 112: 1 + 5 + 1 + 1 + 1 + 2
    ASSERT_EQ(compensatory, weekend_holidays) << year;
  }
}

TEST(StatutoryDaysTest, OnlyTheYearsOfTheLabourCode2019) {
  EXPECT_THAT(StatutoryDaysOff(kFirstStatutoryYear - 1), IsEmpty());
  EXPECT_THAT(StatutoryDaysOff(kLastStatutoryYear + 1), IsEmpty());
  EXPECT_EQ(LunarYearName(2026), "Bính Ngọ");
  EXPECT_EQ(LunarYearName(2027), "Đinh Mùi");
  EXPECT_EQ(LunarYearName(2030), "Canh Tuất");
}

TEST(NationalCalendarTest, DecidedYearsAreOfficialAndTheOthersFollowTheRule) {
  const WorkingCalendar& vn = testing::National();
  EXPECT_FALSE(vn.IsProvisional(2025));
  EXPECT_FALSE(vn.IsProvisional(2026));
  EXPECT_TRUE(vn.IsProvisional(2027));
  EXPECT_TRUE(vn.IsProvisional(2100));
  EXPECT_FALSE(vn.IsProvisional(2101));
  EXPECT_FALSE(vn.IsWorkingDay(absl::CivilDay(2027, 1, 1)));
  EXPECT_FALSE(vn.IsWorkingDay(absl::CivilDay(2027, 2, 10)));
  EXPECT_TRUE(vn.IsWorkingDay(absl::CivilDay(2027, 2, 12)));
  EXPECT_EQ(vn.WhyNotWorking(absl::CivilDay(2027, 1, 1)), "HOLIDAY (provisional): Tết Dương lịch");
  // 2025's decision placed Tết on 27–31/1, not on the rule's 28/1–1/2 (and 3/2 compensatory).
  EXPECT_FALSE(vn.IsWorkingDay(absl::CivilDay(2025, 1, 27)));
  EXPECT_TRUE(vn.IsWorkingDay(absl::CivilDay(2025, 2, 3)));
  EXPECT_EQ(vn.EntryFor(absl::CivilDay(2025, 1, 27))->source, DaySource::kOfficialDecision);
}

TEST(NationalCalendarTest, AnOfficialDayInAnUndecidedYearWinsOverTheRule) {
  std::vector<DayEntry> official = {{absl::CivilDay(2027, 2, 10), DayType::kSwappedDayOff, "nghỉ hoán đổi"}};
  const std::vector<DayEntry> days = WithStatutoryDays(official, {});
  int on_that_day = 0;
  for (const DayEntry& d : days) {
    if (d.day == absl::CivilDay(2027, 2, 10)) {
      ++on_that_day;
      EXPECT_EQ(d.source, DaySource::kOfficialDecision);
    }
  }
  EXPECT_EQ(on_that_day, 1);
}

}  // namespace
}  // namespace haicap::deadlines
