// The chain acts in order, each step only by its own body, and the letter and the receipt only
// with dates that make sense; unknown transfers and stale etags are refused. A refusal changes
// nothing and sends nothing.
#include <string>

#include "gmock/gmock.h"
#include "tests/transfers/suite_fixture.h"

namespace haicap::transfers::testing {
namespace {

using ::testing::ElementsAre;

class StepRefusalsTest : public SuiteTest {
 protected:
  void SetUp() override {
    SuiteTest::SetUp();
    w_ = MustCreateWards();
    member_ = MustRegisterMember("Nguyễn Văn Minh", "001088004321", w_.ubnd_cell);
  }
  grpc::Status Endorse(const std::string& id, const std::string& organization) {
    EndorseTransferRequest request;
    request.set_id(id);
    request.set_organization_id(organization);
    Transfer ignored;
    return Call(&Transfers::Stub::EndorseTransfer, request, &ignored);
  }
  grpc::Status Issue(const std::string& id, const std::string& number, const google::type::Date& issued_on = {}) {
    IssueIntroductionRequest request;
    request.set_id(id);
    request.mutable_letter()->set_number(number);
    if (issued_on.year() != 0) *request.mutable_letter()->mutable_issued_on() = issued_on;
    Transfer ignored;
    return Call(&Transfers::Stub::IssueIntroduction, request, &ignored);
  }
  grpc::Status Confirm(const std::string& id, const google::type::Date& presented_on = {},
                       const google::type::Date& effective_date = {}) {
    ConfirmReceiptRequest request;
    request.set_id(id);
    if (presented_on.year() != 0) *request.mutable_presented_on() = presented_on;
    if (effective_date.year() != 0) *request.mutable_effective_date() = effective_date;
    Transfer ignored;
    return Call(&Transfers::Stub::ConfirmReceipt, request, &ignored);
  }

