// The registry's clocks in the deadlines service, over real gRPC between the two real servers:
// the 30 working days for an admission ceremony and for considering recognition after the 12
// months of probation, their due days in GetMember and in the findings of SummarizeSubtree, and
// the clocks surviving a deadlines outage.
#include "gmock/gmock.h"
#include "tests/testing/decision_2027.h"
#include "tests/transfers/suite_fixture.h"

namespace haicap::transfers::testing {
namespace {

class MemberClocksTest : public SuiteTest {
 protected:
  // The deadlines service first, so that the registry gets its address; no transfers needed.
  void SetUp() override {
    StartDeadlines();
    StartRegistry();
    wards_ = MustCreateWards();
  }

  // A person of the ward office's cell.
  reg::Member Person(const std::string& name, const std::string& citizen_id, reg::Sex sex, google::type::Date born) {
    reg::Member m;
    m.set_full_name(name);
    *m.mutable_date_of_birth() = born;
    m.set_sex(sex);
    m.set_citizen_id(citizen_id);
    m.set_organization_id(wards_.ubnd_cell);
    return m;
  }
  reg::Member MustAdmitPending(const std::string& name, const std::string& citizen_id, google::type::Date decided) {
    reg::AdmitMemberRequest request;
    *request.mutable_member() = Person(name, citizen_id, reg::FEMALE, Day(2000, 4, 2));
    request.mutable_decision()->set_number("230-QĐ/ĐU");
    *request.mutable_decision()->mutable_date() = decided;
    request.set_request_id("admit-" + citizen_id);
    return MustRegistry(&reg::Registry::Stub::AdmitMember, request);
  }
  reg::Member MustRegisterProbationary(const std::string& name, const std::string& citizen_id,
                                       google::type::Date admitted) {
    reg::RegisterMemberRequest request;
    reg::Member& m = *request.mutable_member();
    m = Person(name, citizen_id, reg::MALE, Day(1999, 9, 9));
    m.set_status(reg::PROBATIONARY);
    *m.mutable_admitted_on() = admitted;
    *request.mutable_effective_date() = Day(2025, 7, 1);
    return MustRegistry(&reg::Registry::Stub::RegisterMember, request);
  }
  grpc::Status GetDossier(const std::string& id, dl::Dossier* dossier) {
    dl::GetDossierRequest request;
    request.set_id(id);
    return CallOn(*deadlines_stub_, &dl::Deadlines::Stub::GetDossier, request, dossier, "x");
  }
  dl::Dossier EventuallyDossier(const std::string& id, dl::DossierStatus status) {
    dl::Dossier dossier;
    if (!Await([&] { return GetDossier(id, &dossier).ok() && dossier.status() == status; }, &clock_,
               absl::Milliseconds(20))) {
      ADD_FAILURE() << id << " never became " << dl::DossierStatus_Name(status) << ": " << dossier.ShortDebugString();
    }
    return dossier;
  }
  // The member once `field` (ceremony_due_on or recognition_due_on) is known.
  reg::Member EventuallyDue(const std::string& id, bool ceremony) {
    reg::Member member;
    if (!Await([&] {
          member = GetMember(id);
          return ceremony ? member.has_ceremony_due_on() : member.has_recognition_due_on();
        }, &clock_, absl::Milliseconds(20))) {
      ADD_FAILURE() << "member " << id << " never got its due day: " << member.ShortDebugString();
    }
    return member;
  }
  // The findings about `member` in the sending ward's summary.
  std::vector<reg::Finding> FindingsAbout(const std::string& member) {
    reg::SummarizeSubtreeRequest request;
    request.set_organization_id(wards_.tay_tuu);
    std::vector<reg::Finding> out;
    const reg::SubtreeSummary summary = MustRegistry(&reg::Registry::Stub::SummarizeSubtree, request);
    for (const reg::Finding& f : summary.findings()) {
      if (f.member_id() == member) out.push_back(f);
    }
    return out;
  }

