#include "services/registry/timeline.h"

#include "common/civil_date.h"
#include "gtest/gtest.h"

namespace haicap::registry {
namespace {

OrganizationEvent Event(v1::EventType type, int year, int month, int day, int64_t sequence) {
  OrganizationEvent e;
  e.set_organization_id("7");
  e.set_type(type);
  e.set_sequence(sequence);
  e.mutable_effective_date()->set_year(year);
  e.mutable_effective_date()->set_month(month);
  e.mutable_effective_date()->set_day(day);
  return e;
}

OrganizationEvent Established(int year, int month, int day, int64_t sequence) {
  OrganizationEvent e = Event(v1::ESTABLISHED, year, month, day, sequence);
  e.mutable_organization()->set_name("Chi bộ 1");
  e.mutable_organization()->set_kind(v1::GRASSROOTS_CELL);
  e.mutable_organization()->set_parent_id("2");
  return e;
}

OrganizationEvent Renamed(const std::string& name, int year, int month, int day, int64_t sequence) {
  OrganizationEvent e = Event(v1::UPDATED, year, month, day, sequence);
  e.mutable_organization()->set_name(name);
  e.mutable_changed_fields()->add_paths("name");
  return e;
}

int64_t Day(int year, int month, int day) { return DayNumber(absl::CivilDay(year, month, day)); }

TEST(TimelineTest, FoldsEventsInEffectiveDateOrder) {
  OrganizationEvent moved = Event(v1::MOVED, 2025, 7, 1, 2);
  moved.set_parent_id("3");
  // The rename was recorded last (sequence 3) but took effect first.
  auto versions = FoldTimeline({Established(2010, 1, 1, 1), moved, Renamed("Chi bộ Một", 2025, 3, 1, 3)});
  ASSERT_TRUE(versions.ok()) << versions.status();
  ASSERT_EQ(versions->size(), 3u);
  OrganizationRecord record;
  for (auto& v : *versions) *record.add_versions() = v;
  EXPECT_EQ(VersionAt(record, Day(2009, 12, 31)), nullptr);
  EXPECT_EQ(VersionAt(record, Day(2025, 2, 28))->organization().name(), "Chi bộ 1");
  EXPECT_EQ(VersionAt(record, Day(2025, 6, 30))->organization().name(), "Chi bộ Một");
  EXPECT_EQ(VersionAt(record, Day(2025, 6, 30))->organization().parent_id(), "2");
  EXPECT_EQ(VersionAt(record, Day(2025, 7, 1))->organization().parent_id(), "3");
  EXPECT_EQ(VersionAt(record, Day(2025, 7, 1))->folded_name(), "chi bo mot");
  EXPECT_EQ(VersionAt(record, std::nullopt)->to_day(), kOpenEnd);
  EXPECT_EQ(EstablishedDay(record), Day(2010, 1, 1));
}

TEST(TimelineTest, SameDayEventsMakeOneVersion) {
  auto versions = FoldTimeline({Established(2025, 7, 1, 1), Renamed("Chi bộ A", 2025, 7, 1, 2)});
  ASSERT_TRUE(versions.ok());
  ASSERT_EQ(versions->size(), 1u);
  EXPECT_EQ((*versions)[0].organization().name(), "Chi bộ A");
}

TEST(TimelineTest, LaterRenameWinsAfterItsDate) {
  auto versions = FoldTimeline(
      {Established(2020, 1, 1, 1), Renamed("Late", 2024, 1, 1, 2), Renamed("Back-dated", 2022, 1, 1, 3)});
  ASSERT_TRUE(versions.ok());
  ASSERT_EQ(versions->size(), 3u);
  EXPECT_EQ((*versions)[1].organization().name(), "Back-dated");
  EXPECT_EQ((*versions)[2].organization().name(), "Late");
}

TEST(TimelineTest, RefusesChangesBeforeEstablishmentOrAfterTheEnd) {
  auto early = FoldTimeline({Established(2025, 7, 1, 1), Renamed("X", 2025, 6, 1, 2)});
  EXPECT_EQ(early.status().code(), absl::StatusCode::kFailedPrecondition);
  auto after_end = FoldTimeline({Established(2025, 7, 1, 1), Event(v1::DISSOLVED_EVENT, 2025, 8, 1, 2),
                                 Renamed("X", 2025, 9, 1, 3)});
  EXPECT_EQ(after_end.status().code(), absl::StatusCode::kFailedPrecondition);
  // A dissolution back-dated before a recorded rename is refused the same way.
  auto back_dated_end = FoldTimeline({Established(2025, 7, 1, 1), Renamed("X", 2025, 9, 1, 2),
                                      Event(v1::DISSOLVED_EVENT, 2025, 8, 1, 3)});
  EXPECT_EQ(back_dated_end.status().code(), absl::StatusCode::kFailedPrecondition);
}

TEST(TimelineTest, EndsKeepTheLastStateWithEndDate) {
  OrganizationEvent merged = Event(v1::MERGED_INTO, 2026, 1, 1, 2);
  merged.set_successor_id("9");
  auto versions = FoldTimeline({Established(2025, 7, 1, 1), merged});
  ASSERT_TRUE(versions.ok());
  ASSERT_EQ(versions->size(), 2u);
  const v1::Organization& ended = (*versions)[1].organization();
  EXPECT_EQ(ended.state(), v1::MERGED);
  EXPECT_EQ(ended.successor_id(), "9");
  EXPECT_EQ(ended.ended_on().year(), 2026);
  EXPECT_EQ(ended.name(), "Chi bộ 1");
  EXPECT_EQ((*versions)[0].to_day(), Day(2026, 1, 1));
}

}  // namespace
}  // namespace haicap::registry