  Wards w_;
  std::string member_;
};

constexpr char kNotNext[] = "FAILED_PRECONDITION NOT_NEXT_IN_CHAIN";
constexpr char kBadField[] = "INVALID_ARGUMENT INVALID_FIELD";

TEST_F(StepRefusalsTest, EachBodyActsInChainOrder) {
  // Chain: the UBND cell, Tây Tựu (issues), Đống Đa, the office cell (receives).
  const std::string id = MustCreate(member_, w_.office_cell).id();
  std::string before = Snapshot(id);
  EXPECT_EQ(Refusal(Endorse(id, w_.tay_tuu)), kNotNext) << "the issuing ward before the cell";
  EXPECT_EQ(Refusal(Endorse(id, w_.dong_da)), kNotNext) << "the receiving ward before the letter";
  EXPECT_EQ(Refusal(Endorse(id, w_.hanoi)), kNotNext) << "not in the chain";
  EXPECT_THAT(BadFields(Endorse(id, "")), ElementsAre("organization_id"));
  EXPECT_EQ(Refusal(Issue(id, "12-GGT/ĐU")), kNotNext) << "the letter before the endorsement";
  EXPECT_EQ(Refusal(Confirm(id)), kNotNext) << "the receipt before the letter";
  EXPECT_EQ(Snapshot(id), before);

  MustEndorse(id, w_.ubnd_cell);
  before = Snapshot(id);
  EXPECT_EQ(Refusal(Endorse(id, w_.ubnd_cell)), kNotNext) << "twice";
  EXPECT_EQ(Refusal(Endorse(id, w_.tay_tuu)), kNotNext) << "the issuing ward issues rather than endorses";
  EXPECT_EQ(Refusal(Confirm(id)), kNotNext) << "the receipt before the letter";
  grpc::Status status = Issue(id, "");
  EXPECT_EQ(Refusal(status), kBadField);
  EXPECT_THAT(BadFields(status), ElementsAre("letter.number"));
  status = Issue(id, "12-GGT/ĐU", Day(2026, 2, 11));
  EXPECT_THAT(BadFields(status), ElementsAre("letter.issued_on")) << "dated tomorrow";
  EXPECT_EQ(Snapshot(id), before);
  dl::Dossier clock;
  EXPECT_EQ(GetClock(id, &clock).error_code(), grpc::StatusCode::NOT_FOUND);

  // The letter of yesterday, Mon 9/2/2026.
  ASSERT_TRUE(Issue(id, "12-GGT/ĐU", Day(2026, 2, 9)).ok());
  EXPECT_EQ(Ymd(Eventually(id, [](const Transfer& x) { return x.has_present_by(); }).present_by()), "2026-03-30");
  before = Snapshot(id);
  EXPECT_EQ(Refusal(Issue(id, "13-GGT/ĐU")), kNotNext) << "a second letter";
  EXPECT_EQ(Refusal(Confirm(id)), kNotNext) << "the receipt before the receiving ward's endorsement";
  EXPECT_EQ(Snapshot(id), before);

  MustEndorse(id, w_.dong_da);
  before = Snapshot(id);
  EXPECT_EQ(Refusal(Endorse(id, w_.office_cell)), kNotNext) << "the receiving cell confirms rather than endorses";
  status = Confirm(id, Day(2026, 2, 8));
  EXPECT_EQ(Refusal(status), kBadField);
  EXPECT_THAT(BadFields(status), ElementsAre("presented_on")) << "before the letter";
  EXPECT_THAT(BadFields(Confirm(id, Day(2026, 2, 11))), ElementsAre("presented_on")) << "tomorrow";
  EXPECT_THAT(BadFields(Confirm(id, Day(2026, 2, 10), Day(2026, 2, 9))), ElementsAre("effective_date"));
  EXPECT_EQ(Snapshot(id), before);
  EXPECT_THAT(MemberEvents(member_), ElementsAre(reg::REGISTERED));

  // Presented on the day of the letter, effective the next.
  ASSERT_TRUE(Confirm(id, Day(2026, 2, 9), Day(2026, 2, 10)).ok());
  const Transfer done = Eventually(id, [](const Transfer& x) { return x.state() == COMPLETED; });
  EXPECT_EQ(Ymd(done.presented_on()), "2026-02-09");
  EXPECT_EQ(GetMember(member_, Day(2026, 2, 9)).organization_id(), w_.ubnd_cell);
  EXPECT_EQ(GetMember(member_, Day(2026, 2, 10)).organization_id(), w_.office_cell);
  EXPECT_EQ(EventuallyClock(id, dl::PROCESSED).outcome(), dl::EARLY);
}

TEST_F(StepRefusalsTest, UnknownTransfersAndStaleEtagsAreRefused) {
  Transfer ignored;
  GetTransferRequest get;
  get.set_id("T-000000009999");
  EXPECT_EQ(Refusal(Call(&Transfers::Stub::GetTransfer, get, &ignored)), "NOT_FOUND TRANSFER_NOT_FOUND");
  EXPECT_EQ(Refusal(Endorse(get.id(), w_.ubnd_cell)), "NOT_FOUND TRANSFER_NOT_FOUND");
  EXPECT_EQ(Refusal(Issue(get.id(), "12-GGT/ĐU")), "NOT_FOUND TRANSFER_NOT_FOUND");
  EXPECT_EQ(Refusal(Confirm(get.id())), "NOT_FOUND TRANSFER_NOT_FOUND");
  get.clear_id();
  EXPECT_THAT(BadFields(Call(&Transfers::Stub::GetTransfer, get, &ignored)), ElementsAre("id"));
  EXPECT_THAT(BadFields(Confirm("")), ElementsAre("id"));

  const Transfer created = MustCreate(member_, w_.office_cell);
  const Transfer endorsed = MustEndorse(created.id(), w_.ubnd_cell);
  EXPECT_NE(endorsed.etag(), created.etag());
  IssueIntroductionRequest issue;
  issue.set_id(created.id());
  issue.mutable_letter()->set_number("12-GGT/ĐU");
  issue.set_etag(created.etag());
  const std::string before = Snapshot(created.id());
  EXPECT_EQ(Refusal(Call(&Transfers::Stub::IssueIntroduction, issue, &ignored)), "ABORTED ETAG_MISMATCH");
  CancelTransferRequest cancel;
  cancel.set_id(created.id());
  cancel.set_reason("Đổi ý");
  cancel.set_etag(created.etag());
  EXPECT_EQ(Refusal(Call(&Transfers::Stub::CancelTransfer, cancel, &ignored)), "ABORTED ETAG_MISMATCH");
  EXPECT_EQ(Snapshot(created.id()), before);
  dl::Dossier clock;
  EXPECT_EQ(GetClock(created.id(), &clock).error_code(), grpc::StatusCode::NOT_FOUND);

  issue.set_etag(endorsed.etag());
  EXPECT_EQ(Must(&Transfers::Stub::IssueIntroduction, issue).state(), INTRODUCED);
}

}  // namespace
}  // namespace haicap::transfers::testing