  Wards wards_;
};

TEST_F(MemberClocksTest, TheCeremonyClockRunsFromTheDecisionAndSkipsTet) {
  // Decided Mon 9/2/2026 (today is Tue 10/2): 30 working days from Tue 10/2, Tết 14–22/2 skipped.
  const reg::Member pending = MustAdmitPending("Phạm Thu Hà", "001300000001", Day(2026, 2, 9));
  ASSERT_EQ(pending.status(), reg::ADMISSION_PENDING);
  const reg::Member waiting = EventuallyDue(pending.id(), /*ceremony=*/true);
  EXPECT_EQ(Ymd(waiting.ceremony_due_on()), "2026-03-30");

  dl::Dossier clock;
  ASSERT_TRUE(GetDossier("CEREMONY-" + pending.id(), &clock).ok());
  EXPECT_EQ(clock.kind(), dl::PARTY_OBLIGATION);
  EXPECT_EQ(clock.subject(), "registry/members/" + pending.id() + "/ceremony");
  EXPECT_EQ(clock.unit_code(), "org-" + wards_.ubnd_cell);
  EXPECT_EQ(clock.status(), dl::RECEIVED);

  const std::vector<reg::Finding> findings = FindingsAbout(pending.id());
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].kind(), reg::CEREMONY_PENDING);
  EXPECT_EQ(Ymd(findings[0].due_on()), "2026-03-30");
  EXPECT_EQ(findings[0].member_name(), "Phạm Thu Hà");

  reg::RecordAdmissionCeremonyRequest held;
  held.set_member_id(pending.id());
  *held.mutable_ceremony_date() = Day(2026, 2, 10);
  held.set_request_id("ceremony-1");
  const reg::Member probationary = MustRegistry(&reg::Registry::Stub::RecordAdmissionCeremony, held);
  EXPECT_EQ(probationary.status(), reg::PROBATIONARY);
  EXPECT_EQ(MembersUnder(wards_.tay_tuu, Day(2026, 2, 10)), 1);
  const dl::Dossier done = EventuallyDossier("CEREMONY-" + pending.id(), dl::PROCESSED);
  EXPECT_EQ(done.outcome(), dl::EARLY);
  EXPECT_TRUE(FindingsAbout(pending.id()).empty());
  // The probation has just begun: no recognition clock yet.
  EXPECT_EQ(GetDossier("RECOGNITION-" + pending.id(), &clock).error_code(), grpc::StatusCode::NOT_FOUND);
}

TEST_F(MemberClocksTest, AnOverdueCeremonyIsFlaggedAndAWithdrawnAdmissionStopsItsClock) {
  // Decided Mon 3/11/2025: the 30 working days ended on Mon 15/12/2025.
  const reg::Member pending = MustAdmitPending("Đỗ Văn Nam", "001300000002", Day(2025, 11, 3));
  EXPECT_EQ(Ymd(EventuallyDue(pending.id(), true).ceremony_due_on()), "2025-12-15");
  const std::vector<reg::Finding> findings = FindingsAbout(pending.id());
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].kind(), reg::CEREMONY_OVERDUE);

  reg::EndMembershipRequest end;
  end.set_member_id(pending.id());
  end.set_status(reg::REMOVED);
  end.set_reason("không tổ chức được lễ kết nạp");
  *end.mutable_effective_date() = Day(2026, 2, 10);
  MustRegistry(&reg::Registry::Stub::EndMembership, end);
  const dl::Dossier stopped = EventuallyDossier("CEREMONY-" + pending.id(), dl::STOPPED);
  EXPECT_TRUE(FindingsAbout(pending.id()).empty());
}

