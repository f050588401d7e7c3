// A member's timeline, folded from their events like an organisation's (timeline.h): which
// organisation they were in, where they were temporarily active, with which status, on every
// day. Corrections of personal data are not dated: they apply to the whole timeline.
#pragma once

#include <optional>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "haicap/registry/internal/records.pb.h"
#include "haicap/registry/v1/registry.pb.h"

namespace haicap::registry {

using internal::MemberRecord;
using internal::MemberVersion;
using v1::MemberEvent;

// Probationary and official members count; removed, expelled and deceased ones do not.
bool IsLiving(v1::MemberStatus status);
// Living members and those whose admission ceremony is pending: they sit in an organisation and
// hold their citizen ID, though the pending ones are not counted.
bool HoldsPlace(v1::MemberStatus status);

// The end of the 12 months of probation that start on `admitted`: the same day a year later, or
// the last day of that month (29/2 → 28/2).
absl::CivilDay ProbationEnd(absl::CivilDay admitted);

// Folds the events of one member into versions. FAILED_PRECONDITION when an event falls before
// the member's first (MEMBER_NOT_YET_REGISTERED) or after the membership ended (MEMBERSHIP_ENDED).
absl::StatusOr<std::vector<MemberVersion>> FoldMemberTimeline(std::vector<MemberEvent> events);

// The version in force on `day` (a day number), or the latest when empty; null before the first.
const MemberVersion* MemberVersionAt(const MemberRecord& record, std::optional<int64_t> day);

// The member of `version` with the record's etag (and the full citizen ID).
v1::Member WithEtag(const MemberRecord& record, const MemberVersion& version);

// "********1234": every digit but the last four hidden.
std::string MaskCitizenId(const std::string& citizen_id);

}  // namespace haicap::registry
