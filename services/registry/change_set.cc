#include "services/registry/change_set.h"

#include <algorithm>
#include <set>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/proto_time.h"
#include "common/civil_date.h"
#include "common/errors.h"
#include "common/status_macros.h"
#include "services/registry/organization_rules.h"

namespace haicap::registry {
namespace {

std::string Describe(const v1::Organization& org) { return absl::StrCat(org.name(), " (", org.id(), ")"); }

// Depth of the deepest real tree is 5; anything near this is a cycle.
constexpr int kMaxDepth = 64;

}  // namespace

absl::StatusOr<ChangeSet::Entry*> ChangeSet::Fetch(uint64_t id) {
  auto it = entries_.find(id);
  if (it != entries_.end()) return &it->second;
  ASSIGN_OR_RETURN(std::optional<OrganizationRecord> record, store_->ReadRecord(id));
  if (!record) return nullptr;
  Entry& entry = entries_[id];
  entry.before = *record;
  entry.after = std::move(*record);
  return &entry;
}

absl::StatusOr<const OrganizationRecord*> ChangeSet::Load(uint64_t id, std::string_view field) {
  ASSIGN_OR_RETURN(Entry * entry, Fetch(id));
  if (!entry) return NotFound("ORGANIZATION_NOT_FOUND", absl::StrCat(std::string(field), ": no organization with id ", id));
  return &entry->after;
}

absl::Status ChangeSet::AddEvent(uint64_t id, OrganizationEvent event, bool is_new) {
  RememberOrganization(id);
  Entry* entry = nullptr;
  if (is_new) {
    entry = &entries_[id];
  } else {
    ASSIGN_OR_RETURN(entry, Fetch(id));
    if (!entry) return NotFound("ORGANIZATION_NOT_FOUND", absl::StrCat("no organization with id ", id));
    if (!entry->changed) {
      ASSIGN_OR_RETURN(entry->events, store_->ReadEvents(id));
    }
  }
  event.set_organization_id(absl::StrCat(id));
  event.set_sequence(store_->AllocateSequence());
  event.set_actor(actor_);
  event.set_request_id(request_id_);
  *event.mutable_recorded_at() = ToTimestamp(recorded_at_);
  entry->events.push_back(event);
  entry->new_events.push_back(std::move(event));
  ASSIGN_OR_RETURN(std::vector<OrganizationVersion> versions, FoldTimeline(entry->events));
  entry->after.clear_versions();
  for (auto& v : versions) *entry->after.add_versions() = std::move(v);
  entry->after.set_revision((entry->before ? entry->before->revision() : 0) + 1);
  entry->changed = true;
  return absl::OkStatus();
}

absl::StatusOr<std::vector<uint64_t>> ChangeSet::ChildrenEver(uint64_t parent) {
  ASSIGN_OR_RETURN(std::vector<uint64_t> ids, store_->ChildIds(parent, {.ever = true}));
  const std::string parent_text = absl::StrCat(parent);
  for (const auto& [id, entry] : entries_) {
    if (!entry.changed) continue;
    for (const auto& v : entry.after.versions()) {
      if (v.organization().parent_id() == parent_text) {
        ids.push_back(id);
        break;
      }
    }
  }
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return ids;
}

absl::Status ChangeSet::CheckUnderParents(const OrganizationRecord& child) {
  for (const OrganizationVersion& v : child.versions()) {
    const v1::Organization& org = v.organization();
    if (org.state() != v1::ACTIVE) continue;
    if (org.parent_id().empty()) {
      if (IsRootKind(org.kind())) continue;
      return FailedPrecondition("PARENT_REQUIRED", absl::StrCat("a ", KindLabel(org.kind()), " needs a parent"));
    }
    if (IsRootKind(org.kind())) {
      return FailedPrecondition("KIND_NOT_ALLOWED_UNDER_PARENT",
                                absl::StrCat("a ", KindLabel(org.kind()), " cannot have a parent"));
    }
    uint64_t parent_id = 0;
    absl::SimpleAtoi(org.parent_id(), &parent_id);
    ASSIGN_OR_RETURN(Entry * parent, Fetch(parent_id));
    if (!parent) {
      return NotFound("PARENT_NOT_FOUND", absl::StrCat("no organization with id ", org.parent_id()));
    }
    if (EstablishedDay(parent->after) > v.from_day()) {
      return FailedPrecondition(
          "PARENT_NOT_ESTABLISHED",
          absl::StrCat(Describe(org), " would be under ", Describe(parent->after.versions(0).organization()),
                       " from ", FormatDayNumber(v.from_day()), ", but that organization was established only on ",
                       FormatDayNumber(EstablishedDay(parent->after))));
    }
    for (const OrganizationVersion& w : parent->after.versions()) {
      if (w.to_day() <= v.from_day() || v.to_day() <= w.from_day()) continue;
      const v1::Organization& p = w.organization();
      if (p.state() != v1::ACTIVE) {
        return FailedPrecondition(
            "PARENT_NOT_ACTIVE",
            absl::StrCat(Describe(org), " would be under ", Describe(p), " on ",
                         FormatDayNumber(std::max(v.from_day(), w.from_day())), ", but that organization ",
                         p.state() == v1::MERGED ? "was merged" : "was dissolved", " on ", FormatDayNumber(w.from_day())));
      }
      RETURN_IF_ERROR(CheckPlacement(p, org.kind()));
    }
  }
  return absl::OkStatus();
}

absl::Status ChangeSet::CheckNoCycles(uint64_t id) {
  const std::string id_text = absl::StrCat(id);
  ASSIGN_OR_RETURN(Entry * start, Fetch(id));
  std::set<int64_t> days;
  for (const auto& v : start->after.versions()) days.insert(v.from_day());
  const int64_t first_day = days.empty() ? 0 : *days.begin();
  std::set<int64_t> checked;
  while (!days.empty()) {
    const int64_t day = *days.begin();
    days.erase(days.begin());
    if (!checked.insert(day).second) continue;
    uint64_t current = id;
    for (int depth = 0;; ++depth) {
      ASSIGN_OR_RETURN(Entry * entry, Fetch(current));
      const OrganizationVersion* v = entry ? VersionAt(entry->after, day) : nullptr;
      if (!v || v->organization().parent_id().empty()) break;
      if (v->organization().parent_id() == id_text || depth >= kMaxDepth) {
        return FailedPrecondition("CYCLE", absl::StrCat("organization ", id, " would be under itself on ",
                                                        FormatDayNumber(day), ": an organization cannot move into its own subtree"));
      }
      absl::SimpleAtoi(v->organization().parent_id(), &current);
      // The ancestors' own changes can close a loop on later days: check those days too.
      ASSIGN_OR_RETURN(Entry * parent, Fetch(current));
      if (!parent) break;
      for (const auto& pv : parent->after.versions()) {
        if (pv.from_day() >= first_day && !checked.count(pv.from_day())) days.insert(pv.from_day());
      }
    }
  }
  return absl::OkStatus();
}

absl::Status ChangeSet::ValidateOrganizations(const std::vector<uint64_t>& ids) {
  for (uint64_t id : ids) {
    RETURN_IF_ERROR(CheckUnderParents(entries_.at(id).after));
    ASSIGN_OR_RETURN(std::vector<uint64_t> children, ChildrenEver(id));
    for (uint64_t child : children) {
      ASSIGN_OR_RETURN(Entry * entry, Fetch(child));
      if (entry) RETURN_IF_ERROR(CheckUnderParents(entry->after));
    }
    RETURN_IF_ERROR(CheckNoCycles(id));
  }
  return absl::OkStatus();
}

absl::Status ChangeSet::Validate() {
  std::vector<uint64_t> organizations, members;
  for (const auto& [id, entry] : entries_) {
    if (entry.changed) organizations.push_back(id);
  }
  for (const auto& [id, entry] : members_) {
    if (entry.changed) members.push_back(id);
  }
  RETURN_IF_ERROR(ValidateOrganizations(organizations));
  return ValidateMembers(members, organizations);
}

void ChangeSet::Savepoint() {
  savepoint_ = true;
  organizations_before_savepoint_.clear();
  members_before_savepoint_.clear();
}

void ChangeSet::RememberOrganization(uint64_t id) {
  if (!savepoint_ || organizations_before_savepoint_.count(id)) return;
  auto it = entries_.find(id);
  organizations_before_savepoint_[id] = it == entries_.end() ? std::nullopt : std::optional<Entry>(it->second);
}

void ChangeSet::RememberMember(uint64_t id) {
  if (!savepoint_ || members_before_savepoint_.count(id)) return;
  auto it = members_.find(id);
  members_before_savepoint_[id] = it == members_.end() ? std::nullopt : std::optional<MemberEntry>(it->second);
}

void ChangeSet::RollbackToSavepoint() {
  for (auto& [id, before] : organizations_before_savepoint_) {
    if (before) {
      entries_[id] = std::move(*before);
    } else {
      entries_.erase(id);
    }
  }
  for (auto& [id, before] : members_before_savepoint_) {
    if (before) {
      members_[id] = std::move(*before);
    } else {
      members_.erase(id);
    }
  }
  Savepoint();
}

absl::Status ChangeSet::ValidateSinceSavepoint() {
  std::vector<uint64_t> organizations, members;
  for (const auto& [id, before] : organizations_before_savepoint_) {
    if (entries_.count(id) && entries_.at(id).changed) organizations.push_back(id);
  }
  for (const auto& [id, before] : members_before_savepoint_) {
    if (members_.count(id) && members_.at(id).changed) members.push_back(id);
  }
  RETURN_IF_ERROR(ValidateOrganizations(organizations));
  return ValidateMembers(members, organizations);
}

void ChangeSet::Write(rocksdb::WriteBatch* batch) {
  for (const auto& [id, entry] : entries_) {
    if (!entry.changed) continue;
    for (const auto& event : entry.new_events) store_->PutEvent(batch, event);
    store_->PutRecord(batch, id, entry.before ? &*entry.before : nullptr, entry.after);
  }
  WriteMembers(batch);
}

v1::Organization ChangeSet::Latest(uint64_t id) const {
  const OrganizationRecord& record = entries_.at(id).after;
  return WithEtag(record, *VersionAt(record, std::nullopt));
}

}  // namespace haicap::registry
