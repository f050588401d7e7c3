// Properties of the deadline arithmetic over many random receipts and amounts across 2025–2026 (and
// past the shipped years), checked against a day-by-day reference count.
#include <random>

#include "calendar_testing.h"
#include "common/clock.h"
#include "gtest/gtest.h"
#include "services/deadlines/calendar/due_date.h"

namespace haicap::deadlines {
namespace {

using testing::National;
using testing::VnTime;

constexpr int kSamples = 20000;
const absl::Duration kClosing = absl::Hours(17);

absl::CivilDay DayOf(absl::Time t) { return absl::ToCivilDay(t, VietnamTimeZone()); }
absl::Duration TimeOfDay(absl::Time t) { return t - absl::FromCivil(DayOf(t), VietnamTimeZone()); }

class DueDatePropertyTest : public ::testing::Test {
 protected:
  // Any second from 1/12/2024 to 31/12/2026.
  absl::Time RandomInstant() {
    const absl::Time first = VnTime(2024, 12, 1);
    const int64_t span = absl::ToInt64Seconds(VnTime(2027, 1, 1) - first);
    return first + absl::Seconds(std::uniform_int_distribution<int64_t>(0, span - 1)(random_));
  }
  // Mostly within a few months; sometimes years, past the shipped calendar.
  int64_t RandomDays() {
    return std::uniform_int_distribution<int>(0, 9)(random_) == 0
               ? std::uniform_int_distribution<int64_t>(0, kMaxDurationDays)(random_)
               : std::uniform_int_distribution<int64_t>(0, 60)(random_);
  }
  // An instant strictly inside an office window of a random working day in 2025–2026.
  absl::Time RandomOfficeInstant() {
    absl::CivilDay day;
    do {
      day = absl::CivilDay(2025, 1, 1) + std::uniform_int_distribution<int>(0, 729)(random_);
    } while (!National().IsWorkingDay(day));
    const auto& windows = National().office_hours().windows;
    const auto& [start, end] = windows[std::uniform_int_distribution<size_t>(0, windows.size() - 1)(random_)];
    const int64_t seconds = absl::ToInt64Seconds(end - start);
    return absl::FromCivil(day, VietnamTimeZone()) + start +
           absl::Seconds(std::uniform_int_distribution<int64_t>(1, seconds)(random_));
  }

