// CreateTransfer refuses a member or a destination the rules forbid (docs/domain.md §3) and opens at
// most one transfer per member; a refusal leaves nothing behind.
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "tests/transfers/suite_fixture.h"

namespace haicap::transfers::testing {
namespace {

using ::testing::ElementsAre;

class CreateRefusalsTest : public SuiteTest {
 protected:
  // Every transfer there is.
  int TransferCount() {
    ListTransfersResponse listed;
    EXPECT_TRUE(Call(&Transfers::Stub::ListTransfers, ListTransfersRequest(), &listed).ok());
    return listed.transfers_size();
  }
};

TEST_F(CreateRefusalsTest, EveryRefusedRequestNamesItsRuleAndOpensNothing) {
  const Wards w = MustCreateWards();
  const std::string school = MustCreateOrg("Đảng bộ Trường THPT Tây Tựu", reg::GRASSROOTS_COMMITTEE, w.tay_tuu);
  const std::string teachers = MustCreateOrg("Chi bộ Giáo viên", reg::CELL, school);
  const std::string company = MustCreateOrg("Đảng bộ Công ty Cổ phần May Tây Tựu", reg::GRASSROOTS_COMMITTEE, w.tay_tuu);
  const std::string workshop = MustCreateOrg("Chi bộ Phân xưởng", reg::CELL, company);
  const std::string closed_cell = MustCreateOrg("Chi bộ Hợp tác xã Tây Tựu", reg::GRASSROOTS_CELL, w.tay_tuu);
  reg::DissolveOrganizationRequest dissolve;
  dissolve.set_id(closed_cell);
  *dissolve.mutable_effective_date() = Day(2026, 1, 15);
  MustRegistry(&reg::Registry::Stub::DissolveOrganization, dissolve);
  const std::string member = MustRegisterMember("Nguyễn Văn Minh", "001088004321", w.ubnd_cell);
  const std::string teacher = MustRegisterMember("Đỗ Thị Hoa", "001190003333", teachers);
  const std::string removed = MustRegisterMember("Trịnh Văn Long", "001085007777", w.ubnd_cell);
  reg::EndMembershipRequest end;
  end.set_member_id(removed);
  end.set_status(reg::REMOVED);
  end.set_reason("Bỏ sinh hoạt đảng 3 tháng không có lý do");
  *end.mutable_effective_date() = Day(2026, 1, 15);
  MustRegistry(&reg::Registry::Stub::EndMembership, end);

  struct Case {
    std::string name;
    CreateTransferRequest request;
    std::string refusal;
    std::vector<std::string> fields;
  };
  std::vector<Case> cases = {
      {"no member", NewTransfer("", w.office_cell), "INVALID_ARGUMENT INVALID_FIELD", {"transfer.member_id"}},
      {"no kind", NewTransfer(member, w.office_cell, TRANSFER_KIND_UNSPECIFIED), "INVALID_ARGUMENT INVALID_FIELD",
       {"transfer.kind"}},
      {"no destination", NewTransfer(member, ""), "INVALID_ARGUMENT INVALID_FIELD", {"transfer.to_organization_id"}},
      {"unknown member", NewTransfer("999999", w.office_cell), "NOT_FOUND MEMBER_NOT_FOUND", {}},
      {"unknown destination", NewTransfer(member, "999999"), "NOT_FOUND ORGANIZATION_NOT_FOUND", {}},
      {"membership ended", NewTransfer(removed, w.office_cell), "FAILED_PRECONDITION MEMBER_NOT_ACTIVE", {}},
      {"destination dissolved", NewTransfer(member, closed_cell), "FAILED_PRECONDITION RECEIVING_NOT_ACTIVE", {}},
      {"a ward committee holds no members", NewTransfer(member, w.dong_da),
       "FAILED_PRECONDITION RECEIVING_CANNOT_HOLD_MEMBERS", {}},
      {"same organisation", NewTransfer(member, w.ubnd_cell), "FAILED_PRECONDITION SAME_ORGANIZATION", {}},
      {"internal between wards", NewTransfer(member, w.office_cell, INTERNAL), "FAILED_PRECONDITION NOT_INTERNAL", {}},
      {"internal across two grassroots committees", NewTransfer(teacher, workshop, INTERNAL),
       "FAILED_PRECONDITION NOT_INTERNAL", {}},
      {"not the member's organisation", NewTransfer(member, w.office_cell),
       "FAILED_PRECONDITION NOT_IN_SENDING_ORGANIZATION", {}},
      {"a province without a registry", NewTransfer(member, w.office_cell),
       "FAILED_PRECONDITION PROVINCE_NOT_CONFIGURED", {}},
      {"reason too long", NewTransfer(member, w.office_cell), "INVALID_ARGUMENT INVALID_FIELD", {"transfer.reason"}},
      {"decision without a date", NewTransfer(member, w.office_cell), "INVALID_ARGUMENT INVALID_FIELD",
       {"transfer.decision.date"}},
  };
  cases[11].request.mutable_transfer()->set_from_organization_id(w.office_cell);
  cases[12].request.mutable_transfer()->set_to_province_code("79");
  cases[13].request.mutable_transfer()->set_reason(std::string(501, 'x'));
  cases[14].request.mutable_transfer()->mutable_decision()->set_number("215-QĐ/TU");

  for (const Case& c : cases) {
    Transfer t;
    const grpc::Status status = Call(&Transfers::Stub::CreateTransfer, c.request, &t);
    EXPECT_EQ(Refusal(status), c.refusal) << c.name << ": " << status.error_message();
    EXPECT_EQ(BadFields(status), c.fields) << c.name;
  }
  EXPECT_EQ(TransferCount(), 0);
}

TEST_F(CreateRefusalsTest, OneOpenTransferPerMemberAndARetryReturnsTheFirstAnswer) {
  const Wards w = MustCreateWards();
  const std::string member = MustRegisterMember("Nguyễn Văn Minh", "001088004321", w.ubnd_cell);
  CreateTransferRequest create = NewTransfer(member, w.office_cell);
  create.mutable_transfer()->set_from_organization_id(w.ubnd_cell);
  create.set_request_id("create-minh");
  const Transfer first = Must(&Transfers::Stub::CreateTransfer, create);
  const Transfer retried = Must(&Transfers::Stub::CreateTransfer, create);
  EXPECT_EQ(retried.DebugString(), first.DebugString());

  create.set_request_id("create-minh-again");
  Transfer refused;
  EXPECT_EQ(Refusal(Call(&Transfers::Stub::CreateTransfer, create, &refused)), "FAILED_PRECONDITION MEMBER_IN_TRANSFER");
  create.set_request_id("");
  create.mutable_transfer()->set_kind(TEMPORARY);
  *create.mutable_transfer()->mutable_expected_return_on() = Day(2026, 8, 10);
  EXPECT_EQ(Refusal(Call(&Transfers::Stub::CreateTransfer, create, &refused)), "FAILED_PRECONDITION MEMBER_IN_TRANSFER");
  EXPECT_EQ(TransferCount(), 1);
  EXPECT_EQ(MustGet(first.id()).history_size(), 1);

  // The retry of the receipt: one answer, one move.
  const Transfer ready = MustReachReceipt(first);
  ConfirmReceiptRequest receive;
  receive.set_id(ready.id());
  receive.set_request_id("receipt-minh");
  const Transfer received = Must(&Transfers::Stub::ConfirmReceipt, receive);
  EXPECT_EQ(received.state(), RECEIVED);
  Eventually(ready.id(), [](const Transfer& x) { return x.state() == COMPLETED; });
  EXPECT_EQ(Must(&Transfers::Stub::ConfirmReceipt, receive).DebugString(), received.DebugString());
  receive.set_request_id("receipt-minh-again");
  EXPECT_EQ(Refusal(Call(&Transfers::Stub::ConfirmReceipt, receive, &refused)), "FAILED_PRECONDITION CHAIN_COMPLETE");
  EXPECT_THAT(MemberEvents(member), ElementsAre(reg::REGISTERED, reg::MEMBER_TRANSFERRED));
  EXPECT_EQ(TransferCount(), 1);

  // The creation retried after the member moved still gets its first answer: the request id is
  // looked up before the registry is asked about the member.
  CreateTransferRequest late_retry = NewTransfer(member, w.office_cell);
  late_retry.mutable_transfer()->set_from_organization_id(w.ubnd_cell);
  late_retry.set_request_id("create-minh");
  Transfer answer;
  const grpc::Status status = Call(&Transfers::Stub::CreateTransfer, late_retry, &answer);
  EXPECT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(answer.DebugString(), first.DebugString());
}

}  // namespace
}  // namespace haicap::transfers::testing
