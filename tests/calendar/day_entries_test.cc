#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/deadlines/calendar/working_calendar.h"

namespace haicap::deadlines {
namespace {

using ::haicap::testing::IsOk;
using ::haicap::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

TEST(ParseDayEntriesTest, ReadsRows) {
  auto entries = ParseDayEntries(
      "\xEF\xBB\xBF"
      "date,type,note\r\n"
      "2026-04-27,COMPENSATORY_DAY_OFF,nghỉ bù Giỗ Tổ Hùng Vương\r\n"
      "\r\n"
      "2026-01-10,MAKEUP_WORKDAY,làm bù cho ngày 02/01/2026\n"
      "2026-09-02,HOLIDAY,\n");
  ASSERT_THAT(entries, IsOk());
  EXPECT_THAT(*entries, ElementsAre(DayEntry{absl::CivilDay(2026, 4, 27), DayType::kCompensatoryDayOff,
                                             "nghỉ bù Giỗ Tổ Hùng Vương"},
                                    DayEntry{absl::CivilDay(2026, 1, 10), DayType::kMakeupWorkday,
                                             "làm bù cho ngày 02/01/2026"},
                                    DayEntry{absl::CivilDay(2026, 9, 2), DayType::kHoliday, ""}));
}

absl::Status ParseError(std::string_view csv) { return ParseDayEntries(csv, "vn-2027.csv").status(); }

TEST(ParseDayEntriesTest, ErrorsNameTheLine) {
  struct Case {
    std::string_view csv;
    std::string_view message;
  };
  const Case cases[] = {
      {"day,type,note\n", "vn-2027.csv line 1: the header must be date,type,note"},
      {"date,type,note\n2027-02-30,HOLIDAY,x\n", "vn-2027.csv line 2: \"2027-02-30\" is not a date (YYYY-MM-DD)"},
      {"date,type,note\n2027-2-3,HOLIDAY,x\n", "line 2: \"2027-2-3\" is not a date"},
      {"date,type,note\n2027-02-03,holiday,x\n", "line 2: unknown day type \"holiday\""},
      {"date,type,note\n2027-02-03,HOLIDAY,a,b\n", "line 2: expected 3 fields, found 4"},
      {"date,type,note\n2027-02-03,HOLIDAY,\"a\"\n", "line 2: quoted fields are not supported"},
      {"date,type,note\n2027-02-03,HOLIDAY,x\n\n2027-02-03,SWAPPED_DAY_OFF,y\n",
       "line 4: 2027-02-03 is already on line 2"},
      {"date,type,note\n2027-02-05,MAKEUP_WORKDAY,x\n", "line 2: a MAKEUP_WORKDAY must be a Saturday or Sunday"},
      {"date,type,note\n2027-02-06,COMPENSATORY_DAY_OFF,x\n", "line 2: a COMPENSATORY_DAY_OFF must be a Mon–Fri"},
      {"date,type,note\n1901-01-01,HOLIDAY,x\n", "line 2: 1901-01-01 is outside the years"},
  };
  for (const Case& c : cases) {
    const absl::Status status = ParseError(c.csv);
    EXPECT_THAT(status, StatusIs(absl::StatusCode::kInvalidArgument)) << c.csv;
    EXPECT_THAT(status.message(), HasSubstr(c.message)) << c.csv;
  }
}

TEST(DayTypeTest, NamesRoundTrip) {
  for (DayType type : {DayType::kHoliday, DayType::kCompensatoryDayOff, DayType::kSwappedDayOff,
                       DayType::kMakeupWorkday}) {
    auto parsed = ParseDayType(DayTypeName(type));
    ASSERT_THAT(parsed, IsOk());
    EXPECT_EQ(*parsed, type);
  }
  EXPECT_THAT(ParseDayType("WEEKEND"), StatusIs(absl::StatusCode::kInvalidArgument));
}

}  // namespace
}  // namespace haicap::deadlines
