// Reads of the member roster. Lists mask citizen IDs; GetMember and the exact citizen-ID lookup
// show them in full.
#include <algorithm>
#include <deque>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/civil_date.h"
#include "common/errors.h"
#include "common/pagination.h"
#include "common/status_macros.h"
#include "common/text/text.h"
#include "services/registry/member_clocks.h"
#include "services/registry/member_timeline.h"
#include "services/registry/organization_registry.h"
#include "services/registry/request_checks.h"

namespace haicap::registry {
namespace {

constexpr int kMaxQueryChars = 100;


}  // namespace

absl::StatusOr<v1::Member> OrganizationRegistry::GetMember(const v1::GetMemberRequest& request) const {
  ValidationErrors errors;
  errors.Add(ParseMemberId(request.id(), "id").status());
  errors.Add(CheckAsOf(request.as_of(), "as_of").status());
  RETURN_IF_ERROR(errors.Result());
  const uint64_t id = *ParseMemberId(request.id(), "id");
  const std::optional<int64_t> day = *CheckAsOf(request.as_of(), "as_of");
  ASSIGN_OR_RETURN(MemberRecord record, store_->ExistingMember(id, nullptr));
  const MemberVersion* version = MemberVersionAt(record, day);
  if (!version) {
    return NotFound("NOT_YET_REGISTERED", absl::StrCat("member ", id, " was not in the registry on ", FormatDayNumber(*day)));
  }
  v1::Member member = WithEtag(record, *version);
  ASSIGN_OR_RETURN(const ClockDueDays due, ReadClockDueDays(*store_, id));
  if (due.ceremony && member.status() == v1::ADMISSION_PENDING) {
    *member.mutable_ceremony_due_on() = ToProtoDate(FromDayNumber(due.ceremony->day));
    member.set_ceremony_due_provisional(due.ceremony->provisional);
  }
  if (due.recognition && member.status() == v1::PROBATIONARY) {
    *member.mutable_recognition_due_on() = ToProtoDate(FromDayNumber(due.recognition->day));
    member.set_recognition_due_provisional(due.recognition->provisional);
  }
  return member;
}

absl::StatusOr<v1::ListMembersResponse> OrganizationRegistry::ListMembers(const v1::ListMembersRequest& request) const {
  ValidationErrors errors;
  const bool by_citizen = !request.citizen_id().empty();
  if (by_citizen) {
    if (request.citizen_id().size() != 12 ||
        !std::all_of(request.citizen_id().begin(), request.citizen_id().end(), absl::ascii_isdigit)) {
      errors.Add(InvalidArgument("citizen_id", "must be 12 digits"));
    }
  } else if (request.organization_id().empty()) {
    errors.Add(InvalidArgument("organization_id", "is required unless citizen_id is given"));
  } else {
    errors.Add(ParseOrganizationId(request.organization_id(), "organization_id").status());
  }
  if (!v1::MemberStatus_IsValid(request.status())) errors.Add(InvalidArgument("status", "is not a known status"));
  if (!request.name_query().empty()) errors.Add(text::ValidateName("name_query", request.name_query(), kMaxQueryChars));
  errors.Add(CheckAsOf(request.as_of(), "as_of").status());
  errors.Add(CheckPageSize(request.page_size()).status());
  const uint64_t fingerprint = FilterFingerprint(request);
  const absl::StatusOr<uint64_t> offset = DecodeNumberToken(request.page_token(), fingerprint);
  errors.Add(offset.status());
  RETURN_IF_ERROR(errors.Result());
  const std::optional<int64_t> day = *CheckAsOf(request.as_of(), "as_of");
  const int page_size = *CheckPageSize(request.page_size());
  const std::string query = text::FoldForSearch(request.name_query());

  storage::ScopedSnapshot snapshot(store_->db());
  // Candidates: (collation key, member) of every match, sorted at the end.
  std::vector<std::pair<std::string, v1::Member>> matches;
  auto consider = [&](const MemberRecord& record, const std::string& in_organization) {
    const MemberVersion* v = MemberVersionAt(record, day);
    if (!v) return;
    const v1::Member& m = v->member();
    if (!in_organization.empty() && m.organization_id() != in_organization) return;
    const bool status_ok = request.status() == v1::MEMBER_STATUS_UNSPECIFIED ? IsLiving(m.status())
                                                                             : m.status() == request.status();
    if (!status_ok || (!query.empty() && !text::MatchesQuery(record.folded_name(), query))) return;
    v1::Member shown = WithEtag(record, *v);
    if (!by_citizen) shown.set_citizen_id(MaskCitizenId(shown.citizen_id()));
    matches.emplace_back(text::CollationKey(shown.full_name()), std::move(shown));
  };

  if (by_citizen) {
    ASSIGN_OR_RETURN(std::optional<uint64_t> owner, store_->CitizenOwner(request.citizen_id(), snapshot.get()));
    if (owner) {
      ASSIGN_OR_RETURN(MemberRecord record, store_->ExistingMember(*owner, snapshot.get()));
      consider(record, request.organization_id());
    }
  } else {
    const uint64_t root = *ParseOrganizationId(request.organization_id(), "organization_id");
    RETURN_IF_ERROR(store_->ExistingOrganization(root, snapshot.get()).status());
    std::deque<uint64_t> pending = {root};
    while (!pending.empty()) {
      const uint64_t org = pending.front();
      pending.pop_front();
      ASSIGN_OR_RETURN(std::vector<uint64_t> ids, store_->MemberIds(org, {.day = day}, snapshot.get()));
      for (uint64_t id : ids) {
        ASSIGN_OR_RETURN(MemberRecord record, store_->ExistingMember(id, snapshot.get()));
        consider(record, absl::StrCat(org));
      }
      if (request.include_subtree()) {
        ASSIGN_OR_RETURN(std::vector<uint64_t> children, store_->ChildIds(org, {.day = day}, snapshot.get()));
        pending.insert(pending.end(), children.begin(), children.end());
      }
    }
  }
  std::sort(matches.begin(), matches.end(), [](const auto& a, const auto& b) {
    if (a.first != b.first) return a.first < b.first;
    return a.second.id().size() != b.second.id().size() ? a.second.id().size() < b.second.id().size()
                                                          : a.second.id() < b.second.id();
  });
  v1::ListMembersResponse response;
  for (size_t i = *offset; i < matches.size() && response.members_size() < page_size; ++i) {
    *response.add_members() = std::move(matches[i].second);
  }
  if (*offset + response.members_size() < matches.size()) {
    response.set_next_page_token(EncodeNumberToken(fingerprint, *offset + response.members_size()));
  }
  return response;
}

absl::StatusOr<v1::ListMemberEventsResponse> OrganizationRegistry::ListMemberEvents(
    const v1::ListMemberEventsRequest& request) const {
  ValidationErrors errors;
  errors.Add(ParseMemberId(request.member_id(), "member_id").status());
  errors.Add(CheckPageSize(request.page_size()).status());
  const uint64_t fingerprint = FilterFingerprint(request);
  const absl::StatusOr<uint64_t> offset = DecodeNumberToken(request.page_token(), fingerprint);
  errors.Add(offset.status());
  RETURN_IF_ERROR(errors.Result());
  const uint64_t id = *ParseMemberId(request.member_id(), "member_id");
  const int page_size = *CheckPageSize(request.page_size());

  storage::ScopedSnapshot snapshot(store_->db());
  ASSIGN_OR_RETURN(MemberRecord record, store_->ExistingMember(id, snapshot.get()));
  ASSIGN_OR_RETURN(std::vector<MemberEvent> events, store_->ReadMemberEvents(id, snapshot.get()));
  std::stable_sort(events.begin(), events.end(), AppliesBefore<MemberEvent>);
  v1::ListMemberEventsResponse response;
  for (size_t i = *offset; i < events.size() && response.events_size() < page_size; ++i) {
    MemberEvent& e = events[i];
    // Show the member as the event left them; corrections are undated, so show the latest.
    const MemberVersion* v = MemberVersionAt(
        record, e.type() == v1::CORRECTED ? std::nullopt : std::optional<int64_t>(DayNumber(e.effective_date())));
    if (v) {
      *e.mutable_member() = WithEtag(record, *v);
      e.mutable_member()->set_citizen_id(MaskCitizenId(v->member().citizen_id()));
    }
    *response.add_events() = std::move(e);
  }
  if (*offset + response.events_size() < events.size()) {
    response.set_next_page_token(EncodeNumberToken(fingerprint, *offset + response.events_size()));
  }
  return response;
}

}  // namespace haicap::registry