TEST_F(MemberClocksTest, TheRecognitionClockStartsWhenTheTwelveMonthsEnd) {
  // Admitted 15/1/2025: the 12 months ended on Thu 15/1/2026; 30 working days later, Tết skipped,
  // is Thu 5/3/2026.
  const reg::Member ended = MustRegisterProbationary("Lê Văn Cường", "001199000003", Day(2025, 1, 15));
  // Admitted 1/3/2025: still on probation until 1/3/2026.
  const reg::Member later = MustRegisterProbationary("Trần Văn Dũng", "001199000004", Day(2025, 3, 1));

  const reg::Member due = EventuallyDue(ended.id(), /*ceremony=*/false);
  EXPECT_EQ(Ymd(due.recognition_due_on()), "2026-03-05");
  std::vector<reg::Finding> findings = FindingsAbout(ended.id());
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].kind(), reg::RECOGNITION_DUE);
  EXPECT_EQ(Ymd(findings[0].due_on()), "2026-03-05");
  dl::Dossier clock;
  ASSERT_TRUE(GetDossier("RECOGNITION-" + ended.id(), &clock).ok());
  EXPECT_EQ(clock.subject(), "registry/members/" + ended.id() + "/recognition");
  EXPECT_EQ(GetDossier("RECOGNITION-" + later.id(), &clock).error_code(), grpc::StatusCode::NOT_FOUND);

  // Friday 6/3/2026: the first one is overdue, the second one's 12 months are over.
  clock_.Advance(absl::FromCivil(absl::CivilMinute(2026, 3, 6, 9, 0), VietnamTimeZone()) - clock_.Now());
  findings = FindingsAbout(ended.id());
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].kind(), reg::RECOGNITION_OVERDUE);
  EXPECT_EQ(Ymd(EventuallyDue(later.id(), false).recognition_due_on()), "2026-04-13");

  reg::RecognizeOfficialRequest recognize;
  recognize.set_member_id(ended.id());
  recognize.mutable_decision()->set_number("301-QĐ/ĐU");
  *recognize.mutable_decision()->mutable_date() = Day(2026, 3, 6);
  recognize.set_request_id("recognize-1");
  EXPECT_EQ(MustRegistry(&reg::Registry::Stub::RecognizeOfficial, recognize).status(), reg::OFFICIAL);
  EXPECT_EQ(EventuallyDossier("RECOGNITION-" + ended.id(), dl::PROCESSED).outcome(), dl::LATE);
  EXPECT_TRUE(FindingsAbout(ended.id()).empty());
}

TEST_F(MemberClocksTest, AProbationAlreadyOverGetsItsClockWithTheRegistrationOrImport) {
  // The registry's periodic look for ended probations is a day away: the clocks below come with
  // the changes that record the members.
  registry_.reset();
  recognition_interval_ = absl::Hours(24);
  StartRegistry();
  const reg::Member registered = MustRegisterProbationary("Lê Văn Cường", "001199000003", Day(2025, 1, 15));
  reg::ImportMembersRequest import;
  reg::MemberImportRow& row = *import.add_rows();
  row.set_line(2);
  row.set_organization_key("id:" + wards_.ubnd_cell);
  *row.mutable_member() = Person("Đặng Thị Hoa", "001300000006", reg::FEMALE, Day(2000, 4, 2));
  row.mutable_member()->set_status(reg::PROBATIONARY);
  *row.mutable_member()->mutable_admitted_on() = Day(2025, 1, 15);
  EXPECT_EQ(MustRegistry(&reg::Registry::Stub::ImportMembers, import).imported(), 1);
  reg::ListMembersRequest list;
  list.set_organization_id(wards_.ubnd_cell);
  list.set_citizen_id("001300000006");
  const reg::ListMembersResponse found = MustRegistry(&reg::Registry::Stub::ListMembers, list);
  ASSERT_EQ(found.members_size(), 1);

  EXPECT_EQ(Ymd(EventuallyDue(registered.id(), /*ceremony=*/false).recognition_due_on()), "2026-03-05");
  EXPECT_EQ(Ymd(EventuallyDue(found.members(0).id(), /*ceremony=*/false).recognition_due_on()), "2026-03-05");
}

