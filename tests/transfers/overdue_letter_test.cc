// A letter presented late (docs/domain.md §3): the deadlines service's OVERDUE event flags the transfer,
// a reason is reported to the competent committee, and the receipt still completes: no automatic
// removal.
#include "gmock/gmock.h"
#include "tests/transfers/suite_fixture.h"

namespace haicap::transfers::testing {
namespace {

ListTransfersRequest OverdueOnly() {
  ListTransfersRequest request;
  request.set_overdue(true);
  return request;
}

TEST_F(SuiteTest, ALateLetterIsFlaggedThenExplainedAndStillReceived) {
  const Wards w = MustCreateWards();
  const std::string late = MustRegisterMember("Nguyễn Văn Minh", "001088004321", w.ubnd_cell);
  const std::string punctual = MustRegisterMember("Trần Thị Lan", "001090001111", w.ubnd_cell);
  Transfer t = MustIntroduce(MustCreate(late, w.office_cell));
  const Transfer other = MustIntroduce(MustCreate(punctual, w.office_cell));
  t = Eventually(t.id(), [](const Transfer& x) { return x.has_present_by(); });
  EXPECT_EQ(Ymd(t.present_by()), "2026-03-31");  // 30 working days after 10/2, Tết skipped

  // Not late yet: nothing to explain.
  ReportOverdueReasonRequest report;
  report.set_id(t.id());
  report.set_reason("Đồng chí nằm viện điều trị từ 20/3 đến 10/4/2026");
  Transfer refused;
  const std::string on_time = Snapshot(t.id());
  EXPECT_EQ(Refusal(Call(&Transfers::Stub::ReportOverdueReason, report, &refused)), "FAILED_PRECONDITION NOT_OVERDUE");
  EXPECT_EQ(Snapshot(t.id()), on_time);
  EXPECT_FALSE(MustGet(t.id()).overdue());

  // The other member presents the letter in time.
  clock_.Set(absl::FromCivil(absl::CivilMinute(2026, 3, 31, 10, 0), VietnamTimeZone()));
  MustComplete(other);

  // The day after present_by.
  clock_.Set(absl::FromCivil(absl::CivilMinute(2026, 4, 1, 8, 0), VietnamTimeZone()));
  t = Eventually(t.id(), [](const Transfer& x) { return x.overdue(); });
  EXPECT_EQ(t.state(), INTRODUCED);
  ListTransfersResponse listed;
  ASSERT_TRUE(Call(&Transfers::Stub::ListTransfers, OverdueOnly(), &listed).ok());
  ASSERT_EQ(listed.transfers_size(), 1);
  EXPECT_EQ(listed.transfers(0).id(), t.id());
  EXPECT_FALSE(MustGet(other.id()).overdue());

  report.set_reason("");
  EXPECT_THAT(BadFields(Call(&Transfers::Stub::ReportOverdueReason, report, &refused)), ::testing::ElementsAre("reason"));
  report.set_reason("Đồng chí nằm viện điều trị từ 20/3 đến 10/4/2026");
  t = Must(&Transfers::Stub::ReportOverdueReason, report);
  EXPECT_EQ(t.overdue_reason(), "Đồng chí nằm viện điều trị từ 20/3 đến 10/4/2026");

  // Presented on Mon 13/4: received all the same, the clock late.
  clock_.Set(absl::FromCivil(absl::CivilMinute(2026, 4, 13, 8, 0), VietnamTimeZone()));
  t = MustComplete(t);
  EXPECT_TRUE(t.overdue());
  EXPECT_EQ(t.overdue_reason(), "Đồng chí nằm viện điều trị từ 20/3 đến 10/4/2026");
  EXPECT_EQ(GetMember(late).organization_id(), w.office_cell);
  EXPECT_EQ(EventuallyClock(t.id(), dl::PROCESSED).outcome(), dl::LATE);
  ASSERT_TRUE(Call(&Transfers::Stub::ListTransfers, OverdueOnly(), &listed).ok());
  EXPECT_EQ(listed.transfers_size(), 1);
}

}  // namespace
}  // namespace haicap::transfers::testing
