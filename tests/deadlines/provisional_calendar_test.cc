// Years without an official decision over real gRPC: the Labour Code's rule gives their days,
// every answer that counts them says it is provisional, a decision imported for the year
// replaces them and moves the open dossiers, and a release that ships a year merges it in at start.
#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

#include "services/deadlines/calendar_book.h"
#include "tests/deadlines/deadlines_fixture.h"
#include "tests/testing/decision_2027.h"

namespace haicap::deadlines::testing {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

std::string Day(const google::type::Date& d) { return absl::StrFormat("%04d-%02d-%02d", d.year(), d.month(), d.day()); }

using haicap::testing::Decision2027;
using haicap::testing::NewCalendarDay;

class ProvisionalCalendarTest : public DeadlinesTest {
 protected:
  ProvisionalCalendarTest() { actor_ = "admin@so-noi-vu"; }

  Calendar Year(const std::string& id, int year) {
    GetCalendarRequest request;
    request.set_id(id);
    request.set_year(year);
    Calendar calendar;
    grpc::Status status = Call(&Deadlines::Stub::GetCalendar, request, &calendar);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return calendar;
  }
  const CalendarDay* Find(const Calendar& calendar, int y, int m, int d) {
    for (const CalendarDay& day : calendar.days()) {
      if (day.date().year() == y && day.date().month() == m && day.date().day() == d) return &day;
    }
    return nullptr;
  }
  ImportCalendarYearResponse MustImport(const ImportCalendarYearRequest& request) {
    ImportCalendarYearResponse response;
    grpc::Status status = Call(&Deadlines::Stub::ImportCalendarYear, request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response;
  }
  // The days a due date skipped for the calendar's days, not as plain weekends: "2027-01-01 provisional".
  static std::vector<std::string> SkippedDaysOff(const ComputeDueDateResponse& due) {
    std::vector<std::string> out;
    for (const SkippedDay& s : due.skipped()) {
      if (s.reason() == "Saturday" || s.reason() == "Sunday") continue;
      out.push_back(Day(s.date()) + (s.provisional() ? " provisional" : ""));
    }
    return out;
  }
};

TEST_F(ProvisionalCalendarTest, ThirtyWorkingDaysFromSevenDecember2026SkipNewYearsDay2027) {
  const ComputeDueDateResponse due = Due("VN", At(2026, 12, 7, 10, 0), 30);
  EXPECT_EQ(Local(due.due_at()), "2027-01-19 17:00");
  EXPECT_THAT(SkippedDaysOff(due), ElementsAre("2027-01-01 provisional"));
  EXPECT_THAT(due.provisional_years(), ElementsAre(2027));
  ASSERT_EQ(due.warnings_size(), 1);
  EXPECT_THAT(due.warnings(0), HasSubstr("the days of 2027 on calendar VN are provisional"));
  EXPECT_THAT(due.warnings(0), HasSubstr("haicapctl calendar import VN 2027.csv"));
  EXPECT_THAT(due.explanation(), HasSubstr("HOLIDAY (provisional): Tết Dương lịch: 2027-01-01"));
  EXPECT_THAT(due.explanation(), HasSubstr("Days marked provisional are the Labour Code's rule"));

  // The cases: 30/12/2026 10:00 + 3 working days is Tuesday 5/1/2027.
  EXPECT_EQ(Local(Due("VN", At(2026, 12, 30, 10, 0), 3).due_at()), "2027-01-05 17:00");
  // Within 2026, decided: nothing provisional.
  const ComputeDueDateResponse decided = Due("VN", At(2026, 2, 13, 10, 0), 5);
  EXPECT_THAT(decided.provisional_years(), IsEmpty());
  EXPECT_THAT(decided.warnings(), IsEmpty());
}

TEST_F(ProvisionalCalendarTest, APeriodAcrossTet2027SkipsItsFiveDaysAndTheirCompensatoryDays) {
  // Mùng 1 Tết Đinh Mùi is Saturday 6/2/2027: off from Friday 5/2 (the last day of the year) to
  // Tuesday 9/2, and Wednesday 10/2 and Thursday 11/2 for the Saturday and the Sunday.
  const ComputeDueDateResponse due = Due("VN", At(2027, 2, 4, 10, 0), 5);
  EXPECT_EQ(Local(due.due_at()), "2027-02-18 17:00");
  EXPECT_THAT(SkippedDaysOff(due),
              ElementsAre("2027-02-05 provisional", "2027-02-06 provisional", "2027-02-07 provisional",
                          "2027-02-08 provisional", "2027-02-09 provisional", "2027-02-10 provisional",
                          "2027-02-11 provisional"));
  int tet_days = 0;
  for (const SkippedDay& s : due.skipped()) tet_days += s.reason().starts_with("HOLIDAY (provisional): Tết Nguyên đán");
  EXPECT_EQ(tet_days, 5);  // 5–9/2, the weekend days included

  // A dossier received on 20/1/2027 with 15 working days is due after Tết, not in it.
  EXPECT_EQ(Local(Due("VN", At(2027, 1, 20, 10, 0), 15).due_at()), "2027-02-17 17:00");
}

TEST_F(ProvisionalCalendarTest, CountingWorkingDaysSaysWhenItIsProvisional) {
  CountWorkingDaysRequest request;
  request.set_calendar_id("VN");
  *request.mutable_from_date() = D(2027, 1, 1);
  *request.mutable_to_date() = D(2027, 1, 1);
  CountWorkingDaysResponse response;
  ASSERT_TRUE(Call(&Deadlines::Stub::CountWorkingDays, request, &response).ok());
  EXPECT_EQ(response.working_days(), 0);
  EXPECT_THAT(response.provisional_years(), ElementsAre(2027));
  EXPECT_THAT(response.warnings(), Contains(HasSubstr("provisional")));

  *request.mutable_from_date() = D(2026, 2, 28);
  *request.mutable_to_date() = D(2026, 2, 1);
  grpc::Status reversed = Call(&Deadlines::Stub::CountWorkingDays, request, &response);
  EXPECT_EQ(reversed.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(BadFields(reversed), ElementsAre("to_date"));
}

TEST_F(ProvisionalCalendarTest, TheCalendarShowsEachDaysSourceAndLunarDate) {
  const Calendar y2027 = Year("VN", 2027);
  EXPECT_TRUE(y2027.provisional());
  EXPECT_THAT(y2027.decided_years(), ElementsAre(2025, 2026));
  const CalendarDay* new_year = Find(y2027, 2027, 1, 1);
  ASSERT_NE(new_year, nullptr);
  EXPECT_EQ(new_year->source(), STATUTORY_RULE);
  EXPECT_EQ(new_year->calendar_id(), "VN");
  const CalendarDay* tet = Find(y2027, 2027, 2, 6);
  ASSERT_NE(tet, nullptr);
  EXPECT_EQ(tet->lunar_date().month(), 1);
  EXPECT_EQ(tet->lunar_date().day(), 1);
  const CalendarDay* gio_to = Find(y2027, 2027, 4, 16);
  ASSERT_NE(gio_to, nullptr);
  EXPECT_EQ(gio_to->lunar_date().month(), 3);
  EXPECT_EQ(gio_to->lunar_date().day(), 10);

  const Calendar y2026 = Year("VN", 2026);
  EXPECT_FALSE(y2026.provisional());
  for (const CalendarDay& day : y2026.days()) EXPECT_EQ(day.source(), OFFICIAL_DECISION) << Day(day.date());
  ASSERT_NE(Find(y2026, 2026, 1, 10), nullptr);
  EXPECT_EQ(Find(y2026, 2026, 1, 10)->type(), MAKEUP_WORKDAY);
}

TEST_F(ProvisionalCalendarTest, AProvinceCalendarInheritsTheRule) {
  MustCreateHanoiCalendar();
  const Calendar hanoi = Year("VN-01", 2027);
  EXPECT_TRUE(hanoi.provisional());
  ASSERT_NE(Find(hanoi, 2027, 2, 8), nullptr);
  EXPECT_EQ(Find(hanoi, 2027, 2, 8)->calendar_id(), "VN");
  EXPECT_EQ(Find(hanoi, 2027, 2, 8)->source(), STATUTORY_RULE);
  const ComputeDueDateResponse due = Due("VN-01", At(2026, 12, 7, 10, 0), 30);
  EXPECT_EQ(Local(due.due_at()), "2027-01-19 17:00");
  EXPECT_THAT(due.provisional_years(), ElementsAre(2027));
}

TEST_F(ProvisionalCalendarTest, ADecisionImportedForTheYearReplacesTheRuleAndMovesOpenDossiers) {
  SetNow(2026, 12, 7, 10, 0);
  MustCreateHanoiCalendar();
  const Dossier before = MustCreate("ho-so-30", kPhucLoi, 30);
  EXPECT_EQ(Local(before.due_at()), "2027-01-19 17:00");
  EXPECT_TRUE(before.due_provisional());
  CreateDossierRequest on_hanoi = NewDossier("ho-so-ha-noi", kPhucLoi, 30);
  on_hanoi.mutable_dossier()->set_calendar_id("VN-01");
  MustCreate(on_hanoi);
  const Dossier short_one = MustCreate("ho-so-3", kPhucLoi, 3);  // due 10/12/2026: not moved
  EXPECT_FALSE(short_one.due_provisional());
  const int64_t revision = Year("VN", 2027).revision();

  // The dry run: the swap of 4/1 for 23/1 moves both 30-day dossiers by a day; nothing changes.
  const ImportCalendarYearResponse dry = MustImport(Decision2027(true, ""));
  EXPECT_TRUE(dry.validate_only());
  std::vector<std::string> differences;
  for (const auto& d : dry.differences()) {
    differences.push_back(absl::StrCat(Day(d.date()), " ", d.has_before() ? DaySource_Name(d.before().source()) : "-",
                                       " → ", d.has_after() ? DayType_Name(d.after().type()) : "-"));
  }
  EXPECT_THAT(differences, Contains("2027-01-04 - → SWAPPED_DAY_OFF"));
  EXPECT_THAT(differences, Contains("2027-01-23 - → MAKEUP_WORKDAY"));
  EXPECT_THAT(differences, Contains("2027-01-01 STATUTORY_RULE → HOLIDAY"));  // the note and source change
  ASSERT_EQ(dry.moved_count(), 2);
  EXPECT_EQ(dry.moved(0).dossier_id(), "ho-so-30");
  EXPECT_EQ(Local(dry.moved(0).due_at_before()), "2027-01-19 17:00");
  EXPECT_EQ(Local(dry.moved(0).due_at_after()), "2027-01-20 17:00");
  EXPECT_EQ(dry.moved(1).dossier_id(), "ho-so-ha-noi");
  EXPECT_EQ(dry.moved(1).calendar_id(), "VN-01");
  EXPECT_EQ(Year("VN", 2027).revision(), revision);
  EXPECT_EQ(Local(MustGet("ho-so-30").due_at()), "2027-01-19 17:00");
  EXPECT_THAT(dry.warnings(), IsEmpty());  // every holiday of the rule is in the decision

  // A file that lost its Tết is flagged.
  ImportCalendarYearRequest without_tet = Decision2027(true, "");
  without_tet.mutable_days()->erase(without_tet.mutable_days()->begin() + 3,
                                    without_tet.mutable_days()->begin() + 8);
  const ImportCalendarYearResponse flagged = MustImport(without_tet);
  ASSERT_EQ(flagged.warnings_size(), 3);  // 5, 8 and 9/2; 6 and 7/2 are a weekend anyway
  EXPECT_THAT(flagged.warnings(0), HasSubstr("makes 2027-02-05 a working day"));

  // The import itself.
  SetNow(2026, 12, 8, 9, 0);
  const ImportCalendarYearResponse done = MustImport(Decision2027(false, "qd-2027"));
  EXPECT_EQ(done.moved_count(), 2);
  EXPECT_EQ(done.calendar().revision(), revision + 1);
  EXPECT_FALSE(done.calendar().provisional());
  for (const CalendarDay& day : done.calendar().days()) EXPECT_EQ(day.source(), OFFICIAL_DECISION) << Day(day.date());
  EXPECT_THAT(done.calendar().decided_years(), ElementsAre(2025, 2026, 2027));
  const Dossier after = MustGet("ho-so-30");
  EXPECT_EQ(Local(after.due_at()), "2027-01-20 17:00");
  EXPECT_FALSE(after.due_provisional());
  ASSERT_FALSE(after.history().empty());
  EXPECT_EQ(after.history().rbegin()->type(), DUE_DATE_RECOMPUTED);
  EXPECT_EQ(Local(after.history().rbegin()->due_at_before()), "2027-01-19 17:00");
  EXPECT_EQ(Local(MustGet("ho-so-ha-noi").due_at()), "2027-01-20 17:00");
  EXPECT_EQ(MustGet("ho-so-3").revision(), short_one.revision());
  const ComputeDueDateResponse now_due = Due("VN", At(2026, 12, 7, 10, 0), 30);
  EXPECT_THAT(now_due.provisional_years(), IsEmpty());
  EXPECT_THAT(SkippedDaysOff(now_due), ElementsAre("2027-01-01", "2027-01-04"));

  // Recorded with who entered it; a retry gives the first answer and no new revision.
  ListCalendarChangesRequest history;
  history.set_calendar_id("VN");
  ListCalendarChangesResponse changes;
  ASSERT_TRUE(Call(&Deadlines::Stub::ListCalendarChanges, history, &changes).ok());
  EXPECT_EQ(changes.changes(0).actor(), "admin@so-noi-vu");
  EXPECT_THAT(changes.changes(0).decided_years(), ElementsAre(2027));
  const ImportCalendarYearResponse retry = MustImport(Decision2027(false, "qd-2027"));
  EXPECT_EQ(retry.SerializeAsString(), done.SerializeAsString());
  EXPECT_EQ(Year("VN", 2027).revision(), revision + 1);

  // A rule day can no longer be removed from 2027, as it has none; 2028's still cannot be.
  UpsertCalendarDaysRequest remove;
  remove.set_calendar_id("VN");
  *remove.add_remove_dates() = D(2028, 1, 1);
  Calendar ignored;
  ExpectPrecondition(Call(&Deadlines::Stub::UpsertCalendarDays, remove, &ignored), "DAY_FROM_RULE");
}

TEST_F(ProvisionalCalendarTest, ABadImportIsRefusedNamingTheFieldAndChangesNothing) {
  const int64_t revision = Year("VN", 2027).revision();
  ImportCalendarYearResponse ignored;
  ImportCalendarYearRequest early = Decision2027(false, "");
  early.set_year(2020);
  grpc::Status status = Call(&Deadlines::Stub::ImportCalendarYear, early, &ignored);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(BadFields(status), Contains("year"));

  ImportCalendarYearRequest stray = Decision2027(false, "");
  *stray.add_days() = NewCalendarDay(2028, 1, 1, HOLIDAY, "Tết Dương lịch");
  status = Call(&Deadlines::Stub::ImportCalendarYear, stray, &ignored);
  EXPECT_THAT(BadFields(status), ElementsAre("days[16].date"));
  EXPECT_THAT(status.error_message(), HasSubstr("is not in 2027"));

  ImportCalendarYearRequest empty;
  empty.set_calendar_id("VN");
  empty.set_year(2027);
  status = Call(&Deadlines::Stub::ImportCalendarYear, empty, &ignored);
  EXPECT_THAT(BadFields(status), ElementsAre("days"));

  ImportCalendarYearRequest nowhere = Decision2027(false, "");
  nowhere.set_calendar_id("VN-99");
  EXPECT_EQ(Call(&Deadlines::Stub::ImportCalendarYear, nowhere, &ignored).error_code(), grpc::StatusCode::NOT_FOUND);

  ImportCalendarYearRequest stale = Decision2027(false, "");
  stale.set_etag("999");
  EXPECT_EQ(Call(&Deadlines::Stub::ImportCalendarYear, stale, &ignored).error_code(), grpc::StatusCode::ABORTED);
  EXPECT_EQ(Year("VN", 2027).revision(), revision);
  EXPECT_TRUE(Year("VN", 2027).provisional());

  UpsertCalendarDaysRequest remove;
  remove.set_calendar_id("VN");
  *remove.add_remove_dates() = D(2027, 1, 1);
  Calendar calendar;
  status = Call(&Deadlines::Stub::UpsertCalendarDays, remove, &calendar);
  ExpectPrecondition(status, "DAY_FROM_RULE");
  EXPECT_THAT(status.error_message(), HasSubstr("haicapctl calendar import VN 2027.csv"));
}

// A deployment of a release that shipped only 2025, upgraded to one that ships 2026 too.
class OlderReleaseTest : public ProvisionalCalendarTest {
 protected:
  void SetUp() override {
    std::vector<OfficialYear> years = *ShippedNationalYears();
    std::erase_if(years, [](const OfficialYear& y) { return y.year != 2025; });
    shipped_years_ = years;
    Start();
  }
};

TEST_F(OlderReleaseTest, ANewReleasesYearIsMergedInAtStartAndMovesOpenDossiers) {
  EXPECT_TRUE(Year("VN", 2026).provisional());
  // Friday 9/1/2026 + 1 working day: by the rule Monday 12/1; the decision made Saturday 10/1 a
  // working day.
  SetNow(2026, 1, 9, 10, 0);
  const Dossier before = MustCreate("ho-so-1", kPhucLoi, 1);
  EXPECT_EQ(Local(before.due_at()), "2026-01-12 17:00");
  EXPECT_TRUE(before.due_provisional());
  // An admin's days of 2026: one on a date the release also ships, one of the province's own.
  UpsertCalendarDaysRequest admin;
  admin.set_calendar_id("VN");
  *admin.add_days() = NewCalendarDay(2026, 1, 1, HOLIDAY, "Tết Dương lịch (sở nhập tay)");
  *admin.add_days() = NewCalendarDay(2026, 3, 3, HOLIDAY, "Ngày nghỉ do sở nhập");
  Calendar ignored;
  ASSERT_TRUE(Call(&Deadlines::Stub::UpsertCalendarDays, admin, &ignored).ok());

  shipped_years_.reset();
  Restart();
  const Calendar y2026 = Year("VN", 2026);
  EXPECT_FALSE(y2026.provisional());
  EXPECT_THAT(y2026.decided_years(), ElementsAre(2025, 2026));
  EXPECT_EQ(Find(y2026, 2026, 1, 1)->note(), "Tết Dương lịch (sở nhập tay)");
  ASSERT_NE(Find(y2026, 2026, 3, 3), nullptr);
  ASSERT_NE(Find(y2026, 2026, 1, 10), nullptr);
  EXPECT_EQ(Find(y2026, 2026, 1, 10)->type(), MAKEUP_WORKDAY);
  ListCalendarChangesRequest history;
  history.set_calendar_id("VN");
  ListCalendarChangesResponse changes;
  ASSERT_TRUE(Call(&Deadlines::Stub::ListCalendarChanges, history, &changes).ok());
  EXPECT_EQ(changes.changes(0).actor(), kShippedDataActor);
  EXPECT_THAT(changes.changes(0).decided_years(), ElementsAre(2026));

  // The sweeper recomputes the dossier on the merged days.
  Dossier after;
  for (int i = 0; i < 400 && Local(after.due_at()) != "2026-01-10 17:00"; ++i) {
    absl::SleepFor(absl::Milliseconds(5));
    after = MustGet("ho-so-1");
  }
  EXPECT_EQ(Local(after.due_at()), "2026-01-10 17:00");
  EXPECT_FALSE(after.due_provisional());
  EXPECT_EQ(after.history().rbegin()->type(), DUE_DATE_RECOMPUTED);

  // A second start changes nothing more.
  Restart();
  ASSERT_TRUE(Call(&Deadlines::Stub::ListCalendarChanges, history, &changes).ok());
  EXPECT_EQ(changes.changes(0).decided_years_size(), 1);
  EXPECT_EQ(Year("VN", 2026).revision(), y2026.revision());
}

}  // namespace
}  // namespace haicap::deadlines::testing