TEST_F(MemberClocksTest, AnOrganisationsClocksAreNotAProvincesOrACommunes) {
  // Organisation 12 shares its number with the province code of Lai Châu: its clocks are filed
  // under "org-12", counted there and nowhere in Lai Châu.
  std::string cell;
  while (cell != "12") {
    ASSERT_LT(cell.size(), 3u) << "organisation ids went past 12";
    cell = MustCreateOrg("Chi bộ Tổ dân phố " + std::to_string(cell.size() + 1), reg::GRASSROOTS_CELL, wards_.tay_tuu);
  }
  reg::AdmitMemberRequest admit;
  *admit.mutable_member() = Person("Ngô Thị Lan", "001300000007", reg::FEMALE, Day(2000, 4, 2));
  admit.mutable_member()->set_organization_id(cell);
  admit.mutable_decision()->set_number("231-QĐ/ĐU");
  *admit.mutable_decision()->mutable_date() = Day(2026, 2, 9);
  admit.set_request_id("admit-org-12");
  const reg::Member pending = MustRegistry(&reg::Registry::Stub::AdmitMember, admit);
  EXPECT_EQ(Ymd(EventuallyDue(pending.id(), /*ceremony=*/true).ceremony_due_on()), "2026-03-30");
  dl::Dossier clock;
  ASSERT_TRUE(GetDossier("CEREMONY-" + pending.id(), &clock).ok());
  EXPECT_EQ(clock.unit_code(), "org-12");

  const auto received = [&](const std::string& unit) {
    dl::GetStatisticsRequest request;
    request.set_unit_code(unit);
    request.set_kind(dl::PARTY_OBLIGATION);
    *request.mutable_from_date() = Day(2026, 2, 1);
    dl::Statistics stats;
    const grpc::Status status = CallOn(*deadlines_stub_, &dl::Deadlines::Stub::GetStatistics, request, &stats, "x");
    EXPECT_TRUE(status.ok()) << unit << ": " << status.error_message();
    return stats.received_direct() + stats.received_online() + stats.received_postal();
  };
  EXPECT_EQ(received("org-12"), 1);
  EXPECT_EQ(received("12"), 0);
}

TEST_F(MemberClocksTest, ClocksWaitOutADeadlinesOutageAndStartOnce) {
  deadlines_.reset();
  const reg::Member pending = MustAdmitPending("Vũ Thị Lan", "001300000005", Day(2026, 2, 9));
  // The admission is answered; its clock waits in the registry's outbox.
  EXPECT_EQ(pending.status(), reg::ADMISSION_PENDING);
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  EXPECT_FALSE(GetMember(pending.id()).has_ceremony_due_on());
  // A restart of the registry too loses nothing.
  registry_.reset();
  StartRegistry();
  StartDeadlines();
  EXPECT_EQ(Ymd(EventuallyDue(pending.id(), true).ceremony_due_on()), "2026-03-30");
  dl::ListDossiersRequest list;
  list.set_unit_code("org-" + wards_.ubnd_cell);
  dl::ListDossiersResponse listed;
  ASSERT_TRUE(CallOn(*deadlines_stub_, &dl::Deadlines::Stub::ListDossiers, list, &listed, "x").ok());
  ASSERT_EQ(listed.dossiers_size(), 1);
  EXPECT_EQ(listed.dossiers(0).id(), "CEREMONY-" + pending.id());
}

