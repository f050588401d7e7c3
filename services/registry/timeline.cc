#include "services/registry/timeline.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "common/civil_date.h"
#include "common/errors.h"
#include "common/text/text.h"

namespace haicap::registry {
namespace {


void ApplyUpdate(const OrganizationEvent& e, v1::Organization* org) {
  for (const std::string& path : e.changed_fields().paths()) {
    if (path == "name") org->set_name(e.organization().name());
    if (path == "admin_unit_code") org->set_admin_unit_code(e.organization().admin_unit_code());
    if (path == "upper_grassroots_powers") {
      org->set_upper_grassroots_powers(e.organization().upper_grassroots_powers());
    }
    if (path == "kind") org->set_kind(e.organization().kind());
  }
}

}  // namespace

absl::StatusOr<std::vector<OrganizationVersion>> FoldTimeline(std::vector<OrganizationEvent> events) {
  std::stable_sort(events.begin(), events.end(), AppliesBefore<OrganizationEvent>);
  std::vector<OrganizationVersion> versions;
  v1::Organization current;
  for (const OrganizationEvent& e : events) {
    const int64_t day = DayNumber(e.effective_date());
    if (versions.empty() && e.type() != v1::ESTABLISHED) {
      const auto established = std::find_if(events.begin(), events.end(), [](const OrganizationEvent& x) {
        return x.type() == v1::ESTABLISHED;
      });
      return FailedPrecondition(
          "EFFECTIVE_BEFORE_ESTABLISHMENT",
          absl::StrCat("organization ", e.organization_id(), " was established on ",
                       established == events.end() ? "an unknown date" : FormatDayNumber(DayNumber(established->effective_date())),
                       "; a change effective ", FormatDayNumber(day), " cannot apply to it"));
    }
    if (!versions.empty() && current.state() != v1::ACTIVE) {
      return FailedPrecondition(
          "ORGANIZATION_ENDED",
          absl::StrCat("organization ", e.organization_id(), " (", current.name(), ") ended (",
                       current.state() == v1::MERGED ? "merged" : "dissolved", ") on ",
                       FormatDayNumber(versions.back().from_day()), "; a change effective ", FormatDayNumber(day),
                       " cannot apply to it"));
    }
    switch (e.type()) {
      case v1::ESTABLISHED:
        current = e.organization();
        current.set_id(e.organization_id());
        current.set_state(v1::ACTIVE);
        *current.mutable_established_on() = e.effective_date();
        break;
      case v1::UPDATED: ApplyUpdate(e, &current); break;
      case v1::MOVED: current.set_parent_id(e.parent_id()); break;
      case v1::MERGED_INTO:
        current.set_state(v1::MERGED);
        current.set_successor_id(e.successor_id());
        *current.mutable_ended_on() = e.effective_date();
        break;
      case v1::DISSOLVED_EVENT:
        current.set_state(v1::DISSOLVED);
        *current.mutable_ended_on() = e.effective_date();
        break;
      case v1::ABSORBED: continue;  // history only: the absorbing organisation itself is unchanged
      default: return absl::InternalError(absl::StrCat("unknown event type ", e.type()));
    }
    if (versions.empty() || versions.back().from_day() != day) {
      if (!versions.empty()) versions.back().set_to_day(day);
      versions.emplace_back();
      versions.back().set_from_day(day);
      versions.back().set_to_day(kOpenEnd);
    }
    *versions.back().mutable_organization() = current;
    versions.back().set_folded_name(text::FoldForSearch(current.name()));
  }
  return versions;
}

const OrganizationVersion* VersionAt(const OrganizationRecord& record, std::optional<int64_t> day) {
  return VersionIn(record.versions(), day);
}

v1::Organization WithEtag(const OrganizationRecord& record, const OrganizationVersion& version) {
  v1::Organization org = version.organization();
  org.set_etag(absl::StrCat(record.revision()));
  return org;
}

int64_t EstablishedDay(const OrganizationRecord& record) {
  return record.versions().empty() ? kOpenEnd : record.versions(0).from_day();
}

}  // namespace haicap::registry
