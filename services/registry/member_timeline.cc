#include "services/registry/member_timeline.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "common/civil_date.h"
#include "common/errors.h"
#include "services/registry/timeline.h"

namespace haicap::registry {
namespace {

void ApplyCorrection(const MemberEvent& e, v1::Member* m) {
  for (const std::string& path : e.changed_fields().paths()) {
    if (path == "full_name") m->set_full_name(e.member().full_name());
    if (path == "date_of_birth") *m->mutable_date_of_birth() = e.member().date_of_birth();
    if (path == "sex") m->set_sex(e.member().sex());
    if (path == "citizen_id") m->set_citizen_id(e.member().citizen_id());
    if (path == "party_card_number") m->set_party_card_number(e.member().party_card_number());
    if (path == "party_record_number") m->set_party_record_number(e.member().party_record_number());
  }
}

}  // namespace

bool IsLiving(v1::MemberStatus status) { return status == v1::PROBATIONARY || status == v1::OFFICIAL; }

bool HoldsPlace(v1::MemberStatus status) { return IsLiving(status) || status == v1::ADMISSION_PENDING; }

absl::CivilDay ProbationEnd(absl::CivilDay admitted) { return AddYears(admitted, 1); }

absl::StatusOr<std::vector<MemberVersion>> FoldMemberTimeline(std::vector<MemberEvent> events) {
  std::stable_sort(events.begin(), events.end(), AppliesBefore<MemberEvent>);
  std::vector<MemberVersion> versions;
  v1::Member current;
  std::vector<const MemberEvent*> corrections;
  for (const MemberEvent& e : events) {
    const int64_t day = DayNumber(e.effective_date());
    if (e.type() == v1::CORRECTED) {
      corrections.push_back(&e);
      continue;
    }
    const bool first = e.type() == v1::ADMITTED || e.type() == v1::REGISTERED;
    if (versions.empty() != first) {
      return FailedPrecondition(versions.empty() ? "MEMBER_NOT_YET_REGISTERED" : "ALREADY_REGISTERED",
                                absl::StrCat("member ", e.member_id(), ": a change effective ",
                                             FormatDayNumber(day), " comes before the member was registered"));
    }
    if (!versions.empty() && !HoldsPlace(current.status())) {
      return FailedPrecondition("MEMBERSHIP_ENDED",
                                absl::StrCat("the membership of member ", e.member_id(), " ended on ",
                                             FormatDayNumber(versions.back().from_day()), "; a change effective ",
                                             FormatDayNumber(day), " cannot apply"));
    }
    switch (e.type()) {
      case v1::ADMITTED:
      case v1::REGISTERED:
        current = e.member();
        current.set_id(e.member_id());
        break;
      case v1::CEREMONY_HELD:
        current.set_status(v1::PROBATIONARY);
        *current.mutable_admitted_on() = e.effective_date();
        break;
      case v1::RECOGNIZED_OFFICIAL:
        current.set_status(v1::OFFICIAL);
        *current.mutable_official_on() = e.effective_date();
        break;
      case v1::MEMBERSHIP_ENDED:
        current.set_status(e.member().status());
        current.set_end_reason(e.member().end_reason());
        *current.mutable_ended_on() = e.effective_date();
        // An ended membership is active nowhere, temporarily or not.
        current.clear_temporary_organization_id();
        current.clear_temporary_until();
        break;
      case v1::MEMBER_MOVED:
      case v1::MEMBER_TRANSFERRED: current.set_organization_id(e.organization_id()); break;
      case v1::TEMPORARY_ACTIVITY_STARTED:
        current.set_temporary_organization_id(e.organization_id());
        *current.mutable_temporary_until() = e.member().temporary_until();
        break;
      case v1::TEMPORARY_ACTIVITY_ENDED:
        current.clear_temporary_organization_id();
        current.clear_temporary_until();
        break;
      default: return absl::InternalError(absl::StrCat("unknown member event type ", e.type()));
    }
    if (versions.empty() || versions.back().from_day() != day) {
      if (!versions.empty()) versions.back().set_to_day(day);
      versions.emplace_back();
      versions.back().set_from_day(day);
      versions.back().set_to_day(kOpenEnd);
    }
    *versions.back().mutable_member() = current;
  }
  std::stable_sort(corrections.begin(), corrections.end(),
                   [](const MemberEvent* a, const MemberEvent* b) { return a->sequence() < b->sequence(); });
  for (MemberVersion& v : versions) {
    for (const MemberEvent* c : corrections) ApplyCorrection(*c, v.mutable_member());
  }
  return versions;
}

const MemberVersion* MemberVersionAt(const MemberRecord& record, std::optional<int64_t> day) {
  return VersionIn(record.versions(), day);
}

v1::Member WithEtag(const MemberRecord& record, const MemberVersion& version) {
  v1::Member member = version.member();
  member.set_etag(absl::StrCat(record.revision()));
  return member;
}

std::string MaskCitizenId(const std::string& citizen_id) {
  if (citizen_id.size() <= 4) return std::string(citizen_id.size(), '*');
  return std::string(citizen_id.size() - 4, '*') + citizen_id.substr(citizen_id.size() - 4);
}

}  // namespace haicap::registry