TEST_F(MemberClocksTest, DueDaysKeptByTheOtherServicesFollowACalendarChange) {
  // A day off entered after the clocks started (as admins enter next year's holidays) moves their
  // due dates in the deadlines service; the copies the registry and the transfers service keep
  // follow its DUE_CHANGED events: the member's ceremony due day and the letter's present_by.
  StartTransfers();
  const reg::Member pending = MustAdmitPending("Vũ Thị Lan", "001300000005", Day(2026, 2, 9));
  EXPECT_EQ(Ymd(EventuallyDue(pending.id(), true).ceremony_due_on()), "2026-03-30");
  const std::string mover = MustRegisterMember("Nguyễn Văn Minh", "001088004321", wards_.ubnd_cell);
  Transfer t = MustIntroduce(MustCreate(mover, wards_.office_cell));
  t = Eventually(t.id(), [](const Transfer& x) { return x.has_present_by(); });
  EXPECT_EQ(Ymd(t.present_by()), "2026-03-31");

  dl::UpsertCalendarDaysRequest day_off;
  day_off.set_calendar_id("VN");
  dl::CalendarDay* day = day_off.add_days();
  *day->mutable_date() = Day(2026, 3, 16);
  day->set_type(dl::HOLIDAY);
  day->set_note("Ngày nghỉ bổ sung");
  dl::Calendar vn;
  ASSERT_TRUE(CallOn(*deadlines_stub_, &dl::Deadlines::Stub::UpsertCalendarDays, day_off, &vn, "admin@bonoivu").ok());

  t = Eventually(t.id(), [](const Transfer& x) { return Ymd(x.present_by()) == "2026-04-01"; });
  ASSERT_GT(t.history_size(), 0);
  EXPECT_THAT(t.history(t.history_size() - 1).summary(), ::testing::HasSubstr("now be presented by"));
  reg::Member member;
  EXPECT_TRUE(Await([&] { return Ymd((member = GetMember(pending.id())).ceremony_due_on()) == "2026-03-31"; }, &clock_,
                    absl::Milliseconds(20)))
      << member.ShortDebugString();
  // The findings use the day kept.
  bool found = false;
  for (const reg::Finding& f : FindingsAbout(pending.id())) found = found || Ymd(f.due_on()) == "2026-03-31";
  EXPECT_TRUE(found);
}

TEST_F(MemberClocksTest, ADueDayInAYearWithoutADecisionIsProvisionalUntilTheDecisionIsImported) {
  // Decided Mon 7/12/2026: the 30 working days run into 2027, whose days are the rule's (1/1 off)
  // until its decision is entered: due Tue 19/1/2027, provisional.
  clock_.Advance(absl::FromCivil(absl::CivilMinute(2026, 12, 7, 9, 0), VietnamTimeZone()) - clock_.Now());
  const reg::Member pending = MustAdmitPending("Hoàng Thị Mai", "001300000008", Day(2026, 12, 7));
  reg::Member waiting = EventuallyDue(pending.id(), /*ceremony=*/true);
  EXPECT_EQ(Ymd(waiting.ceremony_due_on()), "2027-01-19");
  EXPECT_TRUE(waiting.ceremony_due_provisional());
  std::vector<reg::Finding> findings = FindingsAbout(pending.id());
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_TRUE(findings[0].due_provisional());
  EXPECT_THAT(findings[0].message(), ::testing::HasSubstr("2027-01-19 (provisional: no official calendar decision"));

  // The decision swaps Mon 4/1 for Sat 23/1: one more day off before the due day, now official.
  dl::ImportCalendarYearResponse imported;
  ASSERT_TRUE(CallOn(*deadlines_stub_, &dl::Deadlines::Stub::ImportCalendarYear,
                     haicap::testing::Decision2027(false, "qd-2027"), &imported, "admin@bonoivu")
                  .ok());
  EXPECT_EQ(imported.moved_count(), 1);
  EXPECT_TRUE(Await([&] { return !(waiting = GetMember(pending.id())).ceremony_due_provisional(); }, &clock_,
                    absl::Milliseconds(20)))
      << waiting.ShortDebugString();
  EXPECT_EQ(Ymd(waiting.ceremony_due_on()), "2027-01-20");
  findings = FindingsAbout(pending.id());
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_FALSE(findings[0].due_provisional());
  EXPECT_THAT(findings[0].message(), ::testing::EndsWith("due by 2027-01-20"));
}

}  // namespace
}  // namespace haicap::transfers::testing
