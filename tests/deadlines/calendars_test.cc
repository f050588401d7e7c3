// The deadlines service's calendars over real gRPC: the shipped national days, due dates with
// their explanation, versioned changes, province calendars layered on "VN", bad input.
#include "tests/deadlines/deadlines_fixture.h"

namespace haicap::deadlines::testing {
namespace {

using ::testing::Contains;
using ::testing::HasSubstr;

class CalendarsTest : public DeadlinesTest {
 protected:
  CalendarsTest() { actor_ = "admin@so-noi-vu"; }
};

TEST_F(CalendarsTest, TheNationalCalendarShipsWithTheRealDays) {
  GetCalendarRequest request;
  request.set_id("VN");
  request.set_year(2026);
  Calendar vn;
  ASSERT_TRUE(Call(&Deadlines::Stub::GetCalendar, request, &vn).ok());
  EXPECT_EQ(vn.office_hours_size(), 2);
  EXPECT_EQ(vn.office_hours(0).start_minute(), 7 * 60);
  bool makeup_jan10 = false, compensatory_apr27 = false;
  for (const auto& day : vn.days()) {
    EXPECT_EQ(day.date().year(), 2026);
    if (day.date().month() == 1 && day.date().day() == 10) makeup_jan10 = day.type() == MAKEUP_WORKDAY;
    if (day.date().month() == 4 && day.date().day() == 27) compensatory_apr27 = day.type() == COMPENSATORY_DAY_OFF;
  }
  EXPECT_TRUE(makeup_jan10);
  EXPECT_TRUE(compensatory_apr27);
}

TEST_F(CalendarsTest, DueDatesSkipTetAndCountMakeUpSaturdays) {
  // Received Friday 13/2/2026 before Tết: five working days start on Monday 23/2.
  ComputeDueDateResponse tet = Due("VN", At(2026, 2, 13, 10, 0), 5, WORKING_DAYS);
  EXPECT_EQ(tet.due_at().seconds(), At(2026, 2, 27, 17, 0).seconds());
  std::vector<int> skipped_days;
  for (const auto& s : tet.skipped()) {
    if (s.date().month() == 2) skipped_days.push_back(s.date().day());
  }
  EXPECT_THAT(skipped_days, Contains(16));
  EXPECT_THAT(tet.explanation(), HasSubstr("2026-02-27"));
  EXPECT_THAT(tet.explanation(), HasSubstr("2026-02-16 to 2026-02-20"));  // the Tết weekdays, as one range

  // Friday 9/1/2026: the next working day is the make-up Saturday 10/1.
  EXPECT_EQ(Due("VN", At(2026, 1, 9, 10, 0), 1, WORKING_DAYS).due_at().seconds(), At(2026, 1, 10, 17, 0).seconds());
  // Received after closing on Monday 5/1: treated as Tuesday morning.
  ComputeDueDateResponse late = Due("VN", At(2026, 1, 5, 17, 30), 2, WORKING_HOURS);
  EXPECT_EQ(late.counted_from().seconds(), At(2026, 1, 6, 7, 0).seconds());
  EXPECT_EQ(late.due_at().seconds(), At(2026, 1, 6, 9, 0).seconds());
}

TEST_F(CalendarsTest, ChangesAreVersionedAndApplyToNewDueDates) {
  GetCalendarRequest get;
  get.set_id("VN");
  Calendar before;
  ASSERT_TRUE(Call(&Deadlines::Stub::GetCalendar, get, &before).ok());

  // 24/11 (Ngày Văn hóa Việt Nam) becomes a holiday in 2026, say.
  UpsertCalendarDaysRequest upsert;
  upsert.set_calendar_id("VN");
  auto* day = upsert.add_days();
  *day->mutable_date() = D(2026, 11, 24);
  day->set_type(HOLIDAY);
  day->set_note("Ngày Văn hóa Việt Nam");
  upsert.set_etag(before.etag());
  upsert.set_request_id("vn-2026-11-24");
  Calendar after;
  ASSERT_TRUE(Call(&Deadlines::Stub::UpsertCalendarDays, upsert, &after).ok());
  EXPECT_EQ(after.revision(), before.revision() + 1);
  Calendar again;
  ASSERT_TRUE(Call(&Deadlines::Stub::UpsertCalendarDays, upsert, &again).ok());  // a retry: same answer
  EXPECT_EQ(again.revision(), after.revision());
  upsert.set_request_id("another");
  EXPECT_EQ(Call(&Deadlines::Stub::UpsertCalendarDays, upsert, &again).error_code(), grpc::StatusCode::ABORTED);

  // Monday 23/11/2026, one working day: Tuesday 24/11 is now off.
  EXPECT_EQ(Due("VN", At(2026, 11, 23, 9, 0), 1, WORKING_DAYS).due_at().seconds(), At(2026, 11, 25, 17, 0).seconds());

  ListCalendarChangesRequest history;
  history.set_calendar_id("VN");
  ListCalendarChangesResponse changes;
  ASSERT_TRUE(Call(&Deadlines::Stub::ListCalendarChanges, history, &changes).ok());
  ASSERT_EQ(changes.changes_size(), 2);  // the shipped days, then this change
  EXPECT_EQ(changes.changes(0).actor(), "admin@so-noi-vu");
  EXPECT_EQ(changes.changes(0).upserted(0).note(), "Ngày Văn hóa Việt Nam");

  // Everything survives a restart.
  Restart();
  EXPECT_EQ(Due("VN", At(2026, 11, 23, 9, 0), 1, WORKING_DAYS).due_at().seconds(), At(2026, 11, 25, 17, 0).seconds());
}

TEST_F(CalendarsTest, AProvinceCalendarLayersOnTheNationalOne) {
  MustCreateHanoiCalendar();
  Calendar hanoi;
  UpsertCalendarDaysRequest upsert;
  upsert.set_calendar_id("VN-01");
  auto* day = upsert.add_days();
  *day->mutable_date() = D(2026, 10, 10);  // a Saturday: Giải phóng Thủ đô, worked in Hà Nội this year
  day->set_type(MAKEUP_WORKDAY);
  ASSERT_TRUE(Call(&Deadlines::Stub::UpsertCalendarDays, upsert, &hanoi).ok());
  // Friday 9/10/2026, one working day: Saturday in Hà Nội, Monday elsewhere; Tết is still off in both.
  EXPECT_EQ(Due("VN-01", At(2026, 10, 9, 9, 0), 1, WORKING_DAYS).due_at().seconds(), At(2026, 10, 10, 17, 0).seconds());
  EXPECT_EQ(Due("VN", At(2026, 10, 9, 9, 0), 1, WORKING_DAYS).due_at().seconds(), At(2026, 10, 12, 17, 0).seconds());
  EXPECT_EQ(Due("VN-01", At(2026, 2, 13, 10, 0), 5, WORKING_DAYS).due_at().seconds(), At(2026, 2, 27, 17, 0).seconds());

  CountWorkingDaysRequest count;
  count.set_calendar_id("VN");
  *count.mutable_from_date() = D(2026, 2, 9);
  *count.mutable_to_date() = D(2026, 2, 27);
  CountWorkingDaysResponse counted;
  ASSERT_TRUE(Call(&Deadlines::Stub::CountWorkingDays, count, &counted).ok());
  EXPECT_EQ(counted.working_days(), 10);  // 9–13 and 23–27 February
}

TEST_F(CalendarsTest, BadInputIsRefused) {
  ComputeDueDateRequest due;
  due.set_calendar_id("nope!");
  due.set_amount(-1);
  ComputeDueDateResponse ignored;
  const auto fields = BadFields(Call(&Deadlines::Stub::ComputeDueDate, due, &ignored));
  for (const char* f : {"calendar_id", "received_at", "unit", "amount"}) EXPECT_THAT(fields, Contains(f));
  due.set_calendar_id("VN-99");
  due.set_amount(1);
  due.set_unit(WORKING_DAYS);
  *due.mutable_received_at() = At(2026, 1, 5, 9, 0);
  EXPECT_EQ(Call(&Deadlines::Stub::ComputeDueDate, due, &ignored).error_code(), grpc::StatusCode::NOT_FOUND);

  UpsertCalendarDaysRequest upsert;
  upsert.set_calendar_id("VN");
  auto* day = upsert.add_days();
  *day->mutable_date() = D(2026, 3, 4);  // a Wednesday
  day->set_type(MAKEUP_WORKDAY);
  auto* twice = upsert.add_days();
  *twice = *day;
  twice->set_type(HOLIDAY);
  Calendar calendar;
  const auto upsert_fields = BadFields(Call(&Deadlines::Stub::UpsertCalendarDays, upsert, &calendar));
  EXPECT_THAT(upsert_fields, Contains("days[0].type"));
  EXPECT_THAT(upsert_fields, Contains("days[1].date"));

  CreateCalendarRequest create;
  create.mutable_calendar()->set_id("VN-79");
  create.mutable_calendar()->set_name("TP HCM");
  create.mutable_calendar()->set_base_calendar_id("XX");
  EXPECT_EQ(Call(&Deadlines::Stub::CreateCalendar, create, &calendar).error_code(), grpc::StatusCode::NOT_FOUND);
}

}  // namespace
}  // namespace haicap::deadlines::testing
