// Transfers that end without a move: withdrawn by the sending side before the receipt, refused by
// the receiving side. The letter's clock ends with them and the member is free again.
#include "gmock/gmock.h"
#include "tests/transfers/suite_fixture.h"

namespace haicap::transfers::testing {
namespace {

using ::testing::ElementsAre;

TEST_F(SuiteTest, TheSendingSideWithdrawsATransferBeforeTheReceiptOnly) {
  const Wards w = MustCreateWards();
  const std::string member = MustRegisterMember("Nguyễn Văn Minh", "001088004321", w.ubnd_cell);
  CancelTransferRequest cancel;
  cancel.set_reason("Đồng chí xin ở lại công tác");

  // After the cell's endorsement: no clock to stop.
  Transfer endorsed = MustEndorse(MustCreate(member, w.office_cell).id(), w.ubnd_cell);
  ASSERT_EQ(endorsed.state(), ENDORSING);
  cancel.set_id(endorsed.id());
  cancel.set_etag(endorsed.etag());
  endorsed = Must(&Transfers::Stub::CancelTransfer, cancel);
  EXPECT_EQ(endorsed.state(), CANCELLED);
  const Transfer withdrawn = MustGet(endorsed.id());
  EXPECT_EQ(withdrawn.history(withdrawn.history_size() - 1).from_state(), ENDORSING);
  dl::Dossier clock;
  EXPECT_EQ(GetClock(endorsed.id(), &clock).error_code(), grpc::StatusCode::NOT_FOUND);

  // After the letter: its clock ends WITHDRAWN.
  Transfer introduced = MustIntroduce(MustCreate(member, w.office_cell));
  cancel.set_id(introduced.id());
  cancel.set_etag(introduced.etag());
  EXPECT_EQ(Must(&Transfers::Stub::CancelTransfer, cancel).state(), CANCELLED);
  clock = EventuallyClock(introduced.id(), dl::WITHDRAWN);
  EXPECT_THAT(clock.history(clock.history_size() - 1).reason(), ::testing::HasSubstr("Đồng chí xin ở lại"));
  // A cancelled transfer is not cancelled again.
  cancel.clear_etag();
  const std::string cancelled = Snapshot(introduced.id());
  Transfer refused;
  EXPECT_EQ(Refusal(Call(&Transfers::Stub::CancelTransfer, cancel, &refused)), "FAILED_PRECONDITION NOT_CANCELLABLE");
  EXPECT_EQ(Snapshot(introduced.id()), cancelled);

  // The member is free again; once received, the transfer cannot be withdrawn.
  Transfer received = MustReachReceipt(MustCreate(member, w.office_cell));
  received = MustConfirm(received.id());
  cancel.set_id(received.id());
  cancel.set_reason("");
  grpc::Status status = Call(&Transfers::Stub::CancelTransfer, cancel, &refused);
  EXPECT_EQ(Refusal(status), "INVALID_ARGUMENT INVALID_FIELD");
  EXPECT_THAT(BadFields(status), ElementsAre("reason"));
  received = Eventually(received.id(), [](const Transfer& x) { return x.state() == COMPLETED; });
  cancel.set_reason("Quá muộn");
  EXPECT_EQ(Refusal(Call(&Transfers::Stub::CancelTransfer, cancel, &refused)), "FAILED_PRECONDITION NOT_CANCELLABLE");
  EXPECT_EQ(Snapshot(received.id()), received.DebugString());

  // Only the last one moved the member.
  EXPECT_THAT(MemberEvents(member), ElementsAre(reg::REGISTERED, reg::MEMBER_TRANSFERRED));
  EXPECT_EQ(GetMember(member).organization_id(), w.office_cell);
}

TEST_F(SuiteTest, TheReceivingSideRefusesAMember) {
  const Wards w = MustCreateWards();
  const std::string member = MustRegisterMember("Nguyễn Văn Minh", "001088004321", w.ubnd_cell);
  Transfer t = MustReachReceipt(MustCreate(member, w.office_cell));
  RejectTransferRequest reject;
  reject.set_id(t.id());
  reject.set_reason("Không đủ điều kiện tiếp nhận");

  // The sending cell and the issuing ward are not on the receiving side.
  const std::string before = Snapshot(t.id());
  Transfer refused;
  for (const std::string& sending : {w.ubnd_cell, w.tay_tuu}) {
    reject.set_organization_id(sending);
    EXPECT_EQ(Refusal(Call(&Transfers::Stub::RejectTransfer, reject, &refused)),
              "FAILED_PRECONDITION NOT_RECEIVING_SIDE");
  }
  reject.set_organization_id(w.office_cell);
  reject.set_reason("");
  const grpc::Status status = Call(&Transfers::Stub::RejectTransfer, reject, &refused);
  EXPECT_THAT(BadFields(status), ElementsAre("reason"));
  EXPECT_EQ(Snapshot(t.id()), before);

  // The receiving cell refuses: the clock stops, the registry never hears of it.
  reject.set_reason("Không đủ điều kiện tiếp nhận");
  t = Must(&Transfers::Stub::RejectTransfer, reject);
  EXPECT_EQ(t.state(), REJECTED);
  EventuallyClock(t.id(), dl::STOPPED);
  EXPECT_EQ(GetMember(member).organization_id(), w.ubnd_cell);
  EXPECT_THAT(MemberEvents(member), ElementsAre(reg::REGISTERED));

  // The member is free again; the receiving ward may refuse before the letter too, with no clock.
  Transfer again = MustCreate(member, w.office_cell);
  reject.set_id(again.id());
  reject.set_organization_id(w.dong_da);
  EXPECT_EQ(Must(&Transfers::Stub::RejectTransfer, reject).state(), REJECTED);
  dl::Dossier clock;
  EXPECT_EQ(GetClock(again.id(), &clock).error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(GetMember(member).organization_id(), w.ubnd_cell);
}

// The receiving cell is dissolved between the receipt's confirmation and the registry's move: the
// registry refuses the move. Like a refusal by another province's registry, the transfer ends
// REJECTED and the member, still at home, may be transferred elsewhere.
TEST_F(SuiteTest, AMoveTheRegistryRefusesDoesNotHoldTheMemberForever) {
  const Wards w = MustCreateWards();
  const std::string member = MustRegisterMember("Nguyễn Văn Minh", "001088004321", w.ubnd_cell);
  const std::string closing = MustCreateOrg("Chi bộ Tổ dân phố số 9", reg::GRASSROOTS_CELL, w.dong_da);
  const Transfer t = MustReachReceipt(MustCreate(member, closing));
  // The move goes out as soon as the receipt commits: stop the registry so the dissolution comes first.
  registry_.reset();
  MustConfirm(t.id());
  StartRegistry();
  reg::DissolveOrganizationRequest dissolve;
  dissolve.set_id(closing);
  *dissolve.mutable_effective_date() = Day(2026, 2, 10);
  MustRegistry(&reg::Registry::Stub::DissolveOrganization, dissolve);

  // The move's retries back off in the services' time.
  Transfer refused;
  EXPECT_TRUE(Await(
      [&] {
        refused = MustGet(t.id());
        return refused.history(refused.history_size() - 1).summary().starts_with("the registry refused");
      },
      &clock_, absl::Seconds(1)))
      << refused.ShortDebugString();
  EXPECT_EQ(refused.state(), REJECTED);
  EXPECT_EQ(GetMember(member).organization_id(), w.ubnd_cell);
  EXPECT_THAT(MemberEvents(member), ElementsAre(reg::REGISTERED));
  Transfer again;
  EXPECT_EQ(Refusal(Call(&Transfers::Stub::CreateTransfer, NewTransfer(member, w.office_cell), &again)), "OK");
}

}  // namespace
}  // namespace haicap::transfers::testing
