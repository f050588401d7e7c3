// The seed case of docs/domain.md §3 across the three real services: a specialist of Tây Tựu ward's
// People's Committee becomes deputy office chief of Đống Đa ward's party committee, an official
// transfer between two ward committees of Hà Nội, from request to receipt, in February 2026.
#include "gmock/gmock.h"
#include "tests/transfers/suite_fixture.h"

namespace haicap::transfers::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

TEST_F(SuiteTest, AnOfficialTransferBetweenTwoHanoiWardsFromRequestToReceipt) {
  const Wards w = MustCreateWards();
  const std::string &tay_tuu = w.tay_tuu, &dong_da = w.dong_da, &ubnd_cell = w.ubnd_cell, &office_cell = w.office_cell;
  const std::string specialist = MustRegisterMember("Nguyễn Văn Minh", "001088004321", ubnd_cell);
  MustRegisterMember("Trần Thị Lan", "001090001111", ubnd_cell);
  MustRegisterMember("Lê Văn Hùng", "001091002222", office_cell);
  EXPECT_EQ(MembersUnder(tay_tuu, Day(2026, 2, 10)), 2);
  EXPECT_EQ(MembersUnder(dong_da, Day(2026, 2, 10)), 1);

  // Requested on Tue 10/2/2026.
  CreateTransferRequest create;
  create.mutable_transfer()->set_member_id(specialist);
  create.mutable_transfer()->set_kind(OFFICIAL);
  create.mutable_transfer()->set_to_organization_id(office_cell);
  create.mutable_transfer()->set_reason("Bổ nhiệm Phó Chánh Văn phòng Đảng ủy phường Đống Đa");
  create.mutable_transfer()->mutable_decision()->set_number("215-QĐ/TU");
  *create.mutable_transfer()->mutable_decision()->mutable_date() = Day(2026, 2, 6);
  create.set_request_id("seed-create");
  Transfer t;
  ASSERT_TRUE(Call(&Transfers::Stub::CreateTransfer, create, &t).ok());
  EXPECT_EQ(t.state(), REQUESTED);
  EXPECT_EQ(t.from_organization_id(), ubnd_cell);
  EXPECT_EQ(t.member_name(), "Nguyễn Văn Minh");
  std::vector<std::pair<ChainRole, std::string>> chain;
  for (const ChainStep& step : t.chain()) chain.emplace_back(step.role(), step.organization_id());
  EXPECT_THAT(chain, ElementsAre(std::pair(SENDING_ORGANIZATION, ubnd_cell), std::pair(ISSUING_COMMITTEE, tay_tuu),
                                 std::pair(RECEIVING_SUPERIOR, dong_da),
                                 std::pair(RECEIVING_ORGANIZATION, office_cell)));

  EndorseTransferRequest endorse;
  endorse.set_id(t.id());
  endorse.set_organization_id(ubnd_cell);
  endorse.set_note("Chi bộ nhất trí");
  ASSERT_TRUE(Call(&Transfers::Stub::EndorseTransfer, endorse, &t, "bithu@chibo-ubnd").ok());
  EXPECT_EQ(t.state(), ENDORSING);
  EXPECT_EQ(t.chain(0).endorsed_by(), "bithu@chibo-ubnd");

  IssueIntroductionRequest issue;
  issue.set_id(t.id());
  issue.mutable_letter()->set_number("37-GGT/ĐU");
  ASSERT_TRUE(Call(&Transfers::Stub::IssueIntroduction, issue, &t, "vanphong@dangu-taytuu").ok());
  EXPECT_EQ(t.state(), INTRODUCED);
  EXPECT_EQ(t.letter().issued_by_organization_id(), tay_tuu);
  // 30 working days from Tue 10/2 skip Tết Bính Ngọ (14/2–22/2): 11–13/2 (3), 23/2–27/2 (8),
  // March 2–6 (13), 9–13 (18), 16–20 (23), 23–27 (28), Mon 30/3 (29), Tue 31/3 (30).
  t = Eventually(t.id(), [](const Transfer& x) { return x.has_present_by(); });
  EXPECT_EQ(t.present_by().year(), 2026);
  EXPECT_EQ(t.present_by().month(), 3);
  EXPECT_EQ(t.present_by().day(), 31);

  // The member presents the letter on Wed 25/2, after Tết.
  clock_.Set(absl::FromCivil(absl::CivilMinute(2026, 2, 25, 8, 30), VietnamTimeZone()));
  endorse.set_organization_id(dong_da);
  endorse.set_note("Đồng ý tiếp nhận, giới thiệu về Chi bộ Cơ quan");
  ASSERT_TRUE(Call(&Transfers::Stub::EndorseTransfer, endorse, &t, "vanphong@dangu-dongda").ok());
  ConfirmReceiptRequest receive;
  receive.set_id(t.id());
  ASSERT_TRUE(Call(&Transfers::Stub::ConfirmReceipt, receive, &t, "bithu@chibo-coquan").ok());
  EXPECT_EQ(t.state(), RECEIVED);
  t = Eventually(t.id(), [](const Transfer& x) { return x.state() == COMPLETED; });
  EXPECT_FALSE(t.overdue());

  // The registry: the member in Đống Đa from 25/2, in Tây Tựu before.
  EXPECT_EQ(GetMember(specialist).organization_id(), office_cell);
  EXPECT_EQ(GetMember(specialist, Day(2026, 2, 24)).organization_id(), ubnd_cell);
  EXPECT_EQ(MembersUnder(tay_tuu, Day(2026, 2, 24)), 2);
  EXPECT_EQ(MembersUnder(dong_da, Day(2026, 2, 24)), 1);
  EXPECT_EQ(MembersUnder(tay_tuu, Day(2026, 2, 25)), 1);
  EXPECT_EQ(MembersUnder(dong_da, Day(2026, 2, 25)), 2);

  // The deadlines service: the letter's clock finished early.
  const dl::Dossier clock = EventuallyClock(t.id(), dl::PROCESSED);
  EXPECT_EQ(clock.outcome(), dl::EARLY);
  EXPECT_EQ(clock.kind(), dl::PARTY_OBLIGATION);
  EXPECT_EQ(clock.subject(), "transfers/" + t.id());

  // The history tells the story.
  std::vector<std::string> summaries;
  for (const TransferChange& change : t.history()) summaries.push_back(change.summary());
  EXPECT_THAT(summaries, ElementsAre(HasSubstr("requested"), HasSubstr("endorsed by Chi bộ Ủy ban"),
                                     HasSubstr("letter 37-GGT/ĐU"), HasSubstr("presented by 2026-03-31"),
                                     HasSubstr("endorsed by Đảng bộ phường Đống Đa"), HasSubstr("received by"),
                                     HasSubstr("moved the member")));
  // The member may transfer again.
  create.set_request_id("seed-create-again");
  create.mutable_transfer()->set_to_organization_id(ubnd_cell);
  Transfer again;
  EXPECT_TRUE(Call(&Transfers::Stub::CreateTransfer, create, &again).ok());
}

}  // namespace
}  // namespace haicap::transfers::testing
