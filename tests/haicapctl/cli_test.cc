// Runs the real haicapctl command line in process against a fake registry on 127.0.0.1:0 and
// checks what reaches the server (requests, actor header, deadline, request ids) and what the
// user sees (tables, JSON, errors, exit codes).
#include <chrono>

#include "common/errors.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/haicapctl/fake_registry.h"
#include "tools/haicapctl/core/args.h"

namespace haicap::ctl {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::MatchesRegex;
using ::testing::Not;

registry::Organization Org(std::string id, std::string name, registry::OrganizationKind kind,
                           std::string parent) {
  registry::Organization org;
  org.set_id(std::move(id));
  org.set_name(std::move(name));
  org.set_kind(kind);
  org.set_parent_id(std::move(parent));
  org.set_state(registry::ACTIVE);
  org.mutable_established_on()->set_year(2025);
  org.mutable_established_on()->set_month(7);
  org.mutable_established_on()->set_day(1);
  return org;
}

google::type::Date Date(int year, int month, int day) {
  google::type::Date date;
  date.set_year(year);
  date.set_month(month);
  date.set_day(day);
  return date;
}

registry::Member Member(std::string id, std::string name, std::string citizen_id,
                        registry::MemberStatus status) {
  registry::Member member;
  member.set_id(std::move(id));
  member.set_full_name(std::move(name));
  *member.mutable_date_of_birth() = Date(1990, 5, 2);
  member.set_sex(registry::FEMALE);
  member.set_citizen_id(std::move(citizen_id));
  member.set_organization_id("104");
  member.set_status(status);
  *member.mutable_admitted_on() = Date(2015, 3, 1);
  if (status == registry::OFFICIAL) *member.mutable_official_on() = Date(2016, 3, 1);
  return member;
}

TEST_F(HaicapctlTest, CreateSendsTheParsedRequestWithActorAndARequestId) {
  const auto before = std::chrono::system_clock::now();
  ASSERT_EQ(Run({"org", "create", "--name", "Đảng bộ phường Phúc Lợi", "--kind", "commune",
                 "--parent", "1", "--unit", "00136", "--effective", "1/7/2025",
                 "--decision-number", "1234-QĐ/TU", "--decision-date", "30/06/2025",
                 "--timeout", "3"}),
            0)
      << err_.str();
  const registry::CreateOrganizationRequest request = fake_.last<registry::CreateOrganizationRequest>();
  EXPECT_EQ(request.organization().name(), "Đảng bộ phường Phúc Lợi");
  EXPECT_EQ(request.organization().kind(), registry::COMMUNE_COMMITTEE);
  EXPECT_EQ(request.organization().parent_id(), "1");
  EXPECT_EQ(request.organization().admin_unit_code(), "00136");
  EXPECT_FALSE(request.organization().upper_grassroots_powers());
  EXPECT_EQ(request.effective_date().year(), 2025);
  EXPECT_EQ(request.effective_date().month(), 7);
  EXPECT_EQ(request.effective_date().day(), 1);
  EXPECT_EQ(request.decision().number(), "1234-QĐ/TU");
  EXPECT_EQ(request.decision().date().day(), 30);
  EXPECT_THAT(request.request_id(), MatchesRegex("[0-9a-f-]{36}"));

  ASSERT_EQ(fake_.seen().size(), 1u);
  EXPECT_EQ(fake_.seen()[0].actor, "clerk.phucloi");
  // --timeout 3, give or take how coarsely gRPC sends the timeout on the wire.
  EXPECT_GT(fake_.seen()[0].deadline, before + std::chrono::milliseconds(2500));
  EXPECT_LT(fake_.seen()[0].deadline,
            std::chrono::system_clock::now() + std::chrono::milliseconds(3500));

  EXPECT_THAT(out_.str(), HasSubstr("ID:           57\n"));
  EXPECT_THAT(out_.str(), HasSubstr("Established:  2025-07-01\n"));
  EXPECT_THAT(err_.str(), IsEmpty());
}

TEST_F(HaicapctlTest, CreateSendsTheGivenRequestIdAndNoDecisionWhenNoneIsGiven) {
  ASSERT_EQ(Run({"org", "create", "--name", "Chi bộ 5", "--kind", "CELL", "--parent", "57",
                 "--effective", "2025-07-10", "--request-id", "retry-me-1",
                 "--upper-grassroots-powers"}),
            0)
      << err_.str();
  EXPECT_EQ(fake_.last<registry::CreateOrganizationRequest>().request_id(), "retry-me-1");
  EXPECT_FALSE(fake_.last<registry::CreateOrganizationRequest>().has_decision());
  EXPECT_TRUE(fake_.last<registry::CreateOrganizationRequest>().organization().upper_grassroots_powers());
}

TEST_F(HaicapctlTest, UpdateMaskNamesExactlyTheFlagsGiven) {
  ASSERT_EQ(Run({"org", "update", "57", "--name", "Đảng bộ phường Đống Đa",
                 "--upper-grassroots-powers=false", "--etag", "e7", "--effective", "01/07/2025"}),
            0)
      << err_.str();
  const registry::UpdateOrganizationRequest request = fake_.last<registry::UpdateOrganizationRequest>();
  EXPECT_EQ(request.organization().id(), "57");
  EXPECT_THAT(request.update_mask().paths(), ElementsAre("name", "upper_grassroots_powers"));
  EXPECT_EQ(request.organization().name(), "Đảng bộ phường Đống Đa");
  EXPECT_EQ(request.etag(), "e7");
  EXPECT_FALSE(request.request_id().empty());
}

TEST_F(HaicapctlTest, UsageErrorsExitTwoBeforeAnyCall) {
  EXPECT_EQ(Run({"org", "update", "57", "--effective", "01/07/2025"}), 2);  // nothing to change
  EXPECT_EQ(Run({"org", "create", "--name", "X", "--kind", "party-cell", "--effective",
                 "2025-07-01"}),
            2);
  EXPECT_THAT(err_.str(), HasSubstr("unknown organisation kind \"party-cell\""));
  EXPECT_EQ(Run({"org", "create", "--name", "X", "--kind", "cell", "--effective", "31/02/2025"}),
            2);
  EXPECT_THAT(err_.str(), HasSubstr("not a valid date"));
  EXPECT_EQ(Run({"org", "create", "--name", "X", "--kind", "cell"}), 2);  // no --effective
  EXPECT_EQ(Run({"org", "merge", "1", "2", "--effective", "2025-08-01"}), 2);  // no successor
  EXPECT_EQ(Run({"org", "merge", "1", "2", "--into", "3", "--new-name", "Y", "--new-kind", "cell",
                 "--effective", "2025-08-01"}),
            2);
  EXPECT_EQ(Run({"org", "merge", "1", "--new-name", "Y", "--effective", "2025-08-01"}), 2);
  EXPECT_EQ(Run({"--actor", "Nguyễn Thị Lan", "org", "get", "1"}), 2);
  EXPECT_THAT(err_.str(), HasSubstr("plain ASCII"));
  EXPECT_EQ(Run({"org", "list", "--all", "--page-token", "x"}), 2);
  for (std::vector<std::string> tree : {std::vector<std::string>{"org", "tree", "1", "--depth", "-1"},
                                        {"org", "tree", "1", "--depth=-1"},
                                        {"org", "tree", "1", "--depth", "two"}}) {
    EXPECT_EQ(Run(tree), 2) << tree.back();
    EXPECT_THAT(err_.str(), HasSubstr("--depth: a number of levels below the top, 0 or more (0: all)"));
  }
  EXPECT_EQ(Run({"org"}), 2);
  EXPECT_THAT(fake_.seen(), IsEmpty());
}

TEST_F(HaicapctlTest, MergeIntoAnExistingOrganisation) {
  ASSERT_EQ(Run({"org", "merge", "301", "302", "--into", "300", "--effective", "01/08/2025"}), 0)
      << err_.str();
  EXPECT_THAT(fake_.last<registry::MergeOrganizationsRequest>().source_ids(), ElementsAre("301", "302"));
  EXPECT_EQ(fake_.last<registry::MergeOrganizationsRequest>().target_id(), "300");
}

TEST_F(HaicapctlTest, ServerErrorsExitOneWithTheReasonOnStderr) {
  fake_.FailWith(ToGrpcStatus(
      FailedPrecondition("PARENT_NOT_ACTIVE", "parent 12 was dissolved on 2025-06-30"),
      "registry.haicap"));
  EXPECT_EQ(Run({"org", "create", "--name", "Chi bộ 5", "--kind", "cell", "--parent", "12",
                 "--effective", "2025-07-10"}),
            1);
  EXPECT_EQ(err_.str(),
            "error: FAILED_PRECONDITION (PARENT_NOT_ACTIVE): parent 12 was dissolved on "
            "2025-06-30\n");
  EXPECT_THAT(out_.str(), IsEmpty());
}

TEST_F(HaicapctlTest, NotFoundFromGet) {
  EXPECT_EQ(Run({"org", "get", "99"}), 1);
  EXPECT_EQ(err_.str(), "error: NOT_FOUND (ORGANIZATION_NOT_FOUND): organization 99 does not "
                        "exist\n");
}

TEST_F(HaicapctlTest, ListAllFollowsPageTokens) {
  for (int i = 1; i <= 5; ++i) {
    fake_.Add(Org(std::to_string(100 + i), "Chi bộ " + std::to_string(i), registry::CELL, "57"));
  }
  ASSERT_EQ(Run({"org", "list", "--parent", "57", "--page-size", "2", "--all"}), 0) << err_.str();
  const auto lists = fake_.lists();
  ASSERT_EQ(lists.size(), 3u);
  EXPECT_EQ(lists[0].page_token(), "");
  EXPECT_EQ(lists[1].page_token(), "2");
  EXPECT_EQ(lists[2].page_token(), "4");
  for (const auto& request : lists) EXPECT_EQ(request.parent_id(), "57");
  EXPECT_EQ(out_.str(),
            "ID   NAME      KIND  UNIT  PARENT  STATE   ESTABLISHED\n"
            "101  Chi bộ 1  cell        57      active  2025-07-01\n"
            "102  Chi bộ 2  cell        57      active  2025-07-01\n"
            "103  Chi bộ 3  cell        57      active  2025-07-01\n"
            "104  Chi bộ 4  cell        57      active  2025-07-01\n"
            "105  Chi bộ 5  cell        57      active  2025-07-01\n");
  EXPECT_THAT(err_.str(), IsEmpty());
}

TEST_F(HaicapctlTest, ListOnePageTellsHowToContinue) {
  for (int i = 1; i <= 3; ++i) {
    fake_.Add(Org(std::to_string(100 + i), "Chi bộ " + std::to_string(i), registry::CELL, "57"));
  }
  ASSERT_EQ(Run({"org", "list", "--parent", "57", "--page-size", "2", "--kind", "cell",
                 "--as-of", "30/06/2025"}),
            0);
  ASSERT_EQ(fake_.lists().size(), 1u);
  EXPECT_EQ(fake_.lists()[0].kind(), registry::CELL);
  EXPECT_EQ(fake_.lists()[0].as_of().month(), 6);
  EXPECT_EQ(err_.str(), "(more results: repeat with --page-token 2, or use --all)\n");
}

TEST_F(HaicapctlTest, TreeWalksChildrenAsOfTheDay) {
  fake_.Add(Org("1", "Đảng bộ thành phố Hà Nội", registry::PROVINCIAL_COMMITTEE, ""));
  fake_.Add(Org("2", "Đảng bộ phường Phúc Lợi", registry::COMMUNE_COMMITTEE, "1"));
  fake_.Add(Org("3", "Đảng bộ phường Đống Đa", registry::COMMUNE_COMMITTEE, "1"));
  fake_.Add(Org("4", "Chi bộ Tổ dân phố 1", registry::CELL, "2"));
  ASSERT_EQ(Run({"org", "tree", "1", "--as-of", "01/08/2025"}), 0) << err_.str();
  EXPECT_EQ(out_.str(),
            "ORGANISATION                KIND                  ID  UNIT\n"
            "Đảng bộ thành phố Hà Nội    provincial-committee  1\n"
            "├─ Đảng bộ phường Phúc Lợi  commune-committee     2\n"
            "│  └─ Chi bộ Tổ dân phố 1   cell                  4\n"
            "└─ Đảng bộ phường Đống Đa   commune-committee     3\n");
  for (const auto& request : fake_.lists()) {
    EXPECT_EQ(request.state(), registry::ACTIVE);
    EXPECT_EQ(request.as_of().year(), 2025);
    EXPECT_EQ(request.as_of().month(), 8);
  }

  ASSERT_EQ(Run({"org", "tree", "1", "--depth", "1"}), 0);
  EXPECT_THAT(out_.str(), ::testing::Not(HasSubstr("Tổ dân phố")));
  EXPECT_THAT(out_.str(), HasSubstr("Đống Đa"));
}

TEST_F(HaicapctlTest, JsonOutputMayFollowTheCommand) {
  fake_.Add(Org("2", "Đảng bộ phường Phúc Lợi", registry::COMMUNE_COMMITTEE, "1"));
  ASSERT_EQ(Run({"org", "get", "2", "-o", "json"}), 0) << err_.str();
  EXPECT_THAT(out_.str(), HasSubstr("\"name\": \"Đảng bộ phường Phúc Lợi\""));
  EXPECT_THAT(out_.str(), HasSubstr("\"kind\": \"COMMUNE_COMMITTEE\""));
}

TEST_F(HaicapctlTest, AChangeThatTimesOutTellsHowToRetrySafely) {
  fake_.SetDelay(std::chrono::milliseconds(1500));
  EXPECT_EQ(Run({"--timeout", "0.2", "org", "create", "--name", "Chi bộ 5", "--kind", "cell",
                 "--parent", "57", "--effective", "10/07/2025", "--request-id", "r-42"}),
            1);
  EXPECT_EQ(err_.str(),
            "error: the registry at " + address_ +
                " did not answer within 0.2 s (DEADLINE_EXCEEDED); try again or raise "
                "--timeout\n"
                "  the change may or may not have been recorded; to retry safely, repeat the "
                "same command with --request-id r-42\n");
}

TEST_F(HaicapctlTest, HelpIsUserDocumentation) {
  EXPECT_EQ(Run({"org", "create", "--help"}), 0);
  EXPECT_THAT(out_.str(), HasSubstr("Examples:"));
  EXPECT_THAT(out_.str(), HasSubstr("--effective DATE REQUIRED"));
  EXPECT_THAT(out_.str(), HasSubstr("DD/MM/YYYY"));
  EXPECT_EQ(Run({"member", "admit", "--help"}), 0);
  EXPECT_THAT(out_.str(), HasSubstr("Admit (kết nạp) a new party member"));
  EXPECT_THAT(out_.str(), HasSubstr("--citizen-id 12DIGITS REQUIRED"));
  EXPECT_THAT(out_.str(), HasSubstr("Examples:\n  haicapctl member admit"));
  EXPECT_EQ(Run({"member", "end", "--help"}), 0);
  EXPECT_THAT(out_.str(), HasSubstr("removed (xóa tên)"));
  EXPECT_EQ(Run({"--help"}), 0);
  EXPECT_THAT(out_.str(), HasSubstr("Exit codes"));
  EXPECT_THAT(out_.str(), HasSubstr("member"));
}

TEST_F(HaicapctlTest, AdmitSendsPersonalDataCeremonyAndDecision) {
  ASSERT_EQ(Run({"member", "admit", "--name", "Nguyễn Văn An", "--born", "02/05/1998", "--sex",
                 "nam", "--citizen-id", " 001098012345 ", "--org", "104", "--ceremony",
                 "19/05/2025", "--card-number", "01234567", "--decision-number", "215-QĐ/ĐU",
                 "--decision-date", "05/05/2025"}),
            0)
      << err_.str();
  const auto request = fake_.last<registry::AdmitMemberRequest>();
  EXPECT_EQ(request.member().full_name(), "Nguyễn Văn An");
  EXPECT_EQ(FormatDate(request.member().date_of_birth()), "1998-05-02");
  EXPECT_EQ(request.member().sex(), registry::MALE);
  EXPECT_EQ(request.member().citizen_id(), "001098012345");  // blanks dropped
  EXPECT_EQ(request.member().organization_id(), "104");
  EXPECT_EQ(request.member().party_card_number(), "01234567");
  EXPECT_EQ(request.member().party_record_number(), "");
  EXPECT_EQ(request.member().status(), registry::MEMBER_STATUS_UNSPECIFIED);
  EXPECT_EQ(FormatDate(request.ceremony_date()), "2025-05-19");
  EXPECT_EQ(request.decision().number(), "215-QĐ/ĐU");
  EXPECT_EQ(FormatDate(request.decision().date()), "2025-05-05");
  EXPECT_THAT(request.request_id(), MatchesRegex("[0-9a-f-]{36}"));
  EXPECT_EQ(fake_.seen()[0].actor, "clerk.phucloi");
  EXPECT_EQ(out_.str(),
            "ID:            1024\n"
            "Name:          Nguyễn Văn An\n"
            "Born:          1998-05-02\n"
            "Sex:           male\n"
            "Citizen ID:    001098012345\n"
            "Party card:    01234567\n"
            "Organisation:  104\n"
            "Status:        probationary\n"
            "Admitted:      2025-05-19\n");
}

TEST_F(HaicapctlTest, AdmitWithoutACeremonyThenRecordIt) {
  ASSERT_EQ(Run({"member", "admit", "--name", "Phạm Thu Hà", "--born", "14/08/2001", "--sex", "nu",
                 "--citizen-id", "001301004567", "--org", "104", "--decision-number", "230-QĐ/ĐU",
                 "--decision-date", "01/12/2026"}),
            0)
      << err_.str();
  const auto admit = fake_.last<registry::AdmitMemberRequest>();
  EXPECT_FALSE(admit.has_ceremony_date());
  EXPECT_EQ(FormatDate(admit.decision().date()), "2026-12-01");
  EXPECT_THAT(out_.str(), HasSubstr("Status:        admission-pending\n"));

  out_.str("");
  ASSERT_EQ(Run({"member", "ceremony", "1024", "--on", "04/12/2026", "--etag", "3", "--request-id", "ceremony-1024"}),
            0)
      << err_.str();
  const auto ceremony = fake_.last<registry::RecordAdmissionCeremonyRequest>();
  EXPECT_EQ(ceremony.member_id(), "1024");
  EXPECT_EQ(FormatDate(ceremony.ceremony_date()), "2026-12-04");
  EXPECT_EQ(ceremony.etag(), "3");
  EXPECT_EQ(ceremony.request_id(), "ceremony-1024");
  EXPECT_THAT(out_.str(), HasSubstr("Admitted:  2026-12-04\n"));
  EXPECT_EQ(Run({"member", "ceremony", "1024"}), 2);  // --on is required
}

TEST_F(HaicapctlTest, RegisterSendsStatusPastDatesAndEffectiveDay) {
  ASSERT_EQ(Run({"member", "register", "--name", "Trần Thị Bình", "--born", "11/03/1970",
                 "--sex", "female", "--citizen-id", "001170004321", "--record-number", "LL-77",
                 "--org", "104", "--status", "chinh-thuc", "--admitted", "03/02/1995",
                 "--official", "03/02/1996", "--effective", "01/07/2025", "--request-id",
                 "import-row-7"}),
            0)
      << err_.str();
  const auto request = fake_.last<registry::RegisterMemberRequest>();
  EXPECT_EQ(request.member().status(), registry::OFFICIAL);
  EXPECT_EQ(request.member().sex(), registry::FEMALE);
  EXPECT_EQ(request.member().party_record_number(), "LL-77");
  EXPECT_EQ(FormatDate(request.member().admitted_on()), "1995-02-03");
  EXPECT_EQ(FormatDate(request.member().official_on()), "1996-02-03");
  EXPECT_EQ(FormatDate(request.effective_date()), "2025-07-01");
  EXPECT_FALSE(request.has_decision());
  EXPECT_EQ(request.request_id(), "import-row-7");

  // Without --official the registry works out the date: none is sent.
  ASSERT_EQ(Run({"member", "register", "--name", "Lê Văn Cường", "--born", "20/10/2000", "--sex",
                 "m", "--citizen-id", "001200009876", "--org", "104", "--status", "probationary",
                 "--admitted", "01/03/2025", "--effective", "01/07/2025"}),
            0)
      << err_.str();
  EXPECT_EQ(FormatDate(fake_.last<registry::RegisterMemberRequest>().member().official_on()), "");
}

TEST_F(HaicapctlTest, RecognizeSendsTheDecisionAndEtag) {
  ASSERT_EQ(Run({"member", "recognise", "1024", "--decision-date", "25/05/2026",
                 "--decision-number", "301-QĐ/ĐU", "--etag", "3"}),
            0)
      << err_.str();
  const auto request = fake_.last<registry::RecognizeOfficialRequest>();
  EXPECT_EQ(request.member_id(), "1024");
  EXPECT_EQ(request.decision().number(), "301-QĐ/ĐU");
  EXPECT_EQ(FormatDate(request.decision().date()), "2026-05-25");
  EXPECT_EQ(request.etag(), "3");
  EXPECT_FALSE(request.request_id().empty());
  EXPECT_THAT(out_.str(), HasSubstr("Status:  official\n"));
}

TEST_F(HaicapctlTest, RecognizeBeforeTwelveMonthsShowsTheRegistrysReason) {
  fake_.FailWith(ToGrpcStatus(
      FailedPrecondition("PROBATION_NOT_OVER",
                         "member 1024's probation ends on 2026-05-19; recognition is possible "
                         "from then on"),
      "registry.haicap"));
  EXPECT_EQ(Run({"member", "recognize", "1024", "--decision-date", "01/09/2025"}), 1);
  // A refusal is a known outcome: no advice to retry.
  EXPECT_EQ(err_.str(),
            "error: FAILED_PRECONDITION (PROBATION_NOT_OVER): member 1024's probation ends on "
            "2026-05-19; recognition is possible from then on\n");
  EXPECT_THAT(out_.str(), IsEmpty());
}

TEST_F(HaicapctlTest, EndSendsHowWhyAndFromWhen) {
  ASSERT_EQ(Run({"member", "end", "1024", "--as", "xoa-ten", "--reason",
                 "bỏ sinh hoạt đảng 3 tháng không có lý do", "--effective", "15/09/2025",
                 "--decision-number", "77-QĐ/ĐU", "--decision-date", "12/09/2025"}),
            0)
      << err_.str();
  const auto request = fake_.last<registry::EndMembershipRequest>();
  EXPECT_EQ(request.member_id(), "1024");
  EXPECT_EQ(request.status(), registry::REMOVED);
  EXPECT_EQ(request.reason(), "bỏ sinh hoạt đảng 3 tháng không có lý do");
  EXPECT_EQ(FormatDate(request.effective_date()), "2025-09-15");
  EXPECT_EQ(request.decision().number(), "77-QĐ/ĐU");
  EXPECT_THAT(out_.str(), HasSubstr("Status:      removed\n"));
  EXPECT_THAT(out_.str(), HasSubstr("Ended:       2025-09-15\n"));
}

TEST_F(HaicapctlTest, MemberUpdateMaskNamesExactlyTheFlagsGiven) {
  ASSERT_EQ(Run({"member", "update", "1024", "--citizen-id", "001098012346", "--name",
                 "Nguyễn Văn Ân", "--etag", "7"}),
            0)
      << err_.str();
  const auto request = fake_.last<registry::UpdateMemberRequest>();
  EXPECT_EQ(request.member().id(), "1024");
  EXPECT_THAT(request.update_mask().paths(), ElementsAre("full_name", "citizen_id"));
  EXPECT_EQ(request.member().full_name(), "Nguyễn Văn Ân");
  EXPECT_EQ(request.member().citizen_id(), "001098012346");
  EXPECT_FALSE(request.member().has_date_of_birth());
  EXPECT_EQ(request.etag(), "7");
  EXPECT_THAT(request.request_id(), MatchesRegex("[0-9a-f-]{36}"));

  ASSERT_EQ(Run({"member", "update", "1024", "--born", "1/1/1990", "--sex", "female",
                 "--card-number", "C-1", "--record-number", "R-2"}),
            0);
  EXPECT_THAT(fake_.last<registry::UpdateMemberRequest>().update_mask().paths(),
              ElementsAre("date_of_birth", "sex", "party_card_number", "party_record_number"));
}

TEST_F(HaicapctlTest, MemberUsageErrorsExitTwoBeforeAnyCall) {
  const std::vector<std::string> admit = {"member", "admit", "--name", "Nguyễn Văn An",
                                          "--born", "02/05/1998", "--org", "104",
                                          "--ceremony", "19/05/2025"};
  auto with = [](std::vector<std::string> args, std::initializer_list<std::string> more) {
    args.insert(args.end(), more);
    return args;
  };
  EXPECT_EQ(Run(with(admit, {"--sex", "x", "--citizen-id", "001098012345"})), 2);
  EXPECT_THAT(err_.str(), HasSubstr("unknown sex \"x\"; use one of male, female"));
  // A mistyped citizen ID is refused without being repeated.
  EXPECT_EQ(Run(with(admit, {"--sex", "male", "--citizen-id", "00109801234"})), 2);
  EXPECT_THAT(err_.str(), HasSubstr("--citizen-id: a citizen ID (căn cước công dân) is exactly "
                                    "12 digits; this one has 11: a leading zero may have been lost"));
  EXPECT_THAT(err_.str(), Not(HasSubstr("00109801234")));
  EXPECT_EQ(Run(with(admit, {"--sex", "male", "--citizen-id", "00109801234x"})), 2);
  EXPECT_EQ(Run(with(admit, {"--sex", "male"})), 2);  // no citizen ID
  EXPECT_EQ(Run({"member", "end", "1024", "--as", "official", "--reason", "x", "--effective",
                 "2025-09-15"}),
            2);
  EXPECT_THAT(err_.str(), HasSubstr("--as: use removed, expelled or deceased"));
  EXPECT_EQ(Run({"member", "end", "1024", "--as", "deceased", "--effective", "2025-09-15"}), 2);
  EXPECT_EQ(Run({"member", "register", "--name", "A", "--born", "1/1/1990", "--sex", "m",
                 "--citizen-id", "001090000001", "--org", "104", "--status", "removed",
                 "--admitted", "1/1/2015", "--effective", "1/7/2025"}),
            2);
  EXPECT_THAT(err_.str(), HasSubstr("--status: use probationary or official"));
  EXPECT_EQ(Run({"member", "recognize", "1024"}), 2);  // no --decision-date
  EXPECT_EQ(Run({"member", "update", "1024", "--etag", "7"}), 2);  // nothing to correct
  EXPECT_EQ(Run({"member", "list"}), 2);
  EXPECT_EQ(Run({"member", "list", "--org", "104", "--citizen-id", "001098012345"}), 2);
  EXPECT_EQ(Run({"member", "list", "--citizen-id", "001098012345", "--subtree"}), 2);
  EXPECT_EQ(Run({"member", "list", "--org", "104", "--status", "dead"}), 2);
  EXPECT_EQ(Run({"member"}), 2);
  EXPECT_THAT(fake_.seen(), IsEmpty());
}

TEST_F(HaicapctlTest, MemberListAllFollowsPageTokensAndShowsIdsAsTheServerSendsThem) {
  fake_.AddMember(Member("7", "Nguyễn Văn An", "001098012345", registry::PROBATIONARY));
  fake_.AddMember(Member("8", "Đặng Thị Bình", "001170004321", registry::OFFICIAL));
  fake_.AddMember(Member("9", "Lê Văn Cường", "001200009876", registry::OFFICIAL));
  ASSERT_EQ(Run({"member", "list", "--org", "104", "--page-size", "2", "--all"}), 0)
      << err_.str();
  const auto lists = fake_.member_lists();
  ASSERT_EQ(lists.size(), 2u);
  EXPECT_EQ(lists[0].page_token(), "");
  EXPECT_EQ(lists[1].page_token(), "2");
  for (const auto& request : lists) {
    EXPECT_EQ(request.organization_id(), "104");
    EXPECT_EQ(request.page_size(), 2);
  }
  EXPECT_EQ(out_.str(),
            "ID  NAME           BORN        SEX     CITIZEN ID    ORG  STATUS        ADMITTED    "
            "OFFICIAL\n"
            "7   Nguyễn Văn An  1990-05-02  female  ********2345  104  probationary  2015-03-01\n"
            "8   Đặng Thị Bình  1990-05-02  female  ********4321  104  official      2015-03-01  "
            "2016-03-01\n"
            "9   Lê Văn Cường   1990-05-02  female  ********9876  104  official      2015-03-01  "
            "2016-03-01\n");
  EXPECT_THAT(err_.str(), IsEmpty());
}

TEST_F(HaicapctlTest, MemberListSendsEveryFilterAndTellsHowToContinue) {
  for (const char* id : {"1", "2", "3"}) {
    fake_.AddMember(Member(id, "Nguyễn Văn An", "00109801234" + std::string(id),
                           registry::PROBATIONARY));
  }
  ASSERT_EQ(Run({"member", "list", "--org", "104", "--subtree", "--status", "du-bi", "--name",
                 "nguyen van an", "--as-of", "30/06/2025", "--page-size", "2"}),
            0)
      << err_.str();
  ASSERT_EQ(fake_.member_lists().size(), 1u);
  const auto request = fake_.member_lists()[0];
  EXPECT_TRUE(request.include_subtree());
  EXPECT_EQ(request.status(), registry::PROBATIONARY);
  EXPECT_EQ(request.name_query(), "nguyen van an");
  EXPECT_EQ(FormatDate(request.as_of()), "2025-06-30");
  EXPECT_EQ(request.citizen_id(), "");
  EXPECT_EQ(err_.str(), "(more results: repeat with --page-token 2, or use --all)\n");
}

TEST_F(HaicapctlTest, MemberListByCitizenIdIsTheExactLookup) {
  fake_.AddMember(Member("7", "Nguyễn Văn An", "001098012345", registry::PROBATIONARY));
  ASSERT_EQ(Run({"member", "list", "--citizen-id", "001098012345"}), 0) << err_.str();
  ASSERT_EQ(fake_.member_lists().size(), 1u);
  EXPECT_EQ(fake_.member_lists()[0].citizen_id(), "001098012345");
  EXPECT_EQ(fake_.member_lists()[0].organization_id(), "");
  EXPECT_THAT(out_.str(), HasSubstr("  001098012345  "));
}

TEST_F(HaicapctlTest, MemberGetAsTableAndJson) {
  registry::Member member = Member("8", "Đặng Thị Bình", "001170004321", registry::OFFICIAL);
  member.set_etag("5");
  fake_.AddMember(member);
  ASSERT_EQ(Run({"member", "get", "8", "--as-of", "01/01/2016"}), 0) << err_.str();
  EXPECT_EQ(FormatDate(fake_.last<registry::GetMemberRequest>().as_of()), "2016-01-01");
  EXPECT_EQ(out_.str(),
            "ID:            8\n"
            "Name:          Đặng Thị Bình\n"
            "Born:          1990-05-02\n"
            "Sex:           female\n"
            "Citizen ID:    001170004321\n"
            "Organisation:  104\n"
            "Status:        official\n"
            "Admitted:      2015-03-01\n"
            "Official:      2016-03-01\n"
            "Etag:          5\n");
  ASSERT_EQ(Run({"-o", "json", "member", "get", "8"}), 0);
  EXPECT_EQ(FormatDate(fake_.last<registry::GetMemberRequest>().as_of()), "");
  EXPECT_THAT(out_.str(), HasSubstr("\"citizenId\": \"001170004321\""));
  EXPECT_THAT(out_.str(), HasSubstr("\"status\": \"OFFICIAL\""));
  EXPECT_THAT(out_.str(), HasSubstr("\"sex\": \"FEMALE\""));

  EXPECT_EQ(Run({"member", "get", "99"}), 1);
  EXPECT_EQ(err_.str(), "error: NOT_FOUND (MEMBER_NOT_FOUND): member 99 does not exist\n");
}

TEST_F(HaicapctlTest, MemberGetMarksADueDayCountedOnAProvisionalYear) {
  registry::Member member = Member("9", "Hoàng Thị Mai", "001300000008", registry::ADMISSION_PENDING);
  *member.mutable_ceremony_due_on() = Date(2027, 1, 19);
  member.set_ceremony_due_provisional(true);
  fake_.AddMember(member);
  ASSERT_EQ(Run({"member", "get", "9"}), 0) << err_.str();
  EXPECT_THAT(out_.str(), HasSubstr("Ceremony by:   2027-01-19 (provisional)\n"));

  out_.str("");
  registry::Member decided = Member("10", "Trần Văn Hải", "001300000009", registry::ADMISSION_PENDING);
  *decided.mutable_ceremony_due_on() = Date(2026, 12, 30);
  fake_.AddMember(decided);
  ASSERT_EQ(Run({"member", "get", "10"}), 0) << err_.str();
  EXPECT_THAT(out_.str(), HasSubstr("Ceremony by:   2026-12-30\n"));
}

TEST_F(HaicapctlTest, MemberHistoryPagesThroughEventsWithDetails) {
  registry::MemberEvent admitted;
  admitted.set_member_id("7");
  admitted.set_sequence(11);
  admitted.set_type(registry::ADMITTED);
  *admitted.mutable_effective_date() = Date(2025, 5, 19);
  admitted.mutable_decision()->set_number("215-QĐ/ĐU");
  *admitted.mutable_decision()->mutable_date() = Date(2025, 5, 5);
  *admitted.mutable_member() = Member("7", "Nguyễn Văn An", "********2345", registry::PROBATIONARY);
  admitted.set_actor("clerk.phucloi");
  admitted.mutable_recorded_at()->set_seconds(1747641600);  // 2025-05-19 08:00 UTC
  registry::MemberEvent corrected = admitted;
  corrected.set_sequence(12);
  corrected.set_type(registry::CORRECTED);
  corrected.clear_decision();
  corrected.mutable_changed_fields()->add_paths("full_name");
  corrected.mutable_changed_fields()->add_paths("citizen_id");
  registry::MemberEvent moved = corrected;
  moved.set_sequence(13);
  moved.set_type(registry::MEMBER_MOVED);
  moved.clear_changed_fields();
  moved.set_previous_organization_id("104");
  moved.set_organization_id("300");
  *moved.mutable_effective_date() = Date(2025, 8, 1);
  for (const auto* event : {&admitted, &corrected, &moved}) fake_.AddMemberEvent(*event);

  ASSERT_EQ(Run({"member", "history", "7", "--page-size", "2", "--all"}), 0) << err_.str();
  ASSERT_EQ(fake_.event_lists().size(), 2u);
  EXPECT_EQ(fake_.event_lists()[1].page_token(), "2");
  EXPECT_EQ(out_.str(),
            "EFFECTIVE   SEQ  EVENT      DETAILS                                      DECISION"
            "                 ACTOR          RECORDED\n"
            "2025-05-19  11   admitted   into 104, probationary                       215-QĐ/ĐU"
            " of 2025-05-05  clerk.phucloi  2025-05-19 15:00\n"
            "2025-05-19  12   corrected  name=Nguyễn Văn An, citizen-id=********2345         "
            "                  clerk.phucloi  2025-05-19 15:00\n"
            "2025-08-01  13   moved      from 104 to 300                                      "
            "                 clerk.phucloi  2025-05-19 15:00\n");
}

TEST_F(HaicapctlTest, SummaryPrintsMemberCountsAndOneLinePerFinding) {
  registry::SubtreeSummary summary;
  *summary.mutable_root() = Org("57", "Đảng bộ phường Phúc Lợi", registry::COMMUNE_COMMITTEE, "1");
  summary.set_total_organizations(1);
  summary.set_member_count(3);
  summary.set_official_member_count(2);
  summary.set_probationary_member_count(1);
  registry::KindCount* cells = summary.add_organizations_by_kind();
  cells->set_kind(registry::GRASSROOTS_CELL);
  cells->set_count(1);
  registry::Finding* few = summary.add_findings();
  few->set_kind(registry::TOO_FEW_OFFICIAL_MEMBERS);
  few->set_organization_id("104");
  few->set_organization_name("Chi bộ Tổ dân phố 5");
  few->set_count(2);
  few->set_message("2 official members; a cell needs at least 3");
  registry::Finding* overdue = summary.add_findings();
  overdue->set_kind(registry::RECOGNITION_OVERDUE);
  overdue->set_organization_id("104");
  overdue->set_organization_name("Chi bộ Tổ dân phố 5");
  overdue->set_member_id("7");
  overdue->set_member_name("Nguyễn Văn An");
  *overdue->mutable_due_on() = Date(2026, 5, 19);
  overdue->set_message("probation ended on 2026-05-19 without recognition");
  fake_.SetSummary(summary);

  ASSERT_EQ(Run({"org", "summary", "57", "--as-of", "31/10/2026"}), 0) << err_.str();
  EXPECT_EQ(FormatDate(fake_.last<registry::SummarizeSubtreeRequest>().as_of()), "2026-10-31");
  EXPECT_EQ(out_.str(),
            "Organisation:            Đảng bộ phường Phúc Lợi (57, commune-committee)\n"
            "Organisations under it:  1\n"
            "Party members:           3\n"
            "  official:              2\n"
            "  probationary:          1\n"
            "\n"
            "KIND             ACTIVE\n"
            "grassroots-cell  1\n"
            "\n"
            "Findings (2), to act on:\n"
            "FINDING                   ORGANISATION               MEMBER             DUE         "
            "MESSAGE\n"
            "too few official members  Chi bộ Tổ dân phố 5 (104)                                 "
            "2 official members; a cell needs at least 3\n"
            "recognition overdue       Chi bộ Tổ dân phố 5 (104)  Nguyễn Văn An (7)  2026-05-19  "
            "probation ended on 2026-05-19 without recognition\n");

  summary.clear_findings();
  fake_.SetSummary(summary);
  ASSERT_EQ(Run({"org", "summary", "57"}), 0);
  EXPECT_THAT(out_.str(), HasSubstr("\nNo findings.\n"));
  ASSERT_EQ(Run({"org", "summary", "57", "-o", "json"}), 0);
  EXPECT_THAT(out_.str(), HasSubstr("\"probationaryMemberCount\": \"1\""));
}

TEST(HaicapctlUnreachable, SaysWhereItLookedAndExitsOne) {
  int port = 0;
  FakeRegistry stopped;
  StartServer(&stopped, &port)->Shutdown();  // a port nothing listens on any more
  const std::string address = "127.0.0.1:" + std::to_string(port);
  const char* argv[] = {"haicapctl", "--registry", address.c_str(), "unit", "get", "00136"};
  std::ostringstream out, err;
  EXPECT_EQ(RunHaicapctl(6, argv, out, err), 1);
  EXPECT_THAT(err.str(), HasSubstr("error: cannot reach the registry at " + address +
                                   " (is it running? see deploy/run-local.sh)"));
}

}  // namespace
}  // namespace haicap::ctl
