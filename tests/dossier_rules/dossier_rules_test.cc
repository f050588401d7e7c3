// The legal status changes, the 766 classification and the event instants of a dossier.
#include "services/deadlines/dossier_rules.h"

#include <set>
#include <utility>

#include "common/clock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/deadlines/calendar/working_calendar.h"

namespace haicap::deadlines {
namespace {

using ::testing::HasSubstr;
using v1::DossierStatus;

// The legal changes of the DossierStatus comment, written out independently of the switch.
const std::set<std::pair<int, int>>& LegalTable() {
  static const std::set<std::pair<int, int>> table = {
      {1, 2}, {1, 3}, {1, 7},                   //
      {2, 4}, {2, 3}, {2, 7}, {2, 8}, {2, 9},   //
      {4, 6}, {4, 7}, {4, 8}, {4, 9},           //
      {6, 4}, {6, 7}, {6, 8}, {6, 9},           //
      {5, 7}, {5, 8},                           //
      {9, 10},
  };
  return table;
}

TEST(CheckTransition, AllowsExactlyTheTable) {
  for (int from = 1; from <= 10; ++from) {
    for (int to = 1; to <= 10; ++to) {
      const absl::Status status = CheckTransition(static_cast<DossierStatus>(from), static_cast<DossierStatus>(to));
      EXPECT_EQ(status.ok(), LegalTable().count({from, to}) == 1) << from << " → " << to << ": " << status;
      if (!status.ok()) EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition) << from << " → " << to;
    }
  }
}

TEST(CheckTransition, PointsToTheCallsThatPauseAndResume) {
  EXPECT_THAT(CheckTransition(v1::PROCESSING, v1::SUPPLEMENT_REQUESTED).message(), HasSubstr("RequestSupplement"));
  EXPECT_THAT(CheckTransition(v1::SUPPLEMENT_REQUESTED, v1::PROCESSING).message(), HasSubstr("ResumeProcessing"));
  EXPECT_THAT(CheckTransition(v1::RESULT_RETURNED, v1::PROCESSING).message(), HasSubstr("final"));
}

TEST(EndsProcessing, FirstTerminalStateAfterReceipt) {
  EXPECT_TRUE(EndsProcessing(v1::PROCESSING, v1::PROCESSED));
  EXPECT_TRUE(EndsProcessing(v1::RECEIVED, v1::NOT_ACCEPTED));
  EXPECT_TRUE(EndsProcessing(v1::SUPPLEMENT_REQUESTED, v1::WITHDRAWN));
  EXPECT_TRUE(EndsProcessing(v1::FINANCIAL_OBLIGATION, v1::STOPPED));
  EXPECT_FALSE(EndsProcessing(v1::PROCESSED, v1::RESULT_RETURNED));  // 9 already ended it
  EXPECT_FALSE(EndsProcessing(v1::NEW_REGISTERED, v1::NOT_ACCEPTED));  // never received: never counted
  EXPECT_FALSE(EndsProcessing(v1::RECEIVED, v1::PROCESSING));
}

TEST(Classify, ComparesDatesAndCountsASecondSupplementAsLate) {
  const absl::CivilDay due(2026, 3, 10);
  EXPECT_EQ(Classify(absl::CivilDay(2026, 3, 9), due, false), v1::EARLY);
  EXPECT_EQ(Classify(due, due, false), v1::ON_TIME);
  EXPECT_EQ(Classify(absl::CivilDay(2026, 3, 11), due, false), v1::LATE);
  EXPECT_EQ(Classify(absl::CivilDay(2026, 3, 2), due, true), v1::LATE);
}

absl::Time At(int y, int m, int d, int hour, int minute) {
  return absl::FromCivil(absl::CivilMinute(y, m, d, hour, minute), VietnamTimeZone());
}

TEST(EventInstants, NearDueIsOneWorkingDayBeforeAndOverdueIsTheMidnightAfter) {
  auto calendar = LoadNationalCalendar();
  ASSERT_TRUE(calendar.ok()) << calendar.status();
  // Due Mon 23/2/2026 17:00, the first working day after Tết (14/2–22/2): near due on Fri 13/2.
  EXPECT_EQ(NearDueAt(**calendar, At(2026, 2, 23, 17, 0)), At(2026, 2, 13, 17, 0));
  // Due Mon 12/1/2026 10:00: the previous working day is the make-up Saturday 10/1.
  EXPECT_EQ(NearDueAt(**calendar, At(2026, 1, 12, 10, 0)), At(2026, 1, 10, 10, 0));
  EXPECT_EQ(OverdueAt(At(2026, 2, 23, 17, 0)), At(2026, 2, 24, 0, 0));
}

}  // namespace
}  // namespace haicap::deadlines
