#include "services/registry/member_timeline.h"

#include "common/civil_date.h"
#include "gtest/gtest.h"

namespace haicap::registry {
namespace {

MemberEvent Event(v1::MemberEventType type, int year, int month, int day, int64_t sequence) {
  MemberEvent e;
  e.set_member_id("5");
  e.set_type(type);
  e.set_sequence(sequence);
  *e.mutable_effective_date() = ToProtoDate(absl::CivilDay(year, month, day));
  return e;
}

MemberEvent Admitted(int64_t sequence) {
  MemberEvent e = Event(v1::ADMITTED, 2025, 7, 1, sequence);
  e.mutable_member()->set_full_name("Nguyen Van An");
  e.mutable_member()->set_status(v1::PROBATIONARY);
  e.mutable_member()->set_organization_id("3");
  e.mutable_member()->set_citizen_id("001090000001");
  return e;
}

TEST(MemberTimelineTest, ProbationLastsTwelveCalendarMonths) {
  EXPECT_EQ(ProbationEnd(absl::CivilDay(2025, 7, 10)), absl::CivilDay(2026, 7, 10));
  EXPECT_EQ(ProbationEnd(absl::CivilDay(2024, 2, 29)), absl::CivilDay(2025, 2, 28));
}

TEST(MemberTimelineTest, CorrectionsApplyToEveryVersionAndMovesSplitTheTimeline) {
  MemberEvent moved = Event(v1::MEMBER_MOVED, 2026, 1, 1, 2);
  moved.set_organization_id("4");
  MemberEvent corrected = Event(v1::CORRECTED, 2026, 5, 5, 3);
  corrected.mutable_member()->set_full_name("Nguyễn Văn An");
  corrected.mutable_changed_fields()->add_paths("full_name");
  MemberEvent official = Event(v1::RECOGNIZED_OFFICIAL, 2026, 7, 1, 4);
  auto versions = FoldMemberTimeline({corrected, official, moved, Admitted(1)});
  ASSERT_TRUE(versions.ok()) << versions.status();
  ASSERT_EQ(versions->size(), 3u);
  for (const auto& v : *versions) EXPECT_EQ(v.member().full_name(), "Nguyễn Văn An");
  EXPECT_EQ((*versions)[0].member().organization_id(), "3");
  EXPECT_EQ((*versions)[1].member().organization_id(), "4");
  EXPECT_EQ((*versions)[1].member().status(), v1::PROBATIONARY);
  EXPECT_EQ((*versions)[2].member().status(), v1::OFFICIAL);
  EXPECT_EQ((*versions)[2].member().official_on().month(), 7);
}

TEST(MemberTimelineTest, RefusesChangesAfterTheEndOrBeforeTheStart) {
  MemberEvent ended = Event(v1::MEMBERSHIP_ENDED, 2026, 1, 1, 2);
  ended.mutable_member()->set_status(v1::REMOVED);
  MemberEvent later = Event(v1::MEMBER_MOVED, 2026, 2, 1, 3);
  EXPECT_EQ(FoldMemberTimeline({Admitted(1), ended, later}).status().code(), absl::StatusCode::kFailedPrecondition);
  MemberEvent early = Event(v1::MEMBER_MOVED, 2025, 6, 1, 2);
  EXPECT_EQ(FoldMemberTimeline({Admitted(1), early}).status().code(), absl::StatusCode::kFailedPrecondition);
}

TEST(MemberTimelineTest, TransfersMoveTheMemberAndTemporaryActivitiesStartAndEnd) {
  MemberEvent away = Event(v1::TEMPORARY_ACTIVITY_STARTED, 2026, 1, 1, 2);
  away.set_organization_id("7");
  *away.mutable_member()->mutable_temporary_until() = ToProtoDate(absl::CivilDay(2026, 9, 1));
  MemberEvent back = Event(v1::TEMPORARY_ACTIVITY_ENDED, 2026, 6, 1, 3);
  MemberEvent transferred = Event(v1::MEMBER_TRANSFERRED, 2026, 8, 1, 4);
  transferred.set_organization_id("4");
  MemberEvent away_again = Event(v1::TEMPORARY_ACTIVITY_STARTED, 2026, 9, 1, 5);
  away_again.set_organization_id("8");
  MemberEvent ended = Event(v1::MEMBERSHIP_ENDED, 2026, 10, 1, 6);
  ended.mutable_member()->set_status(v1::DECEASED);
  auto versions = FoldMemberTimeline({ended, away_again, transferred, back, away, Admitted(1)});
  ASSERT_TRUE(versions.ok()) << versions.status();
  ASSERT_EQ(versions->size(), 6u);
  const v1::Member& temporary = (*versions)[1].member();
  EXPECT_EQ(temporary.organization_id(), "3");  // still counted at home
  EXPECT_EQ(temporary.temporary_organization_id(), "7");
  EXPECT_EQ(temporary.temporary_until().month(), 9);
  EXPECT_TRUE((*versions)[2].member().temporary_organization_id().empty());
  EXPECT_FALSE((*versions)[2].member().has_temporary_until());
  EXPECT_EQ((*versions)[3].member().organization_id(), "4");
  EXPECT_EQ((*versions)[4].member().temporary_organization_id(), "8");
  // An ended membership is temporarily active nowhere.
  EXPECT_EQ((*versions)[5].member().status(), v1::DECEASED);
  EXPECT_TRUE((*versions)[5].member().temporary_organization_id().empty());
}

TEST(MemberTimelineTest, MasksAllButTheLastFourDigits) {
  EXPECT_EQ(MaskCitizenId("001090000123"), "********0123");
  EXPECT_EQ(MaskCitizenId("12"), "**");
}

}  // namespace
}  // namespace haicap::registry
