#include "tools/haicapctl/core/deadline_args.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace haicap::ctl {
namespace {

using ::testing::HasSubstr;

// A local instant as "YYYY-MM-DD HH:MM" in Vietnam time, or the error.
std::string Instant(std::string_view text) {
  const absl::Time now = absl::FromUnixSeconds(1771000000);
  absl::StatusOr<absl::Time> parsed = ParseLocalInstant(text, now);
  if (!parsed.ok()) return "error: " + std::string(parsed.status().message());
  return absl::FormatTime("%Y-%m-%d %H:%M:%S", *parsed, absl::FixedTimeZone(7 * 3600));
}

std::string Duration(std::string_view text) {
  absl::StatusOr<DueDuration> parsed = ParseDueDuration(text);
  if (!parsed.ok()) return "error: " + std::string(parsed.status().message());
  return DescribeDueDuration(parsed->amount, parsed->unit);
}

google::type::Date Date(int year, int month, int day) {
  google::type::Date date;
  date.set_year(year);
  date.set_month(month);
  date.set_day(day);
  return date;
}

TEST(ParseLocalInstant, AcceptsIsoVietnameseAndHourForms) {
  EXPECT_EQ(Instant("2026-02-13T10:00"), "2026-02-13 10:00:00");
  EXPECT_EQ(Instant("2026-02-13 10:00"), "2026-02-13 10:00:00");
  EXPECT_EQ(Instant(" 13/02/2026 10:00 "), "2026-02-13 10:00:00");
  EXPECT_EQ(Instant("13/2/2026 9:05"), "2026-02-13 09:05:00");
  EXPECT_EQ(Instant("13/02/2026 16h30"), "2026-02-13 16:30:00");
  EXPECT_EQ(Instant("13/02/2026 8h"), "2026-02-13 08:00:00");
  EXPECT_EQ(Instant("13/02/2026"), "2026-02-13 00:00:00");  // a date alone: its midnight
}

TEST(ParseLocalInstant, IsVietnamTimeWhateverTheMachineZone) {
  absl::StatusOr<absl::Time> parsed = ParseLocalInstant("13/02/2026 10:00", absl::Now());
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(absl::ToUnixSeconds(*parsed), 1770951600);  // 2026-02-13T03:00:00Z
}

TEST(ParseLocalInstant, NowIsTheGivenInstant) {
  EXPECT_EQ(ParseLocalInstant("NOW", absl::FromUnixSeconds(1771000000)).value(),
            absl::FromUnixSeconds(1771000000));
}

TEST(ParseLocalInstant, RejectsBadDatesAndTimes) {
  EXPECT_THAT(Instant("31/02/2026 10:00"), HasSubstr("not a valid date"));
  EXPECT_THAT(Instant("tomorrow"), HasSubstr("is not a date"));
  EXPECT_THAT(Instant("13/02/2026 24:00"), HasSubstr("\"24:00\" is not a time of day"));
  EXPECT_THAT(Instant("13/02/2026 10:60"), HasSubstr("is not a time of day"));
  EXPECT_THAT(Instant("13/02/2026 10"), HasSubstr("is not a time of day"));
  EXPECT_THAT(Instant("13/02/2026 10:5"), HasSubstr("is not a time of day"));
  EXPECT_THAT(Instant("13/02/2026 10:00pm"), HasSubstr("is not a time of day"));
}

TEST(ParseDueDuration, ReadsEachUnit) {
  EXPECT_EQ(Duration("30wd"), "30 working days");
  EXPECT_EQ(Duration("1d"), "1 working day");
  EXPECT_EQ(Duration("8WH"), "8 working hours");
  EXPECT_EQ(Duration("4h"), "4 working hours");
  EXPECT_EQ(Duration("45cd"), "45 calendar days");
  EXPECT_EQ(Duration(" 5 wd "), "5 working days");
  EXPECT_EQ(Duration("0wd"), "0 working days");
}

TEST(ParseDueDuration, RejectsAMissingNumberOrUnit) {
  for (const char* bad :
       {"30", "wd", "30 days", "-5wd", "3.5wd", "30w", "99999999999999999999wd", ""}) {
    EXPECT_THAT(Duration(bad), HasSubstr("is not a duration; write a whole number and a unit"))
        << bad;
  }
}

TEST(ParseDayType, AcceptsShortWordsProtoNamesAndVietnamese) {
  EXPECT_EQ(ParseDayType("holiday").value(), deadlines::HOLIDAY);
  EXPECT_EQ(ParseDayType("compensatory").value(), deadlines::COMPENSATORY_DAY_OFF);
  EXPECT_EQ(ParseDayType("nghi-bu").value(), deadlines::COMPENSATORY_DAY_OFF);
  EXPECT_EQ(ParseDayType("Swapped").value(), deadlines::SWAPPED_DAY_OFF);
  EXPECT_EQ(ParseDayType("swapped-day-off").value(), deadlines::SWAPPED_DAY_OFF);
  EXPECT_EQ(ParseDayType("makeup").value(), deadlines::MAKEUP_WORKDAY);
  EXPECT_EQ(ParseDayType("MAKEUP_WORKDAY").value(), deadlines::MAKEUP_WORKDAY);
  EXPECT_EQ(ParseDayType("lam-bu").value(), deadlines::MAKEUP_WORKDAY);
  EXPECT_THAT(std::string(ParseDayType("weekend").status().message()),
              HasSubstr("unknown day type \"weekend\"; use one of holiday, compensatory-day-off"));
}

TEST(Weekdays, InVietnameseAndEnglish) {
  EXPECT_EQ(VietnameseWeekday(Date(2026, 2, 16)), "Thứ Hai");
  EXPECT_EQ(EnglishWeekday(Date(2026, 2, 16)), "Monday");
  EXPECT_EQ(VietnameseWeekday(Date(2026, 1, 10)), "Thứ Bảy");
  EXPECT_EQ(VietnameseWeekday(Date(2026, 2, 22)), "Chủ Nhật");
  EXPECT_EQ(EnglishWeekday(Date(2026, 2, 22)), "Sunday");
}

TEST(FormatLocalInstantWithWeekday, UsesTheVietnameseDay) {
  google::protobuf::Timestamp at;
  at.set_seconds(1772182800);  // 2026-02-27T09:00:00Z = 16:00 in Vietnam
  EXPECT_EQ(FormatLocalInstantWithWeekday(at), "2026-02-27 16:00 (Thứ Sáu, Friday)");
  at.set_seconds(1772211600);  // 2026-02-27T17:00:00Z: already Saturday in Vietnam
  EXPECT_EQ(FormatLocalInstantWithWeekday(at), "2026-02-28 00:00 (Thứ Bảy, Saturday)");
}

TEST(FormatOfficeHours, AsClockTimes) {
  google::protobuf::RepeatedPtrField<deadlines::OfficeWindow> windows;
  windows.Add()->set_start_minute(420);
  windows.Mutable(0)->set_end_minute(690);
  windows.Add()->set_start_minute(810);
  windows.Mutable(1)->set_end_minute(1020);
  EXPECT_EQ(FormatOfficeHours(windows), "07:00–11:30, 13:30–17:00");
}

}  // namespace
}  // namespace haicap::ctl