  std::mt19937_64 random_{20250701};
};

// The reference: walk day by day.
absl::CivilDay NextWorkingDayAfter(absl::CivilDay day) {
  do ++day;
  while (!National().IsWorkingDay(day));
  return day;
}

TEST_F(DueDatePropertyTest, WorkingDaysEndAtTheClosingOfTheNthWorkingDay) {
  for (int i = 0; i < kSamples; ++i) {
    const absl::Time received = RandomInstant();
    const int64_t n = RandomDays();
    absl::StatusOr<DueDate> due = ComputeDueDate(National(), received, n, DurationUnit::kWorkingDays);
    ASSERT_TRUE(due.ok()) << due.status();
    const absl::CivilDay due_day = DayOf(due->due_at);
    ASSERT_TRUE(National().IsWorkingDay(due_day)) << received << " + " << n;
    ASSERT_EQ(TimeOfDay(due->due_at), kClosing) << received << " + " << n;

    // The treated receipt day, by hand.
    absl::CivilDay receipt_day = DayOf(received);
    if (!National().IsWorkingDay(receipt_day) || TimeOfDay(received) > kClosing) {
      receipt_day = NextWorkingDayAfter(receipt_day);
      ASSERT_EQ(due->counted_from, absl::FromCivil(receipt_day, VietnamTimeZone()) + absl::Hours(7));
    } else {
      ASSERT_EQ(due->counted_from, received);
    }
    ASSERT_EQ(DayOf(due->counted_from), receipt_day);
    if (n == 0) {
      ASSERT_EQ(due_day, receipt_day);
      continue;
    }
    ASSERT_EQ(CountWorkingDays(National(), NextWorkingDayAfter(receipt_day), due_day), n);
    if (n <= 60) {
      absl::CivilDay expected = receipt_day;
      for (int64_t k = 0; k < n; ++k) expected = NextWorkingDayAfter(expected);
      ASSERT_EQ(due_day, expected) << received << " + " << n;
      // The explanation lists exactly the days off from the receipt day to the due day.
      size_t listed = 0;
      for (absl::CivilDay day = DayOf(received); day <= due_day; ++day) {
        if (National().IsWorkingDay(day)) continue;
        ASSERT_LT(listed, due->skipped.size());
        ASSERT_EQ(due->skipped[listed].day, day);
        ASSERT_EQ(due->skipped[listed].reason, National().WhyNotWorking(day));
        ++listed;
      }
      ASSERT_EQ(listed, due->skipped.size());
    }
  }
}

TEST_F(DueDatePropertyTest, WorkingHoursRunOnlyInsideOfficeHours) {
  for (int i = 0; i < kSamples; ++i) {
    const absl::Time received = RandomInstant();
    const int64_t n = std::uniform_int_distribution<int64_t>(1, 200)(random_);
    absl::StatusOr<DueDate> due = ComputeDueDate(National(), received, n, DurationUnit::kWorkingHours, false);
    ASSERT_TRUE(due.ok()) << due.status();
    ASSERT_TRUE(National().IsWorkingDay(DayOf(due->due_at)));
    const absl::Duration at = TimeOfDay(due->due_at);
    const bool in_window =
        (at > absl::Hours(7) && at <= absl::Minutes(690)) || (at > absl::Minutes(810) && at <= kClosing);
    ASSERT_TRUE(in_window) << received << " + " << n << "h = " << due->due_at;
    ASSERT_EQ(WorkingTimeBetween(National(), due->counted_from, due->due_at), absl::Hours(n));
    ASSERT_EQ(WorkingTimeBetween(National(), received, due->due_at), absl::Hours(n));
  }
}

TEST_F(DueDatePropertyTest, CalendarDaysEndOnTheFirstWorkingDayFromTheLastDay) {
  for (int i = 0; i < kSamples; ++i) {
    const absl::Time received = RandomInstant();
    const int64_t n = RandomDays();
    absl::StatusOr<DueDate> due = ComputeDueDate(National(), received, n, DurationUnit::kCalendarDays);
    ASSERT_TRUE(due.ok()) << due.status();
    const absl::CivilDay due_day = DayOf(due->due_at);
    ASSERT_TRUE(National().IsWorkingDay(due_day));
    ASSERT_EQ(TimeOfDay(due->due_at), kClosing);
    const absl::CivilDay last_day = DayOf(received) + n;
    ASSERT_GE(due_day, last_day);
    ASSERT_EQ(due->skipped.size(), static_cast<size_t>(due_day - last_day));
    for (absl::CivilDay day = last_day; day < due_day; ++day) ASSERT_FALSE(National().IsWorkingDay(day));
  }
}

TEST_F(DueDatePropertyTest, DueDatesAreMonotonic) {
  for (int i = 0; i < kSamples; ++i) {
    absl::Time a = RandomInstant();
    absl::Time b = RandomInstant();
    if (b < a) std::swap(a, b);
    const int64_t n = std::uniform_int_distribution<int64_t>(0, 60)(random_);
    for (DurationUnit unit : {DurationUnit::kWorkingDays, DurationUnit::kWorkingHours, DurationUnit::kCalendarDays}) {
      const absl::Time due_a = ComputeDueDate(National(), a, n, unit, false)->due_at;
      const absl::Time due_b = ComputeDueDate(National(), b, n, unit, false)->due_at;
      const absl::Time due_a_later = ComputeDueDate(National(), a, n + 1, unit, false)->due_at;
      ASSERT_LE(due_a, due_b) << a << " " << b << " " << n;
      // In calendar days, n and n + 1 may both end on the working day after a day off.
      if (unit == DurationUnit::kCalendarDays) {
        ASSERT_LE(due_a, due_a_later) << a << " " << n;
      } else {
        ASSERT_LT(due_a, due_a_later) << a << " " << n;
      }
    }
  }
}

TEST_F(DueDatePropertyTest, AddingTheOfficeTimeBetweenTwoInstantsGoesFromOneToTheOther) {
  for (int i = 0; i < kSamples; ++i) {
    absl::Time from = RandomOfficeInstant();
    absl::Time to = RandomOfficeInstant();
    if (to < from) std::swap(from, to);
    if (to == from) continue;
    const absl::Duration between = WorkingTimeBetween(National(), from, to);
    ASSERT_GT(between, absl::ZeroDuration());
    ASSERT_EQ(AddWorkingTime(National(), from, between), to) << from << " → " << to;
  }
}

TEST_F(DueDatePropertyTest, OfficeTimeAddsUp) {
  for (int i = 0; i < kSamples; ++i) {
    absl::Time times[3] = {RandomInstant(), RandomInstant(), RandomInstant()};
    std::sort(std::begin(times), std::end(times));
    const absl::Duration ab = WorkingTimeBetween(National(), times[0], times[1]);
    const absl::Duration bc = WorkingTimeBetween(National(), times[1], times[2]);
    ASSERT_EQ(WorkingTimeBetween(National(), times[0], times[2]), ab + bc);
    // Office time is at most 8 hours a working day.
    const int64_t days = CountWorkingDays(National(), DayOf(times[0]), DayOf(times[1]));
    ASSERT_LE(ab, absl::Hours(8) * days);
  }
}

}  // namespace
}  // namespace haicap::deadlines
