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

TEST(MemberTimelineTest, MasksAllButTheLastFourDigits) {
  EXPECT_EQ(MaskCitizenId("001090000123"), "********0123");
  EXPECT_EQ(MaskCitizenId("12"), "**");
}

}  // namespace
}  // namespace haicap::registry
