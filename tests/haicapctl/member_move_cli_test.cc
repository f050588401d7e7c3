// `haicapctl member move` against the fake registry: what each form sends (for good,
// temporarily, the return), what the clerk sees, usage errors before any call, the registry's
// refusals, and the moves in a member's history.
#include "common/errors.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/haicapctl/fake_registry.h"
#include "tools/haicapctl/core/args.h"

namespace haicap::ctl {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::MatchesRegex;
using Move = registry::MoveMemberRequest;

TEST_F(HaicapctlTest, MemberMoveForGoodSendsTheReceivingOrganisationReferenceAndDecision) {
  ASSERT_EQ(Run({"member", "move", "1024", "--to", "211", "--effective", "02/03/2026", "--reference",
                 "transfers/T-000000000042", "--decision-number", "12/GGT", "--decision-date",
                 "20/02/2026", "--etag", "4"}),
            0)
      << err_.str();
  const auto request = fake_.last<Move>();
  EXPECT_EQ(request.member_id(), "1024");
  EXPECT_EQ(request.kind(), Move::PERMANENT);
  EXPECT_EQ(request.organization_id(), "211");
  EXPECT_EQ(FormatDate(request.effective_date()), "2026-03-02");
  EXPECT_EQ(FormatDate(request.temporary_until()), "");
  EXPECT_EQ(request.reference(), "transfers/T-000000000042");
  EXPECT_EQ(request.decision().number(), "12/GGT");
  EXPECT_EQ(FormatDate(request.decision().date()), "2026-02-20");
  EXPECT_EQ(request.etag(), "4");
  EXPECT_THAT(request.request_id(), MatchesRegex("[0-9a-f-]{36}"));
  EXPECT_EQ(fake_.seen()[0].actor, "clerk.phucloi");
  EXPECT_EQ(out_.str(),
            "ID:            1024\n"
            "Organisation:  211\n");
}

TEST_F(HaicapctlTest, MemberMoveTemporarilyAndBack) {
  ASSERT_EQ(Run({"member", "move", "1024", "--to", "305", "--temporary", "--until", "31/08/2026",
                 "--effective", "02/03/2026", "--request-id", "receipt-T-7"}),
            0)
      << err_.str();
  auto request = fake_.last<Move>();
  EXPECT_EQ(request.kind(), Move::TEMPORARY);
  EXPECT_EQ(request.organization_id(), "305");
  EXPECT_EQ(FormatDate(request.temporary_until()), "2026-08-31");
  EXPECT_EQ(request.request_id(), "receipt-T-7");
  EXPECT_FALSE(request.has_decision());
  EXPECT_EQ(out_.str(),
            "ID:              1024\n"
            "Organisation:    104\n"
            "Temporarily in:  305\n"
            "Until:           2026-08-31\n");

  ASSERT_EQ(Run({"member", "move", "1024", "--return", "--effective", "15/08/2026"}), 0) << err_.str();
  request = fake_.last<Move>();
  EXPECT_EQ(request.kind(), Move::RETURN);
  EXPECT_THAT(request.organization_id(), IsEmpty());
  EXPECT_EQ(FormatDate(request.temporary_until()), "");
  EXPECT_EQ(FormatDate(request.effective_date()), "2026-08-15");
}

TEST_F(HaicapctlTest, MemberMoveUsageErrorsExitTwoBeforeAnyCall) {
  // Neither --to nor --return, or both.
  EXPECT_EQ(Run({"member", "move", "1024", "--effective", "02/03/2026"}), 2);
  EXPECT_EQ(Run({"member", "move", "1024", "--to", "211", "--return", "--effective", "02/03/2026"}), 2);
  // --temporary needs --to and --until; --until only with --temporary.
  EXPECT_EQ(Run({"member", "move", "1024", "--to", "305", "--temporary", "--effective", "02/03/2026"}), 2);
  EXPECT_THAT(err_.str(), HasSubstr("--until"));
  EXPECT_EQ(Run({"member", "move", "1024", "--return", "--temporary", "--until", "31/08/2026",
                 "--effective", "02/03/2026"}),
            2);
  EXPECT_EQ(Run({"member", "move", "1024", "--to", "305", "--until", "31/08/2026", "--effective",
                 "02/03/2026"}),
            2);
  EXPECT_THAT(err_.str(), HasSubstr("--temporary"));
  EXPECT_EQ(Run({"member", "move", "1024", "--to", "211"}), 2);  // no --effective
  EXPECT_EQ(Run({"member", "move", "1024", "--to", "211", "--effective", "30/02/2026"}), 2);
  EXPECT_EQ(Run({"member", "move", "--to", "211", "--effective", "02/03/2026"}), 2);  // no member
  EXPECT_THAT(fake_.seen(), IsEmpty());
}

TEST_F(HaicapctlTest, MemberMoveShowsTheRegistrysRefusal) {
  fake_.FailWith(ToGrpcStatus(
      FailedPrecondition("TEMPORARY_ACTIVITY_ONGOING",
                         "member 1024 is temporarily active in organization 305 on 2026-04-01; "
                         "record the return first"),
      "registry.haicap"));
  EXPECT_EQ(Run({"member", "move", "1024", "--to", "211", "--effective", "01/04/2026"}), 1);
  EXPECT_EQ(err_.str(),
            "error: FAILED_PRECONDITION (TEMPORARY_ACTIVITY_ONGOING): member 1024 is temporarily "
            "active in organization 305 on 2026-04-01; record the return first\n");
  EXPECT_THAT(out_.str(), IsEmpty());
}

TEST_F(HaicapctlTest, MemberMoveHelpExplainsEachKindOfTransfer) {
  EXPECT_EQ(Run({"member", "move", "--help"}), 0);
  EXPECT_THAT(out_.str(), HasSubstr("chuyển sinh hoạt đảng"));
  EXPECT_THAT(out_.str(), HasSubstr("--effective DATE REQUIRED"));
  EXPECT_THAT(out_.str(), HasSubstr("not counted by the receiving organisation"));
  EXPECT_THAT(out_.str(), HasSubstr("Examples:\n  haicapctl member move 1024 --to 211"));
  EXPECT_THAT(out_.str(), HasSubstr("--return"));
  EXPECT_EQ(Run({"member", "--help"}), 0);
  EXPECT_THAT(out_.str(), HasSubstr("move"));
}

TEST_F(HaicapctlTest, MemberHistoryShowsTransfersWithTheirReference) {
  registry::MemberEvent transferred;
  transferred.set_member_id("7");
  transferred.set_sequence(21);
  transferred.set_type(registry::MEMBER_TRANSFERRED);
  *transferred.mutable_effective_date() = ParseDate("2026-03-02").value();
  transferred.set_previous_organization_id("104");
  transferred.set_organization_id("211");
  transferred.set_reference("transfers/T-42");
  registry::MemberEvent away = transferred;
  away.set_sequence(22);
  away.set_type(registry::TEMPORARY_ACTIVITY_STARTED);
  away.set_previous_organization_id("211");
  away.set_organization_id("305");
  *away.mutable_member()->mutable_temporary_until() = ParseDate("2026-08-31").value();
  away.clear_reference();
  registry::MemberEvent back = away;
  back.set_sequence(23);
  back.set_type(registry::TEMPORARY_ACTIVITY_ENDED);
  back.set_previous_organization_id("305");
  back.set_organization_id("211");
  for (const auto* event : {&transferred, &away, &back}) fake_.AddMemberEvent(*event);

  ASSERT_EQ(Run({"member", "history", "7"}), 0) << err_.str();
  EXPECT_THAT(out_.str(), HasSubstr("transferred       from 104 to 211 (transfers/T-42)"));
  EXPECT_THAT(out_.str(), HasSubstr("temporarily-away  active in 305 until 2026-08-31"));
  EXPECT_THAT(out_.str(), HasSubstr("returned          back from 305"));
}

}  // namespace
}  // namespace haicap::ctl
