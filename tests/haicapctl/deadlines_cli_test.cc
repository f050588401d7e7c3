// Runs the real haicapctl command line in process against a fake deadlines service: what reaches
// the service (calendar ids, dates, types, etags, instants, durations, the actor) and what the
// user sees (tables with weekdays, due dates with their explanation, JSON, errors, exit codes).
#include "common/errors.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/haicapctl/fake_deadlines.h"

namespace haicap::ctl {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::MatchesRegex;
using ::testing::Not;

google::type::Date Date(int year, int month, int day) {
  google::type::Date date;
  date.set_year(year);
  date.set_month(month);
  date.set_day(day);
  return date;
}

deadlines::CalendarDay Day(google::type::Date date, deadlines::DayType type, std::string note) {
  deadlines::CalendarDay day;
  *day.mutable_date() = date;
  day.set_type(type);
  day.set_note(std::move(note));
  return day;
}

// "VN" with two days of 2025 and two of 2026, at revision 7.
deadlines::Calendar National() {
  deadlines::Calendar calendar;
  calendar.set_id("VN");
  calendar.set_name("Lịch làm việc quốc gia");
  for (auto [start, end] : {std::pair{420, 690}, std::pair{810, 1020}}) {
    deadlines::OfficeWindow* window = calendar.add_office_hours();
    window->set_start_minute(start);
    window->set_end_minute(end);
  }
  *calendar.add_days() = Day(Date(2025, 9, 2), deadlines::HOLIDAY, "Quốc khánh");
  *calendar.add_days() = Day(Date(2025, 9, 1), deadlines::HOLIDAY, "Quốc khánh (ngày liền kề)");
  *calendar.add_days() = Day(Date(2026, 1, 2), deadlines::SWAPPED_DAY_OFF, "nghỉ hoán đổi");
  *calendar.add_days() =
      Day(Date(2026, 1, 10), deadlines::MAKEUP_WORKDAY, "làm bù cho ngày 02/01/2026");
  calendar.set_revision(7);
  calendar.set_etag("r7");
  return calendar;
}

class CalendarCliTest : public DeadlinesCliTest {
 protected:
  void SetUp() override {
    DeadlinesCliTest::SetUp();
    fake_.AddCalendar(National());
  }
};

TEST_F(CalendarCliTest, ShowListsTheYearsDaysWithWeekdaysAndTypesInWords) {
  ASSERT_EQ(Run({"calendar", "show", "--year", "2026"}), 0) << err_.str();
  const auto request = fake_.last<deadlines::GetCalendarRequest>();
  EXPECT_EQ(request.id(), "VN");  // the default
  EXPECT_EQ(request.year(), 2026);
  const std::string out = out_.str();
  EXPECT_THAT(out, HasSubstr("ID:            VN\n"));
  EXPECT_THAT(out, HasSubstr("Office hours:  07:00–11:30, 13:30–17:00 (Vietnam time, UTC+7)\n"));
  EXPECT_THAT(out, HasSubstr("Revision:      7 (etag r7)\n"));
  EXPECT_THAT(out, HasSubstr("\nThe days of 2026 in force on VN (a day not listed"));
  EXPECT_THAT(out, HasSubstr("DATE        THỨ      WEEKDAY   TYPE                             SOURCE    ÂM LỊCH"
                             "  NOTE\n"));
  EXPECT_THAT(out, HasSubstr("2026-01-02  Thứ Sáu  Friday    swapped day off (nghỉ hoán đổi)  decision           "
                             "nghỉ hoán đổi\n"));
  EXPECT_THAT(out, HasSubstr("2026-01-10  Thứ Bảy  Saturday  make-up working day (làm bù)     decision           "
                             "làm bù cho ngày 02/01/2026\n"));
  EXPECT_THAT(out, Not(HasSubstr("provisional")));
  EXPECT_THAT(out, Not(HasSubstr("2025-09-02")));
  EXPECT_THAT(err_.str(), IsEmpty());
}

TEST_F(CalendarCliTest, ShowOfAProvisionalYearMarksTheRulesDaysTheLunarDatesAndHowToDecide) {
  deadlines::Calendar vn = National();
  vn.set_provisional(true);
  vn.add_decided_years(2025);
  vn.add_decided_years(2026);
  vn.clear_days();
  deadlines::CalendarDay tet = Day(Date(2027, 2, 6), deadlines::HOLIDAY, "Tết Nguyên đán Đinh Mùi");
  tet.set_source(deadlines::STATUTORY_RULE);
  tet.mutable_lunar_date()->set_month(1);
  tet.mutable_lunar_date()->set_day(1);
  *vn.add_days() = tet;
  deadlines::CalendarDay gio_to = Day(Date(2027, 4, 16), deadlines::HOLIDAY, "Giỗ Tổ Hùng Vương");
  gio_to.set_source(deadlines::STATUTORY_RULE);
  gio_to.mutable_lunar_date()->set_month(3);
  gio_to.mutable_lunar_date()->set_day(10);
  *vn.add_days() = gio_to;
  deadlines::CalendarDay late = Day(Date(2027, 7, 24), deadlines::HOLIDAY, "ngày thử");
  late.mutable_lunar_date()->set_month(6);
  late.mutable_lunar_date()->set_day(19);
  late.mutable_lunar_date()->set_leap(true);
  *vn.add_days() = late;
  fake_.AddCalendar(vn);
  ASSERT_EQ(Run({"calendar", "show", "VN", "--year", "2027"}), 0) << err_.str();
  const std::string out = out_.str();
  EXPECT_THAT(out, HasSubstr("Decided years:  2025, 2026\n"));
  EXPECT_THAT(out, MatchesRegex("(.|\n)*2027-02-06 [^\n]*rule \\(provisional\\)  Mùng 1 Tết [^\n]*\n(.|\n)*"));
  EXPECT_THAT(out, HasSubstr("Giỗ Tổ (10/3 âm lịch)"));
  EXPECT_THAT(out, HasSubstr("19/6 nhuận âm lịch"));
  EXPECT_THAT(out, HasSubstr("2027 is provisional: no official decision is entered for it"));
  EXPECT_THAT(out, HasSubstr("haicapctl calendar import VN 2027.csv"));
}

TEST_F(CalendarCliTest, ShowOfACalendarWithoutDaysSaysWhatCounts) {
  deadlines::Calendar hanoi;
  hanoi.set_id("VN-01");
  hanoi.set_base_calendar_id("VN");
  fake_.AddCalendar(hanoi);
  ASSERT_EQ(Run({"calendar", "show", "VN-01"}), 0) << err_.str();
  EXPECT_THAT(out_.str(), HasSubstr("Based on:      VN\n"));
  EXPECT_THAT(out_.str(), HasSubstr("No days of its own; the days of VN apply where it has none"));
}

TEST_F(CalendarCliTest, ShowAsJsonIsTheCalendarMessage) {
  ASSERT_EQ(Run({"calendar", "show", "VN", "-o", "json"}), 0) << err_.str();
  EXPECT_THAT(out_.str(), HasSubstr("\"type\": \"MAKEUP_WORKDAY\""));
  EXPECT_THAT(out_.str(), HasSubstr("\"etag\": \"r7\""));
}

TEST_F(CalendarCliTest, ListShowsEveryCalendar) {
  ASSERT_EQ(Run({"calendar", "list"}), 0) << err_.str();
  EXPECT_THAT(out_.str(),
              MatchesRegex("ID +NAME +BASED ON +OFFICE HOURS +REVISION\n"
                           "VN +Lịch làm việc quốc gia +07:00–11:30, 13:30–17:00 +7\n"));
}

TEST_F(CalendarCliTest, SetDaySendsTheDayTypeNoteAndEtagAndRecordsTheActor) {
  ASSERT_EQ(Run({"calendar", "set-day", "VN", "01/09/2026", "--type", "holiday", "--note",
                 "Quốc khánh (ngày liền kề)", "--etag", "r7"}),
            0)
      << err_.str();
  const auto request = fake_.last<deadlines::UpsertCalendarDaysRequest>();
  EXPECT_EQ(request.calendar_id(), "VN");
  ASSERT_EQ(request.days_size(), 1);
  EXPECT_EQ(request.days(0).date().year(), 2026);
  EXPECT_EQ(request.days(0).date().month(), 9);
  EXPECT_EQ(request.days(0).date().day(), 1);
  EXPECT_EQ(request.days(0).type(), deadlines::HOLIDAY);
  EXPECT_EQ(request.days(0).note(), "Quốc khánh (ngày liền kề)");
  EXPECT_EQ(request.etag(), "r7");
  EXPECT_THAT(request.request_id(), MatchesRegex("[0-9a-f-]{36}"));
  EXPECT_EQ(out_.str(),
            "2026-09-01 (Thứ Ba, Tuesday) is a holiday (nghỉ lễ, Tết): Quốc khánh (ngày liền "
            "kề).\nCalendar VN is now at revision 8 (etag r8).\n");

  // The change is in the history, with who made it.
  ASSERT_EQ(Run({"calendar", "history", "VN"}), 0) << err_.str();
  EXPECT_THAT(out_.str(),
              MatchesRegex("REVISION +RECORDED +ACTOR +DATE +THỨ +WEEKDAY +CHANGE +NOTE\n"
                           "8 +2026-01-01 07:00 +clerk.phucloi +2026-09-01 +Thứ Ba +Tuesday +"
                           "set: holiday \\(nghỉ lễ, Tết\\) +Quốc khánh \\(ngày liền kề\\)\n"));
}

TEST_F(CalendarCliTest, RemoveDayAndAStaleEtag) {
  ASSERT_EQ(Run({"calendar", "remove-day", "VN", "2026-01-10", "--request-id", "rm-1"}), 0)
      << err_.str();
  const auto request = fake_.last<deadlines::UpsertCalendarDaysRequest>();
  EXPECT_THAT(request.days(), IsEmpty());
  ASSERT_EQ(request.remove_dates_size(), 1);
  EXPECT_EQ(request.remove_dates(0).day(), 10);
  EXPECT_EQ(request.request_id(), "rm-1");
  EXPECT_THAT(out_.str(), HasSubstr("2026-01-10 (Thứ Bảy, Saturday) is an ordinary day again."));

  EXPECT_EQ(Run({"calendar", "remove-day", "VN", "2026-01-02", "--etag", "r7"}), 1);
  EXPECT_THAT(err_.str(), HasSubstr("error: ABORTED (ETAG_MISMATCH): calendar VN changed"));
  ASSERT_EQ(Run({"calendar", "history", "VN", "-o", "json"}), 0);
  EXPECT_THAT(out_.str(), HasSubstr("\"removed\": ["));
}

TEST_F(CalendarCliTest, CreateLayersOnTheBase) {
  ASSERT_EQ(Run({"calendar", "create", "VN-01", "--name", "Lịch làm việc Hà Nội"}), 0)
      << err_.str();
  const auto request = fake_.last<deadlines::CreateCalendarRequest>();
  EXPECT_EQ(request.calendar().id(), "VN-01");
  EXPECT_EQ(request.calendar().name(), "Lịch làm việc Hà Nội");
  EXPECT_EQ(request.calendar().base_calendar_id(), "VN");
  EXPECT_FALSE(request.request_id().empty());
  EXPECT_THAT(out_.str(), HasSubstr("Based on:      VN\n"));
}

TEST_F(CalendarCliTest, UsageErrorsExitTwoBeforeAnyCall) {
  EXPECT_EQ(Run({"calendar", "set-day", "VN", "01/09/2026", "--type", "weekend", "--note", "x"}),
            2);
  EXPECT_THAT(err_.str(), HasSubstr("unknown day type \"weekend\""));
  EXPECT_EQ(Run({"calendar", "set-day", "VN", "31/09/2026", "--type", "holiday", "--note", "x"}),
            2);
  EXPECT_EQ(Run({"calendar", "set-day", "VN", "01/09/2026", "--type", "holiday"}), 2);  // no note
  EXPECT_EQ(Run({"calendar", "show", "--year", "26"}), 2);
  EXPECT_EQ(Run({"due", "13/02/2026", "10:00", "5 weeks"}), 2);
  EXPECT_THAT(err_.str(), HasSubstr("DURATION: \"5 weeks\" is not a duration"));
  EXPECT_THAT(err_.str(), HasSubstr("Run 'haicapctl due --help'"));
  EXPECT_EQ(Run({"due", "13/02/2026", "25:00", "5wd"}), 2);
  EXPECT_THAT(err_.str(), HasSubstr("START: \"25:00\" is not a time of day"));
  EXPECT_EQ(Run({"due", "5wd"}), 2);
  EXPECT_EQ(Run({"days", "01/02/2026"}), 2);
  EXPECT_TRUE(fake_.seen().empty());
}

TEST_F(CalendarCliTest, UnknownCalendarIsTheServicesError) {
  EXPECT_EQ(Run({"calendar", "show", "VN-99"}), 1);
  EXPECT_EQ(err_.str(), "error: NOT_FOUND (CALENDAR_NOT_FOUND): calendar VN-99 does not exist\n");
}

TEST_F(CalendarCliTest, AnUnreachableServiceIsNamedWithItsAddress) {
  server_->Shutdown();
  EXPECT_EQ(Run({"calendar", "list", "--timeout", "2"}), 1);
  EXPECT_THAT(err_.str(), HasSubstr("error: cannot reach the deadlines service at " + address_));
}

deadlines::ComputeDueDateResponse TetAnswer() {
  deadlines::ComputeDueDateResponse answer;
  answer.mutable_due_at()->set_seconds(1772186400);        // 2026-02-27 17:00 in Vietnam
  answer.mutable_counted_from()->set_seconds(1770951600);  // 2026-02-13 10:00
  deadlines::SkippedDay* skipped = answer.add_skipped();
  *skipped->mutable_date() = Date(2026, 2, 14);
  skipped->set_reason("Saturday");
  skipped = answer.add_skipped();
  *skipped->mutable_date() = Date(2026, 2, 16);
  skipped->set_reason("HOLIDAY: Tết Nguyên đán");
  answer.set_explanation("Received on a working day at 10:00; counting starts on Monday.");
  return answer;
}

TEST_F(CalendarCliTest, DuePrintsTheWarningsAfterTheExplanation) {
  deadlines::ComputeDueDateResponse answer = TetAnswer();
  answer.add_warnings("calendar VN has no days entered for 2027");
  fake_.SetDueDate(answer);
  ASSERT_EQ(Run({"due", "13/02/2026", "10:00", "5wd"}), 0) << err_.str();
  EXPECT_THAT(out_.str(), HasSubstr("counting starts on Monday.\n\nWarning: calendar VN has no days entered for 2027\n"));
}

TEST_F(CalendarCliTest, DueSendsTheLocalInstantAndDurationAndPrintsTheExplanation) {
  fake_.SetDueDate(TetAnswer());
  ASSERT_EQ(Run({"due", "13/02/2026", "10:00", "5wd"}), 0) << err_.str();
  auto request = fake_.last<deadlines::ComputeDueDateRequest>();
  EXPECT_EQ(request.calendar_id(), "VN");
  EXPECT_EQ(request.received_at().seconds(), 1770951600);  // 2026-02-13T03:00:00Z
  EXPECT_EQ(request.amount(), 5);
  EXPECT_EQ(request.unit(), deadlines::WORKING_DAYS);
  EXPECT_EQ(out_.str(),
            "Due:           2026-02-27 17:00 (Thứ Sáu, Friday)\n"
            "Received:      2026-02-13 10:00 (Thứ Sáu, Friday)\n"
            "Counted from:  2026-02-13 10:00 (Thứ Sáu, Friday)\n"
            "Duration:      5 working days\n"
            "Calendar:      VN\n"
            "\n"
            "Days skipped (not working days):\n"
            "DATE        THỨ      WEEKDAY   REASON\n"
            "2026-02-14  Thứ Bảy  Saturday  Saturday\n"
            "2026-02-16  Thứ Hai  Monday    HOLIDAY: Tết Nguyên đán\n"
            "\n"
            "Received on a working day at 10:00; counting starts on Monday.\n");

  // One word, other units, another calendar.
  ASSERT_EQ(Run({"due", "2026-04-24T16:00", "8wh", "--calendar", "VN-01"}), 0) << err_.str();
  request = fake_.last<deadlines::ComputeDueDateRequest>();
  EXPECT_EQ(request.calendar_id(), "VN-01");
  EXPECT_EQ(request.received_at().seconds(), 1777021200);  // 2026-04-24T09:00:00Z
  EXPECT_EQ(request.unit(), deadlines::WORKING_HOURS);
  ASSERT_EQ(Run({"due", "now", "30cd", "-o", "json"}), 0) << err_.str();
  EXPECT_EQ(fake_.last<deadlines::ComputeDueDateRequest>().unit(), deadlines::CALENDAR_DAYS);
  EXPECT_NEAR(fake_.last<deadlines::ComputeDueDateRequest>().received_at().seconds(),
              absl::ToUnixSeconds(absl::Now()), 60);
  EXPECT_THAT(out_.str(), HasSubstr("\"dueAt\": \"2026-02-27T10:00:00Z\""));
  EXPECT_THAT(out_.str(), HasSubstr("\"reason\": \"HOLIDAY: Tết Nguyên đán\""));
}

TEST_F(CalendarCliTest, DaysCountsBetweenTwoDates) {
  fake_.SetWorkingDays(15);
  ASSERT_EQ(Run({"days", "01/02/2026", "2026-02-28"}), 0) << err_.str();
  const auto request = fake_.last<deadlines::CountWorkingDaysRequest>();
  EXPECT_EQ(request.calendar_id(), "VN");
  EXPECT_EQ(request.from_date().day(), 1);
  EXPECT_EQ(request.to_date().day(), 28);
  EXPECT_EQ(out_.str(),
            "15 working days from 2026-02-01 to 2026-02-28, both included (calendar VN)\n");
  ASSERT_EQ(Run({"days", "01/02/2026", "2026-02-28", "-o", "json"}), 0) << err_.str();
  EXPECT_THAT(out_.str(), HasSubstr("\"workingDays\": \"15\""));
}

TEST_F(CalendarCliTest, DaysRefusesAReversedRangeBeforeAnyCall) {
  EXPECT_EQ(Run({"days", "28/02/2026", "01/02/2026"}), 2);
  EXPECT_THAT(err_.str(), HasSubstr("2026-02-01 is before 2026-02-28: give the earlier day first"));
  EXPECT_THAT(fake_.seen(), IsEmpty());
}

TEST_F(CalendarCliTest, DueAndDaysSayWhenTheAnswerIsProvisional) {
  deadlines::ComputeDueDateResponse due;
  due.mutable_due_at()->set_seconds(1800000000);
  due.add_provisional_years(2027);
  due.add_warnings("the days of 2027 on calendar VN are provisional");
  fake_.SetDueDate(due);
  ASSERT_EQ(Run({"due", "30/12/2026", "10:00", "3wd"}), 0) << err_.str();
  EXPECT_THAT(out_.str(), HasSubstr("Provisional:   yes: 2027 has no official decision entered"));
  EXPECT_THAT(out_.str(), HasSubstr("Warning: the days of 2027 on calendar VN are provisional"));
}

TEST_F(CalendarCliTest, TheDeadlinesAddressComesFromTheEnvironmentToo) {
  setenv("HAICAP_DEADLINES", address_.c_str(), 1);
  std::ostringstream out, err;
  EXPECT_EQ(RunCli({"calendar", "list"}, out, err), 0) << err.str();
  unsetenv("HAICAP_DEADLINES");
  EXPECT_THAT(out.str(), HasSubstr("Lịch làm việc quốc gia"));
}

}  // namespace
}  // namespace haicap::ctl
