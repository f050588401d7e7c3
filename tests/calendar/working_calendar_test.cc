#include "services/deadlines/calendar/working_calendar.h"

#include "calendar_testing.h"
#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/deadlines/calendar/due_date.h"
#include "services/deadlines/calendar/statutory_days.h"

namespace haicap::deadlines {
namespace {

using ::haicap::testing::StatusIs;
using ::testing::HasSubstr;
using ::testing::StartsWith;
using testing::National;

int64_t WorkingDaysIn(const WorkingCalendar& calendar, int year) {
  return CountWorkingDays(calendar, absl::CivilDay(year, 1, 1), absl::CivilDay(year, 12, 31));
}

TEST(NationalCalendarTest, ShipsTheDaysOf2025And2026AndDerivesTheOthers) {
  EXPECT_EQ(National().id(), "VN");
  EXPECT_EQ(National().office_hours(), OfficeHours::Default());
  // 261 weekdays each year; 2025: 12 weekdays off, 1 make-up Saturday; 2026: 13 off, 2 make-up.
  EXPECT_EQ(WorkingDaysIn(National(), 2025), 250);
  EXPECT_EQ(WorkingDaysIn(National(), 2026), 250);
  // Other years have the rule's 11 days off and their compensatory days, provisionally:
  // 2027 loses 1/1, 5/2, 8–11/2 (Tết and its days for 6–7/2), 16/4, 30/4, 3/5 (for 1/5), 1–2/9.
  EXPECT_EQ(WorkingDaysIn(National(), 2027), 261 - 11);
  EXPECT_EQ(WorkingDaysIn(National(), 2024), 262 - 11);
  EXPECT_EQ(National().EntryFor(absl::CivilDay(2027, 1, 1))->source, DaySource::kStatutoryRule);
  EXPECT_EQ(National().EntryFor(absl::CivilDay(2026, 1, 1))->source, DaySource::kOfficialDecision);
  // Outside the years the rule covers only weekends are off.
  EXPECT_EQ(WorkingDaysIn(National(), kLastStatutoryYear + 1), 260);  // 2101: 260 weekdays
}

TEST(NationalCalendarTest, MakeUpSaturdaysAreWorkingDays) {
  EXPECT_TRUE(National().IsWorkingDay(absl::CivilDay(2025, 4, 26)));
  EXPECT_TRUE(National().IsWorkingDay(absl::CivilDay(2026, 1, 10)));
  EXPECT_TRUE(National().IsWorkingDay(absl::CivilDay(2026, 8, 22)));
  EXPECT_EQ(National().WhyNotWorking(absl::CivilDay(2026, 1, 10)), "");
  EXPECT_FALSE(National().IsWorkingDay(absl::CivilDay(2026, 1, 17)));
  EXPECT_EQ(National().WhyNotWorking(absl::CivilDay(2026, 1, 17)), "Saturday");
  EXPECT_EQ(National().WhyNotWorking(absl::CivilDay(2026, 1, 18)), "Sunday");
}

TEST(NationalCalendarTest, DaysOffSayWhy) {
  for (int day = 16; day <= 20; ++day) {
    EXPECT_FALSE(National().IsWorkingDay(absl::CivilDay(2026, 2, day))) << day;
    EXPECT_THAT(National().WhyNotWorking(absl::CivilDay(2026, 2, day)),
                StartsWith("HOLIDAY: Tết Nguyên đán Bính Ngọ"));
  }
  EXPECT_EQ(National().WhyNotWorking(absl::CivilDay(2026, 2, 14)), "Saturday");
  EXPECT_TRUE(National().IsWorkingDay(absl::CivilDay(2026, 2, 23)));
  EXPECT_THAT(National().WhyNotWorking(absl::CivilDay(2026, 4, 27)),
              StartsWith("COMPENSATORY_DAY_OFF: nghỉ bù Giỗ Tổ Hùng Vương"));
  EXPECT_THAT(National().WhyNotWorking(absl::CivilDay(2025, 5, 2)), StartsWith("SWAPPED_DAY_OFF: "));
  EXPECT_THAT(National().WhyNotWorking(absl::CivilDay(2025, 9, 2)), "HOLIDAY: Quốc khánh");
  ASSERT_NE(National().EntryFor(absl::CivilDay(2025, 4, 26)), nullptr);
  EXPECT_EQ(National().EntryFor(absl::CivilDay(2025, 4, 26))->type, DayType::kMakeupWorkday);
  EXPECT_EQ(National().EntryFor(absl::CivilDay(2025, 4, 25)), nullptr);
}

TEST(NationalCalendarTest, IndexAndDayAtAreInverseAcrossTheTableEdges) {
  int64_t expected_index = National().WorkingDayIndex(absl::CivilDay(2020, 1, 1));
  for (absl::CivilDay day(2020, 1, 1); day < absl::CivilDay(2031, 1, 1); ++day) {
    ASSERT_EQ(National().WorkingDayIndex(day), expected_index) << day;
    if (National().IsWorkingDay(day)) {
      ASSERT_EQ(National().WorkingDayAt(expected_index), day);
      ++expected_index;
    } else {
      ASSERT_GT(National().FirstWorkingDayFrom(day), day);
    }
  }
}

TEST(NationalCalendarTest, KnowsWhichYearsAreProvisional) {
  EXPECT_FALSE(National().IsProvisional(2025));
  EXPECT_FALSE(National().IsProvisional(2026));
  EXPECT_TRUE(National().IsProvisional(2027));  // no decision yet: the rule's days only
  EXPECT_TRUE(National().IsProvisional(2024));
  EXPECT_FALSE(National().IsProvisional(kLastStatutoryYear + 1));  // nothing at all
  EXPECT_TRUE(National().HasDaysIn(2027));
  EXPECT_FALSE(National().HasDaysIn(kLastStatutoryYear + 1));
  EXPECT_EQ(National().ProvisionalYears(2025, 2028), (std::vector<int64_t>{2027, 2028}));
}

TEST(ProvinceCalendarTest, OverridesTheNationalDaysItNames) {
  const OfficeHours hours{{{absl::Hours(7) + absl::Minutes(30), absl::Hours(11) + absl::Minutes(30)},
                           {absl::Hours(13), absl::Hours(17)}}};
  auto province = WorkingCalendar::Create(
      "79",
      {{absl::CivilDay(2025, 4, 26), DayType::kHoliday, "Tỉnh không làm bù"},
       {absl::CivilDay(2025, 9, 3), DayType::kHoliday, "Ngày truyền thống của tỉnh"}},
      hours, testing::NationalCalendar());
  ASSERT_THAT(province, haicap::testing::IsOk());
  const WorkingCalendar& calendar = **province;
  EXPECT_EQ(calendar.office_hours(), hours);
  EXPECT_FALSE(calendar.IsWorkingDay(absl::CivilDay(2025, 4, 26)));
  EXPECT_TRUE(National().IsWorkingDay(absl::CivilDay(2025, 4, 26)));
  EXPECT_EQ(calendar.EntryFor(absl::CivilDay(2025, 4, 26))->note, "Tỉnh không làm bù");
  EXPECT_EQ(calendar.WhyNotWorking(absl::CivilDay(2025, 9, 3)), "HOLIDAY: Ngày truyền thống của tỉnh");
  // The national days it does not name stay in force.
  EXPECT_EQ(calendar.EntryFor(absl::CivilDay(2025, 4, 30)), National().EntryFor(absl::CivilDay(2025, 4, 30)));
  EXPECT_FALSE(calendar.IsWorkingDay(absl::CivilDay(2026, 2, 18)));
  EXPECT_EQ(WorkingDaysIn(calendar, 2025), 248);
  EXPECT_EQ(WorkingDaysIn(calendar, 2026), 250);
  EXPECT_EQ(calendar.Entries().size(), 2u);
  EXPECT_TRUE(calendar.HasDaysIn(2026));  // through the national base
}

TEST(ProvinceCalendarTest, EntriesOutsideTheNationalYearsExtendTheTable) {
  auto province =
      WorkingCalendar::Create("01", {{absl::CivilDay(2027, 10, 11), DayType::kHoliday, "Ngày lễ riêng của tỉnh"}},
                              OfficeHours::Default(), testing::NationalCalendar());
  ASSERT_THAT(province, haicap::testing::IsOk());
  EXPECT_EQ(WorkingDaysIn(**province, 2025), 250);
  EXPECT_EQ(WorkingDaysIn(**province, 2026), 250);
  EXPECT_EQ(WorkingDaysIn(**province, 2027), 261 - 11 - 1);
  EXPECT_EQ(WorkingDaysIn(**province, 2028), 260 - 11);
  EXPECT_TRUE((*province)->IsProvisional(2027));  // through the national base
  for (absl::CivilDay day(2024, 12, 1); day < absl::CivilDay(2028, 2, 1); ++day) {
    if ((*province)->IsWorkingDay(day)) {
      ASSERT_EQ((*province)->WorkingDayAt((*province)->WorkingDayIndex(day)), day);
    }
  }
}

TEST(WorkingCalendarTest, WithoutEntriesOnlyWeekendsAreOff) {
  const WorkingCalendar calendar("plain", {}, OfficeHours::Default());
  EXPECT_EQ(CountWorkingDays(calendar, absl::CivilDay(2026, 2, 16), absl::CivilDay(2026, 2, 22)), 5);
  EXPECT_EQ(calendar.FirstWorkingDayFrom(absl::CivilDay(2026, 2, 14)), absl::CivilDay(2026, 2, 16));
  EXPECT_EQ(calendar.WorkingDayAt(calendar.WorkingDayIndex(absl::CivilDay(1950, 3, 6)) + 5),
            absl::CivilDay(1950, 3, 13));
}

TEST(WorkingCalendarTest, CreateRejectsBadEntriesAndHours) {
  EXPECT_THAT(WorkingCalendar::Create("x", {{absl::CivilDay(2025, 4, 25), DayType::kMakeupWorkday, ""}},
                                      OfficeHours::Default()),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(WorkingCalendar::Create("x", {{absl::CivilDay(2025, 4, 26), DayType::kSwappedDayOff, ""}},
                                      OfficeHours::Default()),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(WorkingCalendar::Create("x", {}, OfficeHours{}), StatusIs(absl::StatusCode::kInvalidArgument));
  const absl::Status duplicate = ValidateDayEntries({{absl::CivilDay(2025, 9, 2), DayType::kHoliday, "a"},
                                                     {absl::CivilDay(2025, 9, 1), DayType::kHoliday, "b"},
                                                     {absl::CivilDay(2025, 9, 2), DayType::kHoliday, "c"}});
  EXPECT_THAT(duplicate, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(duplicate.message(), HasSubstr("entries[2].day: 2025-09-02 is also entries[0]"));
  EXPECT_THAT(ValidateDayEntries({{absl::CivilDay(1900, 1, 1), DayType::kHoliday, ""}}).message(),
              HasSubstr("outside the years"));
}

TEST(OfficeHoursTest, Validation) {
  EXPECT_THAT(ValidateOfficeHours(OfficeHours::Default()), haicap::testing::IsOk());
  EXPECT_EQ(OfficeHours::Default().PerDay(), absl::Hours(8));
  EXPECT_EQ(OfficeHours::Default().Opening(), absl::Hours(7));
  EXPECT_EQ(OfficeHours::Default().Closing(), absl::Hours(17));
  const auto h = [](double hours) { return absl::Seconds(hours * 3600); };
  EXPECT_THAT(ValidateOfficeHours({{{h(8), h(12)}, {h(12), h(16)}}}), haicap::testing::IsOk());
  EXPECT_THAT(ValidateOfficeHours({{{h(8), h(12)}, {h(11), h(16)}}}), StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(ValidateOfficeHours({{{h(13), h(17)}, {h(7), h(11)}}}), StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(ValidateOfficeHours({{{h(9), h(9)}}}), StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(ValidateOfficeHours({{{h(-1), h(9)}}}), StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(ValidateOfficeHours({{{h(20), h(25)}}}), StatusIs(absl::StatusCode::kInvalidArgument));
}

}  // namespace
}  // namespace haicap::deadlines
