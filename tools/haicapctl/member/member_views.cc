#include "tools/haicapctl/member/member_views.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "tools/haicapctl/core/args.h"

namespace haicap::ctl {
namespace {

std::string EventLabel(registry::MemberEventType type) {
  switch (type) {
    case registry::ADMITTED: return "admitted";
    case registry::CEREMONY_HELD: return "ceremony-held";
    case registry::REGISTERED: return "registered";
    case registry::RECOGNIZED_OFFICIAL: return "recognized-official";
    case registry::MEMBERSHIP_ENDED: return "ended";
    case registry::CORRECTED: return "corrected";
    case registry::MEMBER_MOVED: return "moved";
    case registry::MEMBER_TRANSFERRED: return "transferred";
    case registry::TEMPORARY_ACTIVITY_STARTED: return "temporarily-away";
    case registry::TEMPORARY_ACTIVITY_ENDED: return "returned";
    default: return absl::StrCat(static_cast<int>(type));
  }
}

// "name=Nguyễn Văn An, born=1990-05-02" for the fields a CORRECTED event changed, named as the
// `member update` flags name them.
std::string CorrectedFields(const registry::MemberEvent& event) {
  const registry::Member& member = event.member();
  std::vector<std::string> parts;
  for (const std::string& path : event.changed_fields().paths()) {
    if (path == "full_name") {
      parts.push_back(absl::StrCat("name=", member.full_name()));
    } else if (path == "date_of_birth") {
      parts.push_back(absl::StrCat("born=", FormatDate(member.date_of_birth())));
    } else if (path == "sex") {
      parts.push_back(absl::StrCat("sex=", SexLabel(member.sex())));
    } else if (path == "citizen_id") {
      parts.push_back(absl::StrCat("citizen-id=", member.citizen_id()));
    } else if (path == "party_card_number") {
      parts.push_back(absl::StrCat("card-number=", member.party_card_number()));
    } else if (path == "party_record_number") {
      parts.push_back(absl::StrCat("record-number=", member.party_record_number()));
    } else {
      parts.push_back(path);
    }
  }
  return absl::StrJoin(parts, ", ");
}

// " (transfers/T-000000000042)" when the event names what it belongs to.
std::string Reference(const registry::MemberEvent& event) {
  return event.reference().empty() ? "" : absl::StrCat(" (", event.reference(), ")");
}

std::string EventDetails(const registry::MemberEvent& event) {
  const registry::Member& member = event.member();
  switch (event.type()) {
    case registry::ADMITTED:
      return absl::StrCat("into ", member.organization_id(), ", ", MemberStatusLabel(member.status()));
    case registry::CEREMONY_HELD:
      return absl::StrCat("probationary from ", FormatDate(event.effective_date()));
    case registry::REGISTERED:
      return absl::StrCat("in ", member.organization_id(), ", ",
                          MemberStatusLabel(member.status()));
    case registry::RECOGNIZED_OFFICIAL:
      return absl::StrCat("official from ", FormatDate(member.official_on()));
    case registry::MEMBERSHIP_ENDED:
      return absl::StrCat(MemberStatusLabel(member.status()), ": ", member.end_reason());
    case registry::CORRECTED: return CorrectedFields(event);
    case registry::MEMBER_MOVED:
    case registry::MEMBER_TRANSFERRED:
      return absl::StrCat("from ", event.previous_organization_id(), " to ",
                          event.organization_id(), Reference(event));
    case registry::TEMPORARY_ACTIVITY_STARTED:
      return absl::StrCat("active in ", event.organization_id(), " until ",
                          FormatDate(member.temporary_until()), Reference(event));
    case registry::TEMPORARY_ACTIVITY_ENDED:
      return absl::StrCat("back from ", event.previous_organization_id(), Reference(event));
    default: return "";
  }
}

}  // namespace

void PrintMember(std::ostream& out, const registry::Member& member) {
  PrintFields(out, {
                       {"ID", member.id()},
                       {"Name", member.full_name()},
                       {"Born", FormatDate(member.date_of_birth())},
                       {"Sex", SexLabel(member.sex())},
                       {"Citizen ID", member.citizen_id()},
                       {"Party card", member.party_card_number()},
                       {"Party record", member.party_record_number()},
                       {"Organisation", member.organization_id()},
                       {"Temporarily in", member.temporary_organization_id()},
                       {"Until", FormatDate(member.temporary_until())},
                       {"Status", MemberStatusLabel(member.status())},
                       {"Admitted", FormatDate(member.admitted_on())},
                       {"Official", FormatDate(member.official_on())},
                       {"Ceremony by", FormatDueDate(member.ceremony_due_on(), member.ceremony_due_provisional())},
                       {"Recognise by",
                        FormatDueDate(member.recognition_due_on(), member.recognition_due_provisional())},
                       {"Ended", FormatDate(member.ended_on())},
                       {"End reason", member.end_reason()},
                       {"Etag", member.etag()},
                   });
}

Table MemberTable(const google::protobuf::RepeatedPtrField<registry::Member>& members) {
  Table table(
      {"ID", "NAME", "BORN", "SEX", "CITIZEN ID", "ORG", "STATUS", "ADMITTED", "OFFICIAL"});
  for (const registry::Member& member : members) {
    table.AddRow({member.id(), member.full_name(), FormatDate(member.date_of_birth()),
                  SexLabel(member.sex()), member.citizen_id(), member.organization_id(),
                  MemberStatusLabel(member.status()), FormatDate(member.admitted_on()),
                  FormatDate(member.official_on())});
  }
  return table;
}

Table MemberEventTable(const google::protobuf::RepeatedPtrField<registry::MemberEvent>& events) {
  Table table({"EFFECTIVE", "SEQ", "EVENT", "DETAILS", "DECISION", "ACTOR", "RECORDED"});
  for (const registry::MemberEvent& event : events) {
    table.AddRow({FormatDate(event.effective_date()), absl::StrCat(event.sequence()),
                  EventLabel(event.type()), EventDetails(event),
                  DescribeDecision(event.decision()), event.actor(),
                  event.has_recorded_at() ? FormatVietnamTime(event.recorded_at()) : ""});
  }
  return table;
}

}  // namespace haicap::ctl
