// Pieces shared by the member mutations: input checks of member data (RegisterMember and
// ImportMembers), the etag check and new events (members.cc and member_moves.cc).
#pragma once

#include <cstdint>
#include <string>

#include "common/errors.h"
#include "haicap/registry/v1/registry.pb.h"
#include "services/registry/member_timeline.h"

namespace haicap::registry {

// Adds to `errors` what is wrong with the personal data, status and dates of a member being
// registered; `prefix` is the path of the member message in field names, e.g. "member." or "".
void CheckRegistration(const v1::Member& member, const std::string& prefix, ValidationErrors* errors);

// ABORTED (ETAG_MISMATCH) when `etag` is given and is not the record's; member `id` is named.
absl::Status CheckMemberEtag(const MemberRecord& record, const std::string& etag, uint64_t id);

// An event of `type` effective `effective` under `decision`; ChangeSet stamps the rest.
MemberEvent NewMemberEvent(v1::MemberEventType type, const google::type::Date& effective, const v1::Decision& decision);

}  // namespace haicap::registry
