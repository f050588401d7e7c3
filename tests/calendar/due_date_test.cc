// ComputeDueDate and office-time arithmetic on the real 2025/2026 days (docs/domain.md §4–5).
#include "services/deadlines/calendar/due_date.h"

#include "calendar_testing.h"
#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace haicap::deadlines {
namespace {

using ::haicap::testing::IsOk;
using ::haicap::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::StartsWith;
using testing::National;
using testing::VnTime;

DueDate Due(absl::Time received_at, int64_t amount, DurationUnit unit,
            const WorkingCalendar& calendar = National()) {
  absl::StatusOr<DueDate> due = ComputeDueDate(calendar, received_at, amount, unit);
  EXPECT_THAT(due, IsOk());
  return due.ok() ? *due : DueDate{};
}

auto SkippedOn(absl::CivilDay day) { return Field(&SkippedDay::day, day); }

TEST(DueDateTest, AcrossTet2026) {
  // Thu 12/2: counting starts Fri 13/2 (1); Sat 14/2 – Sun 22/2 off; 23, 24, 25, 26/2.
  const DueDate due = Due(VnTime(2026, 2, 12, 10, 0), 5, DurationUnit::kWorkingDays);
  EXPECT_EQ(due.due_at, VnTime(2026, 2, 26, 17, 0));
  EXPECT_EQ(due.counted_from, VnTime(2026, 2, 12, 10, 0));
  ASSERT_EQ(due.skipped.size(), 9u);
  EXPECT_EQ(due.skipped.front().day, absl::CivilDay(2026, 2, 14));
  EXPECT_EQ(due.skipped.front().reason, "Saturday");
  EXPECT_EQ(due.skipped[2].day, absl::CivilDay(2026, 2, 16));
  EXPECT_THAT(due.skipped[2].reason, StartsWith("HOLIDAY: Tết Nguyên đán Bính Ngọ"));
  EXPECT_EQ(due.skipped.back().day, absl::CivilDay(2026, 2, 22));
  EXPECT_EQ(due.skipped.back().reason, "Sunday");
}

TEST(DueDateTest, MakeUpSaturdaysCount) {
  // Fri 25/4/2025 (1), make-up Sat 26/4 (2), Mon 28/4 (3).
  EXPECT_EQ(Due(VnTime(2025, 4, 24, 9, 0), 3, DurationUnit::kWorkingDays).due_at, VnTime(2025, 4, 28, 17, 0));
  // Tue 29/4 (1); 30/4, 1/5, swapped 2/5 and the weekend off; Mon 5/5 (2), Tue 6/5 (3).
  const DueDate may = Due(VnTime(2025, 4, 28, 9, 0), 3, DurationUnit::kWorkingDays);
  EXPECT_EQ(may.due_at, VnTime(2025, 5, 6, 17, 0));
  EXPECT_THAT(may.skipped, ElementsAre(SkippedOn(absl::CivilDay(2025, 4, 30)), SkippedOn(absl::CivilDay(2025, 5, 1)),
                                       SkippedOn(absl::CivilDay(2025, 5, 2)), SkippedOn(absl::CivilDay(2025, 5, 3)),
                                       SkippedOn(absl::CivilDay(2025, 5, 4))));
  EXPECT_THAT(may.skipped[2].reason, StartsWith("SWAPPED_DAY_OFF: "));
  // The day before the make-up Saturday 10/1/2026: one working day ends on that Saturday.
  EXPECT_EQ(Due(VnTime(2026, 1, 9, 10, 0), 1, DurationUnit::kWorkingDays).due_at, VnTime(2026, 1, 10, 17, 0));
  // A receipt on the make-up Saturday itself is a working-day receipt.
  const DueDate on_saturday = Due(VnTime(2026, 1, 10, 16, 0), 1, DurationUnit::kWorkingDays);
  EXPECT_EQ(on_saturday.counted_from, VnTime(2026, 1, 10, 16, 0));
  EXPECT_EQ(on_saturday.due_at, VnTime(2026, 1, 12, 17, 0));
  // New Year 2026: Thu 1/1 holiday, Fri 2/1 swapped; Mon 5/1 (1), Tue 6/1 (2).
  EXPECT_EQ(Due(VnTime(2025, 12, 31, 16, 0), 2, DurationUnit::kWorkingDays).due_at, VnTime(2026, 1, 6, 17, 0));
}

TEST(DueDateTest, GioToCompensatoryMonday2026) {
  // Fri 24/4: Sat 25, Sun 26 (Giỗ Tổ), Mon 27 compensatory; Tue 28/4 is the first working day.
  const DueDate due = Due(VnTime(2026, 4, 24, 10, 0), 1, DurationUnit::kWorkingDays);
  EXPECT_EQ(due.due_at, VnTime(2026, 4, 28, 17, 0));
  ASSERT_EQ(due.skipped.size(), 3u);
  EXPECT_EQ(due.skipped[1].reason, "Sunday");
  EXPECT_THAT(due.skipped[2].reason, StartsWith("COMPENSATORY_DAY_OFF: nghỉ bù Giỗ Tổ Hùng Vương"));
  // Then 30/4 and 1/5 (Thu, Fri): 3 working days from Tue 28/4 end on Tue 5/5.
  EXPECT_EQ(Due(VnTime(2026, 4, 28, 8, 0), 3, DurationUnit::kWorkingDays).due_at, VnTime(2026, 5, 5, 17, 0));
}

TEST(DueDateTest, ReceiptAfterClosingCountsFromTheNextWorkingMorning) {
  // 17:00:00 is still Thursday; 17:00:01 is Friday morning.
  const DueDate at_closing = Due(VnTime(2026, 3, 5, 17, 0, 0), 1, DurationUnit::kWorkingDays);
  EXPECT_EQ(at_closing.counted_from, VnTime(2026, 3, 5, 17, 0, 0));
  EXPECT_EQ(at_closing.due_at, VnTime(2026, 3, 6, 17, 0));
  const DueDate after = Due(VnTime(2026, 3, 5, 17, 0, 1), 1, DurationUnit::kWorkingDays);
  EXPECT_EQ(after.counted_from, VnTime(2026, 3, 6, 7, 0));
  EXPECT_EQ(after.due_at, VnTime(2026, 3, 9, 17, 0));
  EXPECT_THAT(after.skipped, ElementsAre(SkippedOn(absl::CivilDay(2026, 3, 7)), SkippedOn(absl::CivilDay(2026, 3, 8))));
  // Friday evening before Tết: treated as received Mon 23/2, counting starts Tue 24/2.
  const DueDate tet = Due(VnTime(2026, 2, 13, 18, 30), 2, DurationUnit::kWorkingDays);
  EXPECT_EQ(tet.counted_from, VnTime(2026, 2, 23, 7, 0));
  EXPECT_EQ(tet.due_at, VnTime(2026, 2, 25, 17, 0));
  // In hours too: 17:00:01 Thursday + 2 hours = Friday 09:00.
  EXPECT_EQ(Due(VnTime(2026, 3, 5, 17, 0, 1), 2, DurationUnit::kWorkingHours).due_at, VnTime(2026, 3, 6, 9, 0));
}

TEST(DueDateTest, ReceiptAtLunch) {
  // 12:15 Thursday: days count as usual; hours start at 13:30 (3.5 h to closing, then 0.5 h Friday).
  const DueDate days = Due(VnTime(2026, 3, 5, 12, 15), 1, DurationUnit::kWorkingDays);
  EXPECT_EQ(days.counted_from, VnTime(2026, 3, 5, 12, 15));
  EXPECT_EQ(days.due_at, VnTime(2026, 3, 6, 17, 0));
  EXPECT_EQ(Due(VnTime(2026, 3, 5, 12, 15), 4, DurationUnit::kWorkingHours).due_at, VnTime(2026, 3, 6, 7, 30));
  EXPECT_EQ(Due(VnTime(2026, 3, 5, 12, 15), 3, DurationUnit::kWorkingHours).due_at, VnTime(2026, 3, 5, 16, 30));
  // Before opening: the clock starts at 07:00.
  EXPECT_EQ(Due(VnTime(2026, 3, 5, 6, 0), 1, DurationUnit::kWorkingHours).due_at, VnTime(2026, 3, 5, 8, 0));
}

TEST(DueDateTest, ReceiptOnASunday) {
  const DueDate days = Due(VnTime(2026, 3, 8, 10, 0), 1, DurationUnit::kWorkingDays);
  EXPECT_EQ(days.counted_from, VnTime(2026, 3, 9, 7, 0));
  EXPECT_EQ(days.due_at, VnTime(2026, 3, 10, 17, 0));
  ASSERT_EQ(days.skipped.size(), 1u);
  EXPECT_EQ(days.skipped[0].day, absl::CivilDay(2026, 3, 8));
  EXPECT_EQ(days.skipped[0].reason, "Sunday");
  EXPECT_EQ(Due(VnTime(2026, 3, 8, 10, 0), 8, DurationUnit::kWorkingHours).due_at, VnTime(2026, 3, 9, 17, 0));
}

TEST(DueDateTest, HoursVersusDays) {
  const absl::Time monday_9am = VnTime(2026, 3, 9, 9, 0);
  EXPECT_EQ(Due(monday_9am, 1, DurationUnit::kWorkingDays).due_at, VnTime(2026, 3, 10, 17, 0));
  EXPECT_EQ(Due(monday_9am, 8, DurationUnit::kWorkingHours).due_at, VnTime(2026, 3, 10, 9, 0));
  EXPECT_EQ(Due(monday_9am, 16, DurationUnit::kWorkingHours).due_at, VnTime(2026, 3, 11, 9, 0));
  EXPECT_EQ(Due(monday_9am, 2, DurationUnit::kWorkingDays).due_at, VnTime(2026, 3, 11, 17, 0));
  // 8 hours from opening end at that day's closing, not at the next morning.
  EXPECT_EQ(Due(VnTime(2026, 3, 9, 7, 0), 8, DurationUnit::kWorkingHours).due_at, VnTime(2026, 3, 9, 17, 0));
  // 4.5 hours from opening end at 11:30, before the lunch break.
  EXPECT_EQ(AddWorkingTime(National(), VnTime(2026, 3, 9, 7, 0), absl::Minutes(270)), VnTime(2026, 3, 9, 11, 30));
  // Hours across Tết 2026: 2 hours on Fri 13/2, 2 on Mon 23/2.
  const DueDate tet = Due(VnTime(2026, 2, 13, 15, 0), 4, DurationUnit::kWorkingHours);
  EXPECT_EQ(tet.due_at, VnTime(2026, 2, 23, 9, 0));
  EXPECT_EQ(tet.skipped.size(), 9u);
  // Zero: the closing of the (treated) receipt day, or the receipt instant in hours.
  EXPECT_EQ(Due(monday_9am, 0, DurationUnit::kWorkingDays).due_at, VnTime(2026, 3, 9, 17, 0));
  EXPECT_EQ(Due(monday_9am, 0, DurationUnit::kWorkingHours).due_at, monday_9am);
}

TEST(DueDateTest, CalendarDaysLandingOnAHolidayMoveToTheNextWorkingDay) {
  // Tue 26/8/2025 + 7 days = Tue 2/9 (Quốc khánh) → Wed 3/9.
  const DueDate due = Due(VnTime(2025, 8, 26, 10, 0), 7, DurationUnit::kCalendarDays);
  EXPECT_EQ(due.due_at, VnTime(2025, 9, 3, 17, 0));
  EXPECT_EQ(due.counted_from, VnTime(2025, 8, 26, 10, 0));
  ASSERT_EQ(due.skipped.size(), 1u);
  EXPECT_EQ(due.skipped[0].day, absl::CivilDay(2025, 9, 2));
  EXPECT_EQ(due.skipped[0].reason,
            "HOLIDAY: Quốc khánh (the period's last day is not a working day, so it ends on 2025-09-03)");
  // Fri 28/8/2026 + 2 = Sun 30/8; Mon 31/8 swapped, 1–2/9 holidays → Thu 3/9.
  const DueDate long_weekend = Due(VnTime(2026, 8, 28, 10, 0), 2, DurationUnit::kCalendarDays);
  EXPECT_EQ(long_weekend.due_at, VnTime(2026, 9, 3, 17, 0));
  EXPECT_EQ(long_weekend.skipped.size(), 4u);
  // Weekends in the middle count; only the last day matters. After closing changes nothing.
  const DueDate plain = Due(VnTime(2026, 3, 6, 18, 0), 10, DurationUnit::kCalendarDays);
  EXPECT_EQ(plain.due_at, VnTime(2026, 3, 16, 17, 0));
  EXPECT_THAT(plain.skipped, IsEmpty());
}

TEST(DueDateTest, ExplainFalseGivesTheSameDueDateWithoutTheDays) {
  auto due = ComputeDueDate(National(), VnTime(2026, 2, 12, 10, 0), 5, DurationUnit::kWorkingDays, false);
  ASSERT_THAT(due, IsOk());
  EXPECT_EQ(due->due_at, VnTime(2026, 2, 26, 17, 0));
  EXPECT_THAT(due->skipped, IsEmpty());
}

TEST(DueDateTest, ProvinceCalendarOverridesADay) {
  auto province = WorkingCalendar::Create(
      "79", {{absl::CivilDay(2025, 4, 26), DayType::kHoliday, "Tỉnh không làm bù"}}, OfficeHours::Default(),
      testing::NationalCalendar());
  ASSERT_THAT(province, IsOk());
  // Nationally Mon 28/4 (make-up Saturday counted); in the province Tue 29/4.
  const DueDate due = Due(VnTime(2025, 4, 24, 9, 0), 3, DurationUnit::kWorkingDays, **province);
  EXPECT_EQ(due.due_at, VnTime(2025, 4, 29, 17, 0));
  ASSERT_FALSE(due.skipped.empty());
  EXPECT_EQ(due.skipped[0].reason, "HOLIDAY: Tỉnh không làm bù");
}

TEST(DueDateTest, RejectsOutOfRangeArguments) {
  const absl::Time t = VnTime(2026, 3, 9, 9, 0);
  for (auto [amount, unit] : {std::pair<int64_t, DurationUnit>{-1, DurationUnit::kWorkingDays},
                              {3651, DurationUnit::kWorkingDays},
                              {3651, DurationUnit::kCalendarDays},
                              {10001, DurationUnit::kWorkingHours}}) {
    absl::StatusOr<DueDate> due = ComputeDueDate(National(), t, amount, unit);
    EXPECT_THAT(due, StatusIs(absl::StatusCode::kInvalidArgument)) << amount;
    EXPECT_THAT(due.status().message(), HasSubstr("duration"));
  }
  EXPECT_THAT(ComputeDueDate(National(), t, 3650, DurationUnit::kWorkingDays), IsOk());
  EXPECT_THAT(ComputeDueDate(National(), t, 10000, DurationUnit::kWorkingHours), IsOk());
  EXPECT_THAT(ComputeDueDate(National(), VnTime(1929, 12, 31, 23, 0), 1, DurationUnit::kWorkingDays),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(ComputeDueDate(National(), absl::InfiniteFuture(), 1, DurationUnit::kWorkingDays),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST(CountWorkingDaysTest, RealDays) {
  // February 2026: 20 weekdays, 5 of them Tết.
  EXPECT_EQ(CountWorkingDays(National(), absl::CivilDay(2026, 2, 1), absl::CivilDay(2026, 2, 28)), 15);
  // 25/4 – 4/5/2025: Fri 25, make-up Sat 26, Mon 28, Tue 29.
  EXPECT_EQ(CountWorkingDays(National(), absl::CivilDay(2025, 4, 25), absl::CivilDay(2025, 5, 4)), 4);
  EXPECT_EQ(CountWorkingDays(National(), absl::CivilDay(2026, 4, 27), absl::CivilDay(2026, 4, 27)), 0);
  EXPECT_EQ(CountWorkingDays(National(), absl::CivilDay(2026, 4, 28), absl::CivilDay(2026, 4, 28)), 1);
  EXPECT_EQ(CountWorkingDays(National(), absl::CivilDay(2026, 5, 1), absl::CivilDay(2026, 4, 1)), 0);
}

TEST(WorkingTimeTest, PausedClockAcrossAHoliday) {
  // Paused Wed 29/4/2026 15:00 → Mon 4/5 09:00: 2 h Wednesday, 30/4 and 1/5 off, 2 h Monday.
  EXPECT_EQ(WorkingTimeBetween(National(), VnTime(2026, 4, 29, 15, 0), VnTime(2026, 5, 4, 9, 0)), absl::Hours(4));
  // Lunch and nights are not office time.
  EXPECT_EQ(WorkingTimeBetween(National(), VnTime(2026, 3, 9, 11, 0), VnTime(2026, 3, 9, 14, 0)), absl::Hours(1));
  EXPECT_EQ(WorkingTimeBetween(National(), VnTime(2026, 3, 9, 18, 0), VnTime(2026, 3, 10, 6, 0)),
            absl::ZeroDuration());
  EXPECT_EQ(WorkingTimeBetween(National(), VnTime(2026, 3, 10, 9, 0), VnTime(2026, 3, 9, 9, 0)),
            absl::ZeroDuration());
  // Resuming: a due date of Tue 5/5 17:00 moves by the 4 paused hours to Wed 6/5 11:00; past 4.5 hours
  // it jumps the lunch break.
  EXPECT_EQ(AddWorkingTime(National(), VnTime(2026, 5, 5, 17, 0), absl::Hours(4)), VnTime(2026, 5, 6, 11, 0));
  EXPECT_EQ(AddWorkingTime(National(), VnTime(2026, 5, 5, 17, 0), absl::Minutes(270)), VnTime(2026, 5, 6, 11, 30));
  EXPECT_EQ(AddWorkingTime(National(), VnTime(2026, 5, 5, 17, 0), absl::Minutes(271)), VnTime(2026, 5, 6, 13, 31));
  EXPECT_EQ(AddWorkingTime(National(), VnTime(2026, 5, 5, 12, 0), absl::ZeroDuration()), VnTime(2026, 5, 5, 12, 0));
  EXPECT_EQ(AddWorkingTime(National(), VnTime(2026, 5, 5, 12, 0), -absl::Hours(1)), VnTime(2026, 5, 5, 12, 0));
}

}  // namespace
}  // namespace haicap::deadlines
