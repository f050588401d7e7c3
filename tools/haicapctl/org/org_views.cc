#include "tools/haicapctl/org/org_views.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "tools/haicapctl/core/args.h"

namespace haicap::ctl {
namespace {

std::string EventLabel(registry::EventType type) {
  switch (type) {
    case registry::ESTABLISHED: return "established";
    case registry::UPDATED: return "updated";
    case registry::MOVED: return "moved";
    case registry::MERGED_INTO: return "merged-into";
    case registry::ABSORBED: return "absorbed";
    case registry::DISSOLVED_EVENT: return "dissolved";
    default: return absl::StrCat(static_cast<int>(type));
  }
}

// "name=Chi bộ 3, kind=cell" for the fields an UPDATED event changed.
std::string ChangedFields(const registry::OrganizationEvent& event) {
  const registry::Organization& org = event.organization();
  std::vector<std::string> parts;
  for (const std::string& path : event.changed_fields().paths()) {
    if (path == "name") {
      parts.push_back(absl::StrCat("name=", org.name()));
    } else if (path == "kind") {
      parts.push_back(absl::StrCat("kind=", KindLabel(org.kind())));
    } else if (path == "admin_unit_code") {
      parts.push_back(absl::StrCat("unit=", org.admin_unit_code()));
    } else if (path == "upper_grassroots_powers") {
      parts.push_back(absl::StrCat("upper-grassroots-powers=",
                                   org.upper_grassroots_powers() ? "true" : "false"));
    } else {
      parts.push_back(path);
    }
  }
  return absl::StrJoin(parts, ", ");
}

std::string EventDetails(const registry::OrganizationEvent& event) {
  switch (event.type()) {
    case registry::ESTABLISHED:
      return event.parent_id().empty() ? "" : absl::StrCat("under ", event.parent_id());
    case registry::UPDATED: return ChangedFields(event);
    case registry::MOVED:
      return absl::StrCat("from ", event.previous_parent_id(), " to ", event.parent_id());
    case registry::MERGED_INTO: return absl::StrCat("into ", event.successor_id());
    case registry::ABSORBED: return absl::StrCat("from ", absl::StrJoin(event.source_ids(), ", "));
    default: return "";
  }
}

std::string FindingLabel(registry::FindingKind kind) {
  switch (kind) {
    case registry::TOO_FEW_OFFICIAL_MEMBERS: return "too few official members";
    case registry::GRASSROOTS_CELL_TOO_LARGE: return "grassroots cell too large";
    case registry::PROBATION_ENDING: return "probation ending";
    case registry::RECOGNITION_OVERDUE: return "recognition overdue";
    case registry::RECOGNITION_DUE: return "recognition due";
    case registry::CEREMONY_PENDING: return "ceremony pending";
    case registry::CEREMONY_OVERDUE: return "ceremony overdue";
    default: return absl::StrCat(static_cast<int>(kind));
  }
}

// "Nguyễn Văn An (m-7)"; "" when `id` is.
std::string NameWithId(const std::string& name, const std::string& id) {
  if (id.empty()) return "";
  return name.empty() ? id : absl::StrCat(name, " (", id, ")");
}

// FINDING, ORGANISATION, MEMBER, DUE, MESSAGE: one line per finding.
Table FindingTable(const google::protobuf::RepeatedPtrField<registry::Finding>& findings) {
  Table table({"FINDING", "ORGANISATION", "MEMBER", "DUE", "MESSAGE"});
  for (const registry::Finding& finding : findings) {
    table.AddRow({FindingLabel(finding.kind()),
                  NameWithId(finding.organization_name(), finding.organization_id()),
                  NameWithId(finding.member_name(), finding.member_id()),
                  FormatDueDate(finding.due_on(), finding.due_provisional()), finding.message()});
  }
  return table;
}

}  // namespace

void PrintOrganization(std::ostream& out, const registry::Organization& org) {
  PrintFields(out, {
                       {"ID", org.id()},
                       {"Name", org.name()},
                       {"Kind", KindLabel(org.kind())},
                       {"Parent", org.parent_id()},
                       {"Admin unit", org.admin_unit_code()},
                       {"Upper-grassroots powers", org.upper_grassroots_powers() ? "yes" : ""},
                       {"State", StateLabel(org.state())},
                       {"Established", FormatDate(org.established_on())},
                       {"Ended", FormatDate(org.ended_on())},
                       {"Successor", org.successor_id()},
                       {"Etag", org.etag()},
                   });
}

Table OrganizationTable(const google::protobuf::RepeatedPtrField<registry::Organization>& list) {
  Table table({"ID", "NAME", "KIND", "UNIT", "PARENT", "STATE", "ESTABLISHED"});
  for (const registry::Organization& org : list) {
    table.AddRow({org.id(), org.name(), KindLabel(org.kind()), org.admin_unit_code(),
                  org.parent_id(), StateLabel(org.state()), FormatDate(org.established_on())});
  }
  return table;
}

Table EventTable(const google::protobuf::RepeatedPtrField<registry::OrganizationEvent>& events) {
  Table table(
      {"EFFECTIVE", "SEQ", "ORG", "EVENT", "DETAILS", "DECISION", "ACTOR", "RECORDED"});
  for (const registry::OrganizationEvent& event : events) {
    table.AddRow({FormatDate(event.effective_date()), absl::StrCat(event.sequence()),
                  event.organization_id(), EventLabel(event.type()), EventDetails(event),
                  DescribeDecision(event.decision()), event.actor(),
                  event.has_recorded_at() ? FormatVietnamTime(event.recorded_at()) : ""});
  }
  return table;
}

void PrintSummary(std::ostream& out, const registry::SubtreeSummary& summary) {
  const registry::Organization& root = summary.root();
  PrintFields(out, {
                       {"Organisation", absl::StrCat(root.name(), " (", root.id(), ", ",
                                                     KindLabel(root.kind()), ")")},
                       {"As of", FormatDate(summary.as_of())},
                       {"Organisations under it", absl::StrCat(summary.total_organizations())},
                       {"Party members", absl::StrCat(summary.member_count())},
                       {"  official", absl::StrCat(summary.official_member_count())},
                       {"  probationary", absl::StrCat(summary.probationary_member_count())},
                   });
  if (!summary.organizations_by_kind().empty()) {
    out << '\n';
    Table kinds({"KIND", "ACTIVE"});
    for (const registry::KindCount& count : summary.organizations_by_kind()) {
      kinds.AddRow({KindLabel(count.kind()), absl::StrCat(count.count())});
    }
    kinds.Print(out);
  }
  out << '\n';
  if (summary.findings().empty()) {
    out << "No findings.\n";
    return;
  }
  out << "Findings (" << summary.findings_size() << "), to act on:\n";
  FindingTable(summary.findings()).Print(out);
}

}  // namespace haicap::ctl
