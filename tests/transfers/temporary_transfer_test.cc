// Temporary transfers (docs/domain.md §3): the member is active elsewhere for 3 to < 12 months (study:
// up to 24), still counted at home, and cannot transfer again until the return.
#include "gmock/gmock.h"
#include "tests/transfers/suite_fixture.h"

namespace haicap::transfers::testing {
namespace {

using ::testing::ElementsAre;

TEST_F(SuiteTest, ATemporaryTransferKeepsTheCountsAndEndsWithTheReturn) {
  const Wards w = MustCreateWards();
  const std::string member = MustRegisterMember("Phạm Văn Đức", "001089005555", w.ubnd_cell);
  MustRegisterMember("Lê Văn Hùng", "001091002222", w.office_cell);
  const google::type::Date today = Day(2026, 2, 10);

  CreateTransferRequest create = NewTransfer(member, w.office_cell, TEMPORARY);
  *create.mutable_transfer()->mutable_expected_return_on() = Day(2026, 8, 10);
  Transfer t = Must(&Transfers::Stub::CreateTransfer, create);
  EXPECT_EQ(Ymd(t.expected_return_on()), "2026-08-10");
  t = MustIntroduce(t);

  // Not back before it even started.
  EndTemporaryTransferRequest end;
  end.set_id(t.id());
  const std::string introduced = Snapshot(t.id());
  Transfer refused;
  EXPECT_EQ(Refusal(Call(&Transfers::Stub::EndTemporaryTransfer, end, &refused)),
            "FAILED_PRECONDITION NOT_TEMPORARY_ABROAD");
  EXPECT_EQ(Snapshot(t.id()), introduced);

  t = MustComplete(t);
  EXPECT_EQ(t.state(), COMPLETED);
  EXPECT_EQ(Ymd(t.effective_date()), "2026-02-10");
  const reg::Member away = GetMember(member);
  EXPECT_EQ(away.organization_id(), w.ubnd_cell);
  EXPECT_EQ(away.temporary_organization_id(), w.office_cell);
  EXPECT_EQ(Ymd(away.temporary_until()), "2026-08-10");
  EXPECT_EQ(MembersUnder(w.tay_tuu, today), 1);
  EXPECT_EQ(MembersUnder(w.dong_da, today), 1);
  EXPECT_THAT(MemberEvents(member), ElementsAre(reg::REGISTERED, reg::TEMPORARY_ACTIVITY_STARTED));

  // Away, the member may not start another transfer.
  EXPECT_EQ(Refusal(Call(&Transfers::Stub::CreateTransfer, NewTransfer(member, w.office_cell), &refused)),
            "FAILED_PRECONDITION MEMBER_IN_TRANSFER");

  // Back on Tue 2/6/2026; not before the transfer took effect, not in the future.
  clock_.Set(absl::FromCivil(absl::CivilMinute(2026, 6, 2, 9, 0), VietnamTimeZone()));
  const std::string completed = Snapshot(t.id());
  for (const google::type::Date& wrong : {Day(2026, 2, 9), Day(2026, 6, 3)}) {
    *end.mutable_returned_on() = wrong;
    const grpc::Status status = Call(&Transfers::Stub::EndTemporaryTransfer, end, &refused);
    EXPECT_EQ(Refusal(status), "INVALID_ARGUMENT INVALID_FIELD") << Ymd(wrong);
    EXPECT_THAT(BadFields(status), ElementsAre("returned_on")) << Ymd(wrong);
  }
  EXPECT_EQ(Snapshot(t.id()), completed);
  end.clear_returned_on();
  t = Must(&Transfers::Stub::EndTemporaryTransfer, end);
  EXPECT_EQ(t.state(), RETURNED);
  EXPECT_EQ(Ymd(t.returned_on()), "2026-06-02");

  // The registry: home again from 2/6, away before.
  EXPECT_TRUE(Await([&] { return GetMember(member).temporary_organization_id().empty(); }));
  const reg::Member home = GetMember(member);
  EXPECT_EQ(home.organization_id(), w.ubnd_cell);
  EXPECT_FALSE(home.has_temporary_until());
  EXPECT_EQ(GetMember(member, Day(2026, 6, 1)).temporary_organization_id(), w.office_cell);
  EXPECT_THAT(MemberEvents(member), ElementsAre(reg::REGISTERED, reg::TEMPORARY_ACTIVITY_STARTED,
                                                reg::TEMPORARY_ACTIVITY_ENDED));
  EXPECT_EQ(MembersUnder(w.tay_tuu, Day(2026, 6, 2)), 1);
  EXPECT_EQ(MembersUnder(w.dong_da, Day(2026, 6, 2)), 1);

  // Returned, the member may transfer again.
  EXPECT_EQ(Refusal(Call(&Transfers::Stub::CreateTransfer, NewTransfer(member, w.office_cell), &refused)), "OK");
}

TEST_F(SuiteTest, ATemporaryTransferLastsThreeToTwelveMonthsAndUpToTwentyFourForStudy) {
  const Wards w = MustCreateWards();
  const std::string member = MustRegisterMember("Phạm Văn Đức", "001089005555", w.ubnd_cell);
  struct Case {
    google::type::Date back;
    bool for_study;
    bool accepted;
  };
  // Today is 10/2/2026: three months on is 10/5/2026, twelve 10/2/2027, twenty-four 10/2/2028.
  const Case cases[] = {
      {Day(2026, 5, 9), false, false},  {Day(2026, 5, 10), false, true},  {Day(2027, 2, 9), false, true},
      {Day(2027, 2, 10), false, false}, {Day(2026, 5, 9), true, false},   {Day(2027, 2, 10), true, true},
      {Day(2028, 2, 10), true, true},   {Day(2028, 2, 11), true, false},
  };
  for (const Case& c : cases) {
    CreateTransferRequest create = NewTransfer(member, w.office_cell, TEMPORARY);
    *create.mutable_transfer()->mutable_expected_return_on() = c.back;
    create.mutable_transfer()->set_for_study(c.for_study);
    Transfer t;
    const grpc::Status status = Call(&Transfers::Stub::CreateTransfer, create, &t);
    const std::string label = Ymd(c.back) + (c.for_study ? " for study" : "");
    if (!c.accepted) {
      EXPECT_EQ(Refusal(status), "INVALID_ARGUMENT INVALID_FIELD") << label;
      EXPECT_THAT(BadFields(status), ElementsAre("transfer.expected_return_on")) << label;
      continue;
    }
    ASSERT_EQ(Refusal(status), "OK") << label << ": " << status.error_message();
    EXPECT_EQ(t.for_study(), c.for_study) << label;
    CancelTransferRequest cancel;  // frees the member for the next case
    cancel.set_id(t.id());
    cancel.set_reason("Thử thời hạn");
    Must(&Transfers::Stub::CancelTransfer, cancel);
  }

  // A temporary transfer needs its return; the other kinds have none.
  Transfer t;
  grpc::Status status = Call(&Transfers::Stub::CreateTransfer, NewTransfer(member, w.office_cell, TEMPORARY), &t);
  EXPECT_THAT(BadFields(status), ElementsAre("transfer.expected_return_on"));
  CreateTransferRequest official = NewTransfer(member, w.office_cell, OFFICIAL);
  *official.mutable_transfer()->mutable_expected_return_on() = Day(2026, 8, 10);
  status = Call(&Transfers::Stub::CreateTransfer, official, &t);
  EXPECT_THAT(BadFields(status), ElementsAre("transfer.expected_return_on"));
  official.mutable_transfer()->clear_expected_return_on();
  official.mutable_transfer()->set_for_study(true);
  status = Call(&Transfers::Stub::CreateTransfer, official, &t);
  EXPECT_THAT(BadFields(status), ElementsAre("transfer.expected_return_on"));

  ListTransfersRequest list;
  list.set_member_id(member);
  ListTransfersResponse listed;
  ASSERT_TRUE(Call(&Transfers::Stub::ListTransfers, list, &listed).ok());
  EXPECT_EQ(listed.transfers_size(), 4);  // the accepted cases, each cancelled
}

}  // namespace
}  // namespace haicap::transfers::testing
