// What a dossier adds to the statistics counters, checked by summing the flows up to a day the way
// GetStatistics does, against the dossier's state on that day counted by hand.
#include <limits>

#include "common/civil_date.h"
#include "common/clock.h"
#include "gtest/gtest.h"
#include "services/deadlines/dossier_clock.h"
#include "services/deadlines/dossier_rules.h"

namespace haicap::deadlines {
namespace {

int64_t Day(int m, int d) { return DayNumber(absl::CivilDay(2026, m, d)); }

google::protobuf::Timestamp At(int m, int d, int hour) {
  return ToTimestamp(absl::FromCivil(absl::CivilHour(2026, m, d, hour), VietnamTimeZone()));
}

// The flows summed up to the end of `day`.
Flows Upto(const FlowsByDay& flows, int64_t day) {
  Flows sum{};
  for (const auto& [d, f] : flows) {
    if (d > day) break;
    for (int i = 0; i < kCounterCount; ++i) sum[i] += f[i];
  }
  return sum;
}

int64_t Overdue(const FlowsByDay& flows, int64_t day) {
  const Flows s = Upto(flows, day);
  return s[kOverdueStarted] - s[kOverdueEnded];
}
int64_t Waiting(const FlowsByDay& flows, int64_t day) {
  const Flows s = Upto(flows, day);
  return s[kWaitingStarted] - s[kWaitingEnded];
}

// Received Mon 2/3 (online), due Fri 6/3; waiting for a supplement Wed 4/3 – Mon 9/3; due moved to
// Tue 10/3; finished late on Thu 12/3.
internal::DossierRecord LateDossierWithAPause() {
  internal::DossierRecord r;
  v1::Dossier& d = *r.mutable_dossier();
  d.set_channel(v1::ONLINE);
  *d.mutable_received_at() = At(3, 2, 9);
  v1::SupplementRecord& s = *d.add_supplements();
  *s.mutable_requested_at() = At(3, 4, 9);
  *s.mutable_resumed_at() = At(3, 9, 9);
  *d.mutable_finished_at() = At(3, 12, 9);
  d.set_outcome(v1::LATE);
  auto* first = r.add_segments();
  first->set_from_day(Day(3, 2));
  first->set_due_day(Day(3, 6));
  first->set_to_day(Day(3, 4));
  auto* second = r.add_segments();
  second->set_from_day(Day(3, 9));
  second->set_due_day(Day(3, 10));
  second->set_to_day(Day(3, 12));
  return r;
}

TEST(StatisticsFlows, CountReceiptFinishPauseAndOverdueDays) {
  const FlowsByDay flows = StatisticsFlows(LateDossierWithAPause());
  const Flows all = Upto(flows, Day(12, 31));
  EXPECT_EQ(all[kReceivedOnline], 1);
  EXPECT_EQ(all[kReceivedDirect], 0);
  EXPECT_EQ(all[kFinishedLate], 1);
  // Waiting at the end of 4/3 … 8/3, not on 9/3 (resumed that day).
  EXPECT_EQ(Waiting(flows, Day(3, 3)), 0);
  EXPECT_EQ(Waiting(flows, Day(3, 4)), 1);
  EXPECT_EQ(Waiting(flows, Day(3, 8)), 1);
  EXPECT_EQ(Waiting(flows, Day(3, 9)), 0);
  // Never overdue before the pause (due 6/3 was not reached while running); overdue at the end of
  // 10/3 (the moved due day) and 11/3; finished on 12/3.
  EXPECT_EQ(Overdue(flows, Day(3, 6)), 0);
  EXPECT_EQ(Overdue(flows, Day(3, 9)), 0);
  EXPECT_EQ(Overdue(flows, Day(3, 10)), 1);
  EXPECT_EQ(Overdue(flows, Day(3, 11)), 1);
  EXPECT_EQ(Overdue(flows, Day(3, 12)), 0);
}

TEST(StatisticsFlows, AnOpenDossierStaysOverdueFromItsDueDay) {
  internal::DossierRecord r;
  *r.mutable_dossier()->mutable_received_at() = At(3, 2, 9);
  auto* running = r.add_segments();
  running->set_from_day(Day(3, 2));
  running->set_due_day(Day(3, 6));
  running->set_to_day(std::numeric_limits<int64_t>::max());
  const FlowsByDay flows = StatisticsFlows(r);
  EXPECT_EQ(Overdue(flows, Day(3, 5)), 0);
  EXPECT_EQ(Overdue(flows, Day(3, 6)), 1);
  EXPECT_EQ(Overdue(flows, Day(9, 1)), 1);
  EXPECT_EQ(Upto(flows, Day(12, 31))[kReceivedDirect], 1);
}

TEST(StatisticsFlows, NothingBeforeReceipt) {
  internal::DossierRecord registered;
  registered.mutable_dossier()->set_status(v1::NEW_REGISTERED);
  EXPECT_TRUE(StatisticsFlows(registered).empty());
}

TEST(FlowsDelta, IsAfterMinusBeforeWithoutEmptyDays) {
  const internal::DossierRecord after = LateDossierWithAPause();
  internal::DossierRecord before = after;
  before.mutable_dossier()->clear_finished_at();
  before.mutable_dossier()->clear_outcome();
  before.mutable_segments(1)->set_to_day(std::numeric_limits<int64_t>::max());
  const FlowsByDay delta = FlowsDelta(StatisticsFlows(before), StatisticsFlows(after));
  // Finishing on 12/3 adds one late finish and ends the overdue stretch: one day, two counters.
  ASSERT_EQ(delta.size(), 1u);
  const Flows& on_12 = delta.at(Day(3, 12));
  EXPECT_EQ(on_12[kFinishedLate], 1);
  EXPECT_EQ(on_12[kOverdueEnded], 1);
  EXPECT_TRUE(FlowsDelta(StatisticsFlows(after), StatisticsFlows(after)).empty());
}

}  // namespace
}  // namespace haicap::deadlines
