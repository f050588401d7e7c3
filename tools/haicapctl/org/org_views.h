// Table renderings of registry answers about organisations: one organisation as label/value
// lines, lists as tables, the history and the subtree summary with its findings.
#pragma once

#include <ostream>
#include <string>

#include "google/protobuf/repeated_ptr_field.h"
#include "haicap/registry/v1/registry.pb.h"
#include "tools/haicapctl/core/output.h"

namespace haicap::ctl {

namespace registry = ::haicap::registry::v1;

void PrintOrganization(std::ostream& out, const registry::Organization& organization);
// ID, NAME, KIND, UNIT, PARENT, STATE, ESTABLISHED, one row per organisation.
Table OrganizationTable(const google::protobuf::RepeatedPtrField<registry::Organization>& list);
// EFFECTIVE, SEQ, ORG, EVENT, DETAILS, DECISION, ACTOR, RECORDED (Asia/Ho_Chi_Minh).
Table EventTable(const google::protobuf::RepeatedPtrField<registry::OrganizationEvent>& events);
// The counts, the active organisations by kind, then the findings one per line (or "No
// findings.").
void PrintSummary(std::ostream& out, const registry::SubtreeSummary& summary);

}  // namespace haicap::ctl
