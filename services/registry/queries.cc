// Reads of the organisation tree, as of a date or in the latest state. Each read works on one
// RocksDB snapshot, so it never sees half of a concurrent change.
#include <algorithm>
#include <deque>
#include <map>
#include <set>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/civil_date.h"
#include "common/errors.h"
#include "common/pagination.h"
#include "common/status_macros.h"
#include "common/text/text.h"
#include "services/registry/organization_registry.h"
#include "services/registry/organization_rules.h"
#include "services/registry/request_checks.h"

namespace haicap::registry {
namespace {

constexpr int kMaxQueryChars = 200;

std::string NotYetText(uint64_t id, std::optional<int64_t> day, const OrganizationRecord& record) {
  return absl::StrCat("organization ", id, " did not exist on ", FormatDayNumber(*day), " (established on ",
                      FormatDayNumber(EstablishedDay(record)), ")");
}

}  // namespace

absl::StatusOr<v1::Organization> OrganizationRegistry::Get(const v1::GetOrganizationRequest& request) const {
  ValidationErrors errors;
  errors.Add(ParseOrganizationId(request.id(), "id").status());
  errors.Add(CheckAsOf(request.as_of(), "as_of").status());
  RETURN_IF_ERROR(errors.Result());
  const uint64_t id = *ParseOrganizationId(request.id(), "id");
  const std::optional<int64_t> day = *CheckAsOf(request.as_of(), "as_of");
  ASSIGN_OR_RETURN(OrganizationRecord record, store_->ExistingOrganization(id, nullptr));
  const OrganizationVersion* version = VersionAt(record, day);
  if (!version) return NotFound("NOT_YET_ESTABLISHED", NotYetText(id, day, record));
  return WithEtag(record, *version);
}

absl::StatusOr<v1::ListOrganizationsResponse> OrganizationRegistry::List(
    const v1::ListOrganizationsRequest& request) const {
  ValidationErrors errors;
  errors.Add(CheckPageSize(request.page_size()).status());
  errors.Add(CheckAsOf(request.as_of(), "as_of").status());
  if (!request.parent_id().empty()) errors.Add(ParseOrganizationId(request.parent_id(), "parent_id").status());
  if (!v1::OrganizationKind_IsValid(request.kind())) errors.Add(InvalidArgument("kind", "is not a known kind"));
  if (!v1::OrganizationState_IsValid(request.state())) errors.Add(InvalidArgument("state", "is not a known state"));
  if (!request.name_query().empty()) {
    errors.Add(text::ValidateName("name_query", request.name_query(), kMaxQueryChars));
  }
  const uint64_t fingerprint = FilterFingerprint(request);
  const absl::StatusOr<uint64_t> after_token = DecodeNumberToken(request.page_token(), fingerprint);
  errors.Add(after_token.status());
  RETURN_IF_ERROR(errors.Result());
  const uint64_t after = *after_token;
  const int page_size = *CheckPageSize(request.page_size());
  const std::optional<int64_t> day = *CheckAsOf(request.as_of(), "as_of");
  const std::string query = text::FoldForSearch(request.name_query());

  storage::ScopedSnapshot snapshot(store_->db());
  v1::ListOrganizationsResponse response;
  uint64_t last_id = 0;
  bool more = false;
  // Returns false once the page is full and one more match proves there is a next page.
  auto consider = [&](uint64_t id, const OrganizationRecord& record) {
    const OrganizationVersion* v = VersionAt(record, day);
    if (!v) return true;
    const v1::Organization& org = v->organization();
    if (!request.parent_id().empty() && org.parent_id() != request.parent_id()) return true;
    if (request.kind() != v1::ORGANIZATION_KIND_UNSPECIFIED && org.kind() != request.kind()) return true;
    if (request.state() != v1::ORGANIZATION_STATE_UNSPECIFIED && org.state() != request.state()) return true;
    if (!request.admin_unit_code().empty() && org.admin_unit_code() != request.admin_unit_code()) return true;
    if (!query.empty() && !text::MatchesQuery(v->folded_name(), query)) return true;
    if (response.organizations_size() == page_size) {
      more = true;
      return false;
    }
    *response.add_organizations() = WithEtag(record, *v);
    last_id = id;
    return true;
  };

  if (!request.parent_id().empty()) {
    const uint64_t parent = *ParseOrganizationId(request.parent_id(), "parent_id");
    RETURN_IF_ERROR(store_->ExistingOrganization(parent, snapshot.get()).status());
    ASSIGN_OR_RETURN(std::vector<uint64_t> children,
                     store_->ChildIds(parent, {.day = day}, snapshot.get()));
    for (uint64_t id : children) {
      if (id <= after) continue;
      ASSIGN_OR_RETURN(OrganizationRecord record, store_->ExistingOrganization(id, snapshot.get()));
      if (!consider(id, record)) break;
    }
  } else {
    auto it = store_->ScanOrganizations(snapshot.get());
    if (after > 0) it->Seek(RegistryStore::OrganizationKey(after + 1));
    for (; it->Valid(); it->Next()) {
      std::optional<uint64_t> id = RegistryStore::OrganizationIdFromKey(it->key());
      OrganizationRecord record;
      if (!id || !record.ParseFromArray(it->value().data(), static_cast<int>(it->value().size()))) {
        return Internal("CORRUPT_RECORD", "organization record is unreadable");
      }
      if (!consider(*id, record)) break;
    }
    RETURN_IF_ERROR(storage::FromRocksStatus(it->status()));
  }
  if (more) response.set_next_page_token(EncodeNumberToken(fingerprint, last_id));
  return response;
}

absl::StatusOr<v1::ListOrganizationEventsResponse> OrganizationRegistry::ListEvents(
    const v1::ListOrganizationEventsRequest& request) const {
  ValidationErrors errors;
  errors.Add(ParseOrganizationId(request.organization_id(), "organization_id").status());
  errors.Add(CheckAsOf(request.from_date(), "from_date").status());
  errors.Add(CheckAsOf(request.to_date(), "to_date").status());
  errors.Add(CheckPageSize(request.page_size()).status());
  const uint64_t fingerprint = FilterFingerprint(request);
  const absl::StatusOr<uint64_t> offset_token = DecodeNumberToken(request.page_token(), fingerprint);
  errors.Add(offset_token.status());
  RETURN_IF_ERROR(errors.Result());
  const size_t offset = *offset_token;
  const uint64_t root = *ParseOrganizationId(request.organization_id(), "organization_id");
  const std::optional<int64_t> from = *CheckAsOf(request.from_date(), "from_date");
  const std::optional<int64_t> to = *CheckAsOf(request.to_date(), "to_date");
  const int page_size = *CheckPageSize(request.page_size());

  storage::ScopedSnapshot snapshot(store_->db());
  std::map<uint64_t, OrganizationRecord> records;
  ASSIGN_OR_RETURN(records[root], store_->ExistingOrganization(root, snapshot.get()));
  // Everyone who was ever under the root, breadth first.
  std::deque<uint64_t> pending = {root};
  while (request.include_subtree() && !pending.empty()) {
    ASSIGN_OR_RETURN(std::vector<uint64_t> children, store_->ChildIds(pending.front(), {.ever = true}, snapshot.get()));
    pending.pop_front();
    for (uint64_t child : children) {
      if (records.count(child)) continue;
      ASSIGN_OR_RETURN(records[child], store_->ExistingOrganization(child, snapshot.get()));
      pending.push_back(child);
    }
  }
  std::vector<OrganizationEvent> events;
  for (const auto& [id, record] : records) {
    ASSIGN_OR_RETURN(std::vector<OrganizationEvent> recorded, store_->ReadEvents(id, snapshot.get()));
    for (OrganizationEvent& e : recorded) {
      const int64_t day = DayNumber(e.effective_date());
      if ((from && day < *from) || (to && day > *to)) continue;
      // Show the organisation as the event left it (stored events hold only the change).
      if (const OrganizationVersion* v = VersionAt(record, day)) *e.mutable_organization() = WithEtag(record, *v);
      events.push_back(std::move(e));
    }
  }
  std::sort(events.begin(), events.end(), AppliesBefore<OrganizationEvent>);
  v1::ListOrganizationEventsResponse response;
  for (size_t i = offset; i < events.size() && response.events_size() < page_size; ++i) {
    *response.add_events() = std::move(events[i]);
  }
  if (offset + response.events_size() < events.size()) {
    response.set_next_page_token(EncodeNumberToken(fingerprint, offset + response.events_size()));
  }
  return response;
}

}  // namespace haicap::registry
