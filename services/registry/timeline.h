// An organisation's timeline: the stretches ("versions") of its life, folded from its events.
//
// Events are deltas (established with these fields, renamed, moved under P, merged into S,
// dissolved) with an effective date. Folding them in (effective date, sequence) order gives the
// state on every day, so a decision recorded late (back-dated) lands in the right place and later
// decisions still win after their own dates.
#pragma once

#include <cstdint>
#include <limits>
#include <optional>
#include <vector>

#include "absl/status/statusor.h"
#include "common/civil_date.h"
#include "haicap/registry/internal/records.pb.h"
#include "haicap/registry/v1/registry.pb.h"

namespace haicap::registry {

using internal::OrganizationRecord;
using internal::OrganizationVersion;
using v1::OrganizationEvent;

// to_day of the current, open-ended version.
inline constexpr int64_t kOpenEnd = std::numeric_limits<int64_t>::max();

// The version of `versions` in force on `day` (a day number), or the last when `day` is empty;
// null before the first. Serves organisation and member timelines alike.
template <typename Version>
const Version* VersionIn(const google::protobuf::RepeatedPtrField<Version>& versions, std::optional<int64_t> day) {
  if (versions.empty()) return nullptr;
  if (!day) return &versions[versions.size() - 1];
  for (const Version& v : versions) {
    if (v.from_day() <= *day && *day < v.to_day()) return &v;
  }
  return nullptr;
}

// The order events apply in: by effective date, then as recorded.
template <typename Event>
bool AppliesBefore(const Event& a, const Event& b) {
  const auto da = DayNumber(a.effective_date()), db = DayNumber(b.effective_date());
  return da != db ? da < db : a.sequence() < b.sequence();
}

// The organisation of `version` with the record's etag.
v1::Organization WithEtag(const OrganizationRecord& record, const OrganizationVersion& version);

// Folds `events` of one organisation into its versions. FAILED_PRECONDITION when an event takes
// effect before the establishment (EFFECTIVE_BEFORE_ESTABLISHMENT) or after the organisation
// ended (ORGANIZATION_ENDED).
absl::StatusOr<std::vector<OrganizationVersion>> FoldTimeline(std::vector<OrganizationEvent> events);

// The version in force on `day` (a day number), or the latest when `day` is empty; null when the
// organisation did not exist yet.
const OrganizationVersion* VersionAt(const OrganizationRecord& record, std::optional<int64_t> day);

// The earliest day of the record (its establishment).
int64_t EstablishedDay(const OrganizationRecord& record);

}  // namespace haicap::registry
