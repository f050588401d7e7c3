// Runs the real haicapctl command line in process against the fake transfers service for the
// transfer commands: what reaches the service (member, kind, route, reason, decision, dates,
// letters, endorsing bodies, filters, etags, request ids) and what the user sees (id, state,
// chain, history, tables, JSON, the retry hint, exit codes).
#include <sstream>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/haicapctl/fake_transfers.h"
#include "tools/haicapctl/core/args.h"

namespace haicap::ctl {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::MatchesRegex;

// A date of the fixtures, e.g. Day("2026-02-10").
google::type::Date Day(const char* iso) { return ParseDate(iso).value(); }

// T-000000000007: an official transfer of M-42 from 57 to 104, introduced with letter 12/GGT,
// presented late, its sending organisation and issuing committee endorsed; revision 4.
transfers::Transfer Introduced() {
  transfers::Transfer transfer;
  transfer.set_id("T-000000000007");
  transfer.set_member_id("M-42");
  transfer.set_member_name("Nguyễn Văn An");
  transfer.set_kind(transfers::OFFICIAL);
  transfer.set_from_organization_id("57");
  transfer.set_to_organization_id("104");
  transfer.set_reason("chuyển công tác");
  transfer.mutable_decision()->set_number("45-QĐ/ĐU");
  *transfer.mutable_decision()->mutable_date() = Day("2026-02-10");
  transfer.set_state(transfers::INTRODUCED);
  transfers::ChainStep* sending = transfer.add_chain();
  sending->set_step(1);
  sending->set_role(transfers::SENDING_ORGANIZATION);
  sending->set_organization_id("57");
  sending->set_organization_name("Chi bộ Khu phố 3");
  sending->set_endorsed_by("bithu.kp3");
  sending->mutable_endorsed_at()->set_seconds(FakeTransfers::kNow);
  sending->set_note("đồng ý");
  transfers::ChainStep* receiving = transfer.add_chain();
  receiving->set_step(2);
  receiving->set_role(transfers::RECEIVING_ORGANIZATION);
  receiving->set_organization_id("104");
  receiving->set_province_code("79");
  transfer.mutable_letter()->set_number("12/GGT");
  *transfer.mutable_letter()->mutable_issued_on() = Day("2026-02-16");
  transfer.mutable_letter()->set_issued_by_organization_id("12");
  *transfer.mutable_present_by() = Day("2026-03-27");
  transfer.set_overdue(true);
  transfer.mutable_created_at()->set_seconds(FakeTransfers::kNow);
  transfers::TransferChange* created = transfer.add_history();
  created->set_sequence(1);
  created->set_to_state(transfers::REQUESTED);
  created->set_summary("requested");
  created->set_actor("clerk.phucloi");
  created->mutable_recorded_at()->set_seconds(FakeTransfers::kNow);
  transfers::TransferChange* letter = transfer.add_history();
  letter->set_sequence(2);
  letter->set_from_state(transfers::ENDORSING);
  letter->set_to_state(transfers::INTRODUCED);
  letter->set_summary("letter 12/GGT issued");
  letter->set_actor("vanphong.dangbo");
  letter->mutable_recorded_at()->set_seconds(FakeTransfers::kNow + 3600);
  transfer.set_revision(4);
  transfer.set_etag("r4");
  return transfer;
}

// The fields every change of T-000000000007 sends.
template <typename Request>
void ExpectChangeOf7(const Request& request, const std::string& etag) {
  EXPECT_EQ(request.id(), "T-000000000007");
  EXPECT_EQ(request.etag(), etag);
  EXPECT_THAT(request.request_id(), MatchesRegex("[0-9a-f-]{36}"));
}

TEST_F(TransfersCliTest, CreateSendsEveryFieldAndPrintsIdStateAndChain) {
  ASSERT_EQ(Run({"transfer", "create", "M-42", "--to", "104", "--to-province", "79", "--reason",
                 "chuyển công tác", "--decision-number", "45-QĐ/ĐU", "--decision-date",
                 "10/02/2026", "--request-id", "rq-1"}),
            0)
      << err_.str();
  const auto request = fake_.last<transfers::CreateTransferRequest>();
  const transfers::Transfer& sent = request.transfer();
  EXPECT_EQ(sent.member_id(), "M-42");
  EXPECT_EQ(sent.kind(), transfers::OFFICIAL);
  EXPECT_EQ(sent.to_organization_id(), "104");
  EXPECT_EQ(sent.to_province_code(), "79");
  EXPECT_TRUE(sent.from_organization_id().empty());
  EXPECT_EQ(sent.reason(), "chuyển công tác");
  EXPECT_EQ(sent.decision().number(), "45-QĐ/ĐU");
  EXPECT_EQ(sent.decision().date().day(), 10);
  EXPECT_FALSE(sent.has_expected_return_on());
  EXPECT_FALSE(sent.for_study());
  EXPECT_EQ(request.request_id(), "rq-1");
  EXPECT_EQ(fake_.seen().back().actor, "clerk.phucloi");
  EXPECT_EQ(out_.str(),
            "Transfer:  T-000000000001\n"
            "State:     requested\n"
            "Revision:  1 (etag r1)\n"
            "\n"
            "Chain:\n"
            "STEP  ROLE                    ORGANISATION                  ENDORSED BY  ENDORSED AT"
            "  NOTE\n"
            "1     sending-organization    Chi bộ Khu phố 3 (57)\n"
            "2     issuing-committee       Đảng ủy phường Phúc Lợi (12)\n"
            "3     receiving-organization  Chi bộ Tây Tựu 2 (104)\n");
}

TEST_F(TransfersCliTest, CreateTemporaryForStudySendsTheReturnDayWithoutADecision) {
  ASSERT_EQ(Run({"transfer", "create", "M-42", "--to", "215", "--kind", "tam-thoi", "--return-on",
                 "30/11/2027", "--study", "--reason", "đi học"}),
            0)
      << err_.str();
  const auto request = fake_.last<transfers::CreateTransferRequest>();
  EXPECT_EQ(request.transfer().kind(), transfers::TEMPORARY);
  EXPECT_EQ(request.transfer().expected_return_on().year(), 2027);
  EXPECT_EQ(request.transfer().expected_return_on().month(), 11);
  EXPECT_TRUE(request.transfer().for_study());
  EXPECT_FALSE(request.transfer().has_decision());
  EXPECT_THAT(request.request_id(), MatchesRegex("[0-9a-f-]{36}"));

  ASSERT_EQ(Run({"transfer", "create", "M-43", "--to", "58", "--kind", "internal", "--reason",
                 "chuyển chi bộ", "-o", "json"}),
            0)
      << err_.str();
  EXPECT_EQ(fake_.last<transfers::CreateTransferRequest>().transfer().kind(), transfers::INTERNAL);
  EXPECT_THAT(out_.str(), HasSubstr("\"id\": \"T-000000000002\""));
  EXPECT_THAT(out_.str(), HasSubstr("\"state\": \"REQUESTED\""));
  EXPECT_THAT(out_.str(), HasSubstr("\"role\": \"ISSUING_COMMITTEE\""));
}

TEST_F(TransfersCliTest, GetShowsTheFieldsChainAndHistory) {
  fake_.AddTransfer(Introduced());
  ASSERT_EQ(Run({"transfer", "get", "T-000000000007"}), 0) << err_.str();
  EXPECT_EQ(fake_.last<transfers::GetTransferRequest>().id(), "T-000000000007");
  EXPECT_EQ(
      out_.str(),
      "ID:          T-000000000007\n"
      "Member:      M-42 Nguyễn Văn An\n"
      "Kind:        official\n"
      "From → to:   57 → 104\n"
      "Reason:      chuyển công tác\n"
      "Decision:    45-QĐ/ĐU of 2026-02-10\n"
      "State:       introduced\n"
      "Letter:      12/GGT of 2026-02-16 by 12\n"
      "Present by:  2026-03-27\n"
      "Overdue:     yes (no reason reported yet)\n"
      "Created:     2026-02-13 10:00\n"
      "Revision:    4 (etag r4)\n"
      "\n"
      "Chain:\n"
      "STEP  ROLE                    ORGANISATION           ENDORSED BY  ENDORSED AT       "
      "NOTE\n"
      "1     sending-organization    Chi bộ Khu phố 3 (57)  bithu.kp3    2026-02-13 10:00  "
      "đồng ý\n"
      "2     receiving-organization  104, province 79\n"
      "\n"
      "History:\n"
      "SEQ  RECORDED          STATE                   ACTOR            SUMMARY\n"
      "1    2026-02-13 10:00  requested               clerk.phucloi    requested\n"
      "2    2026-02-13 11:00  endorsing → introduced  vanphong.dangbo  letter 12/GGT issued\n");
}

TEST_F(TransfersCliTest, GetAsJsonAndAnUnknownTransfer) {
  fake_.AddTransfer(Introduced());
  ASSERT_EQ(Run({"transfer", "get", "T-000000000007", "-o", "json"}), 0) << err_.str();
  EXPECT_THAT(out_.str(), HasSubstr("\"state\": \"INTRODUCED\""));
  EXPECT_THAT(out_.str(), HasSubstr("\"etag\": \"r4\""));

  EXPECT_EQ(Run({"transfer", "get", "T-000000000099"}), 1);
  EXPECT_EQ(err_.str(),
            "error: NOT_FOUND (TRANSFER_NOT_FOUND): transfer T-000000000099 does not exist\n");
}

TEST_F(TransfersCliTest, ListSendsTheFiltersAndFollowsEveryPage) {
  for (const char* id : {"T-000000000007", "T-000000000008", "T-000000000009"}) {
    transfers::Transfer transfer = Introduced();
    transfer.set_id(id);
    fake_.AddTransfer(transfer);
  }
  ASSERT_EQ(Run({"transfer", "list", "--member", "M-42", "--state", "requested,introduced",
                 "--state", "canceled", "--overdue", "--page-size", "2", "--all"}),
            0)
      << err_.str();
  const auto request = fake_.last<transfers::ListTransfersRequest>();
  EXPECT_EQ(request.member_id(), "M-42");
  EXPECT_THAT(request.states(),
              ElementsAre(transfers::REQUESTED, transfers::INTRODUCED, transfers::CANCELLED));
  EXPECT_TRUE(request.overdue());
  EXPECT_EQ(request.page_size(), 2);
  EXPECT_EQ(request.page_token(), "2");  // the second page was fetched too
  EXPECT_EQ(
      out_.str(),
      "ID              MEMBER              KIND      FROM  TO   STATE       PRESENT BY  "
      "OVERDUE\n"
      "T-000000000007  M-42 Nguyễn Văn An  official  57    104  introduced  2026-03-27  yes\n"
      "T-000000000008  M-42 Nguyễn Văn An  official  57    104  introduced  2026-03-27  yes\n"
      "T-000000000009  M-42 Nguyễn Văn An  official  57    104  introduced  2026-03-27  yes\n");
  EXPECT_EQ(err_.str(), "");

  ASSERT_EQ(Run({"transfer", "list", "--org", "57", "--incoming", "--page-size", "1"}), 0);
  const auto by_org = fake_.last<transfers::ListTransfersRequest>();
  EXPECT_EQ(by_org.organization_id(), "57");
  EXPECT_EQ(by_org.direction(), transfers::ListTransfersRequest::INCOMING);
  EXPECT_EQ(err_.str(), "(more results: repeat with --page-token 1, or use --all)\n");
  ASSERT_EQ(Run({"transfer", "list", "--org", "57", "--outgoing", "-o", "json"}), 0);
  EXPECT_EQ(fake_.last<transfers::ListTransfersRequest>().direction(),
            transfers::ListTransfersRequest::OUTGOING);
  EXPECT_THAT(out_.str(), HasSubstr("\"transfers\": ["));
}

TEST_F(TransfersCliTest, EndorseSendsTheBodyAndNoteAndPrintsTheChain) {
  ASSERT_EQ(Run({"transfer", "create", "M-42", "--to", "104", "--reason", "x"}), 0);
  ASSERT_EQ(Run({"transfer", "endorse", "T-000000000001", "--by", "57", "--note", "đồng ý",
                 "--etag", "r1", "--request-id", "rq-e"}),
            0)
      << err_.str();
  const auto request = fake_.last<transfers::EndorseTransferRequest>();
  EXPECT_EQ(request.id(), "T-000000000001");
  EXPECT_EQ(request.organization_id(), "57");
  EXPECT_EQ(request.note(), "đồng ý");
  EXPECT_EQ(request.etag(), "r1");
  EXPECT_EQ(request.request_id(), "rq-e");
  EXPECT_THAT(out_.str(), HasSubstr("State:     endorsing\n"));
  EXPECT_THAT(out_.str(), HasSubstr("1     sending-organization    Chi bộ Khu phố 3 (57)         "
                                    "clerk.phucloi  2026-02-13 10:00  đồng ý\n"));

  EXPECT_EQ(Run({"transfer", "endorse", "T-000000000001", "--by", "104"}), 1);
  EXPECT_THAT(err_.str(), HasSubstr("FAILED_PRECONDITION (NOT_NEXT_IN_CHAIN)"));
}

TEST_F(TransfersCliTest, IntroduceSendsTheLetterAndPrintsWhenItMustBePresented) {
  fake_.AddTransfer(Introduced());
  ASSERT_EQ(Run({"transfer", "introduce", "T-000000000007", "--letter", "12/GGT", "--issued-on",
                 "16/02/2026", "--etag", "r4"}),
            0)
      << err_.str();
  const auto request = fake_.last<transfers::IssueIntroductionRequest>();
  ExpectChangeOf7(request, "r4");
  EXPECT_EQ(request.letter().number(), "12/GGT");
  EXPECT_EQ(request.letter().issued_on().day(), 16);
  EXPECT_THAT(out_.str(), HasSubstr("State:       introduced\nPresent by:  2026-03-27\n"));

  ASSERT_EQ(Run({"transfer", "introduce", "T-000000000007", "--letter", "13/GGT"}), 0);
  EXPECT_FALSE(fake_.last<transfers::IssueIntroductionRequest>().letter().has_issued_on());
}

TEST_F(TransfersCliTest, ReceiveSendsThePresentedAndEffectiveDays) {
  fake_.AddTransfer(Introduced());
  ASSERT_EQ(Run({"transfer", "receive", "T-000000000007", "--presented-on", "02/03/2026",
                 "--effective", "2026-03-01"}),
            0)
      << err_.str();
  const auto request = fake_.last<transfers::ConfirmReceiptRequest>();
  ExpectChangeOf7(request, "");
  EXPECT_EQ(request.presented_on().day(), 2);
  EXPECT_EQ(request.effective_date().day(), 1);
  EXPECT_THAT(out_.str(), HasSubstr("State:       received\n"));

  ASSERT_EQ(Run({"transfer", "receive", "T-000000000007"}), 0);
  EXPECT_FALSE(fake_.last<transfers::ConfirmReceiptRequest>().has_presented_on());
  EXPECT_FALSE(fake_.last<transfers::ConfirmReceiptRequest>().has_effective_date());
}

TEST_F(TransfersCliTest, CancelRejectReturnAndOverdueReasonSendTheirFields) {
  fake_.AddTransfer(Introduced());
  ASSERT_EQ(Run({"transfer", "overdue-reason", "T-000000000007", "--reason", "ốm", "--etag", "r4"}),
            0)
      << err_.str();
  ExpectChangeOf7(fake_.last<transfers::ReportOverdueReasonRequest>(), "r4");
  EXPECT_EQ(fake_.last<transfers::ReportOverdueReasonRequest>().reason(), "ốm");
  EXPECT_THAT(out_.str(), HasSubstr("Overdue:     yes: ốm\n"));

  ASSERT_EQ(Run({"transfer", "reject", "T-000000000007", "--by", "104", "--reason", "sai"}), 0)
      << err_.str();
  const auto rejected = fake_.last<transfers::RejectTransferRequest>();
  ExpectChangeOf7(rejected, "");
  EXPECT_EQ(rejected.organization_id(), "104");
  EXPECT_EQ(rejected.reason(), "sai");
  EXPECT_THAT(out_.str(), HasSubstr("State:       rejected\n"));

  ASSERT_EQ(
      Run({"transfer", "cancel", "T-000000000007", "--reason", "thôi", "--request-id", "rq-c"}), 0)
      << err_.str();
  EXPECT_EQ(fake_.last<transfers::CancelTransferRequest>().reason(), "thôi");
  EXPECT_EQ(fake_.last<transfers::CancelTransferRequest>().request_id(), "rq-c");
  EXPECT_THAT(out_.str(), HasSubstr("State:       cancelled\n"));

  ASSERT_EQ(Run({"transfer", "return", "T-000000000007", "--on", "30/11/2026", "-o", "json"}), 0)
      << err_.str();
  const auto returned = fake_.last<transfers::EndTemporaryTransferRequest>();
  ExpectChangeOf7(returned, "");
  EXPECT_EQ(returned.returned_on().month(), 11);
  EXPECT_THAT(out_.str(), HasSubstr("\"state\": \"RETURNED\""));
  ASSERT_EQ(Run({"transfer", "return", "T-000000000007"}), 0);
  EXPECT_FALSE(fake_.last<transfers::EndTemporaryTransferRequest>().has_returned_on());
}

TEST_F(TransfersCliTest, AStaleEtagIsRefused) {
  fake_.AddTransfer(Introduced());
  EXPECT_EQ(Run({"transfer", "cancel", "T-000000000007", "--reason", "x", "--etag", "r3"}), 1);
  EXPECT_EQ(err_.str(),
            "error: ABORTED (ETAG_MISMATCH): transfer T-000000000007 changed since it was read\n");
}

TEST_F(TransfersCliTest, AChangeWithoutAnAnswerTellsHowToRetrySafely) {
  fake_.AddTransfer(Introduced());
  fake_.SetDelay(std::chrono::milliseconds(1500));
  EXPECT_EQ(
      Run({"--timeout", "0.2", "transfer", "receive", "T-000000000007", "--request-id", "rz-7"}),
      1);
  EXPECT_THAT(err_.str(), HasSubstr("the transfers service"));
  EXPECT_THAT(err_.str(), HasSubstr("repeat the same command with --request-id rz-7\n"));
}

TEST_F(TransfersCliTest, UsageErrorsExitTwoBeforeAnyCall) {
  EXPECT_EQ(Run({"transfer", "create", "M-42", "--reason", "x"}), 2);  // no --to
  EXPECT_EQ(Run({"transfer", "create", "M-42", "--to", "104"}), 2);    // no --reason
  EXPECT_EQ(Run({"transfer", "create", "M-42", "--to", "104", "--reason", "x", "--kind", "loan"}),
            2);
  EXPECT_THAT(err_.str(), HasSubstr("unknown transfer kind \"loan\"; use one of official, "
                                    "temporary, internal"));
  EXPECT_EQ(
      Run({"transfer", "create", "M-42", "--to", "104", "--reason", "x", "--kind", "temporary"}),
      2);
  EXPECT_THAT(err_.str(), HasSubstr("a temporary transfer needs the day it ends"));
  EXPECT_EQ(Run({"transfer", "create", "M-42", "--to", "104", "--reason", "x", "--study"}), 2);
  EXPECT_THAT(err_.str(), HasSubstr("only for --kind temporary"));
  EXPECT_THAT(err_.str(), HasSubstr("Run 'haicapctl transfer create --help'"));
  EXPECT_EQ(Run({"transfer", "create", "M-42", "--to", "104", "--reason", "x", "--kind",
                 "temporary", "--return-on", "31/02/2027"}),
            2);
  EXPECT_EQ(Run({"transfer", "endorse", "T-1"}), 2);    // no --by
  EXPECT_EQ(Run({"transfer", "introduce", "T-1"}), 2);  // no --letter
  EXPECT_EQ(Run({"transfer", "receive", "T-1", "--presented-on", "x"}), 2);
  EXPECT_EQ(Run({"transfer", "cancel", "T-1"}), 2);                   // no --reason
  EXPECT_EQ(Run({"transfer", "reject", "T-1", "--reason", "x"}), 2);  // no --by
  EXPECT_EQ(Run({"transfer", "return", "T-1", "--on", "2026-13-01"}), 2);
  EXPECT_EQ(Run({"transfer", "overdue-reason", "T-1"}), 2);  // no --reason
  EXPECT_EQ(Run({"transfer", "get"}), 2);
  EXPECT_EQ(Run({"transfer", "list", "--member", "M-42", "--org", "57"}), 2);
  EXPECT_EQ(Run({"transfer", "list", "--incoming"}), 2);
  EXPECT_EQ(Run({"transfer", "list", "--org", "57", "--incoming", "--outgoing"}), 2);
  EXPECT_EQ(Run({"transfer", "list", "--state", "requested,lost"}), 2);
  EXPECT_THAT(err_.str(), HasSubstr("unknown transfer state \"lost\""));
  EXPECT_EQ(Run({"transfer", "list", "-o", "csv"}), 2);
  EXPECT_EQ(Run({"transfer"}), 2);
  EXPECT_TRUE(fake_.seen().empty());
}

TEST_F(TransfersCliTest, TheAddressComesFromTheFlagOrTheEnvironment) {
  std::ostringstream out, err;
  setenv("HAICAP_TRANSFERS", address_.c_str(), 1);
  fake_.AddTransfer(Introduced());
  EXPECT_EQ(RunCli({"transfer", "get", "T-000000000007"}, out, err), 0) << err.str();
  unsetenv("HAICAP_TRANSFERS");
  EXPECT_EQ(RunCli({"--help"}, out, err), 0);
  EXPECT_THAT(out.str(), HasSubstr("--transfers"));
  EXPECT_THAT(out.str(), HasSubstr("127.0.0.1:50052"));
}

TEST_F(TransfersCliTest, HelpExplainsTheChainAndEachCommand) {
  ASSERT_EQ(Run({"transfer", "--help"}), 0);
  EXPECT_THAT(out_.str(), HasSubstr("requested → endorsing → introduced → received → completed"));
  EXPECT_THAT(out_.str(), HasSubstr("overdue-reason"));
  ASSERT_EQ(Run({"transfer", "create", "--help"}), 0);
  EXPECT_THAT(out_.str(), HasSubstr("official = chính thức"));
  EXPECT_THAT(out_.str(), HasSubstr("--return-on"));
  EXPECT_THAT(out_.str(), HasSubstr("--decision-number"));
  ASSERT_EQ(Run({"transfer", "list", "--help"}), 0);
  EXPECT_THAT(out_.str(), HasSubstr("--incoming"));
  ASSERT_EQ(Run({"transfer", "receive", "--help"}), 0);
  EXPECT_THAT(out_.str(), HasSubstr("--etag"));
  EXPECT_THAT(out_.str(), HasSubstr("'transfer get -o json'"));
  EXPECT_THAT(out_.str(), HasSubstr("--request-id"));
}

}  // namespace
}  // namespace haicap::ctl
