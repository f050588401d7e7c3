// Table renderings of registry answers about party members: one member as label/value lines, a
// roster as a table, and a member's history.
//
// Citizen IDs are printed exactly as the registry sent them: in full from GetMember and the
// exact citizen-ID lookup, masked ("********1234") in lists and histories.
#pragma once

#include <ostream>

#include "google/protobuf/repeated_ptr_field.h"
#include "haicap/registry/v1/registry.pb.h"
#include "tools/haicapctl/core/output.h"

namespace haicap::ctl {

namespace registry = ::haicap::registry::v1;

void PrintMember(std::ostream& out, const registry::Member& member);
// ID, NAME, BORN, SEX, CITIZEN ID, ORG, STATUS, ADMITTED, OFFICIAL; one row per member.
Table MemberTable(const google::protobuf::RepeatedPtrField<registry::Member>& members);
// EFFECTIVE, SEQ, EVENT, DETAILS, DECISION, ACTOR, RECORDED (Asia/Ho_Chi_Minh).
Table MemberEventTable(const google::protobuf::RepeatedPtrField<registry::MemberEvent>& events);

}  // namespace haicap::ctl
