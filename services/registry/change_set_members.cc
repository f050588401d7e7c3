// The member half of ChangeSet: staging member events and checking where members may be.
#include <algorithm>
#include <set>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/proto_time.h"
#include "common/civil_date.h"
#include "common/errors.h"
#include "common/status_macros.h"
#include "services/registry/change_set.h"
#include "common/text/text.h"
#include "services/registry/organization_rules.h"

namespace haicap::registry {

absl::StatusOr<ChangeSet::MemberEntry*> ChangeSet::FetchMember(uint64_t id) {
  auto it = members_.find(id);
  if (it != members_.end()) return &it->second;
  ASSIGN_OR_RETURN(std::optional<MemberRecord> record, store_->ReadMember(id));
  if (!record) return nullptr;
  MemberEntry& entry = members_[id];
  entry.before = *record;
  entry.after = std::move(*record);
  return &entry;
}

absl::StatusOr<const MemberRecord*> ChangeSet::LoadMember(uint64_t id, std::string_view field) {
  ASSIGN_OR_RETURN(MemberEntry * entry, FetchMember(id));
  if (!entry) return NotFound("MEMBER_NOT_FOUND", absl::StrCat(std::string(field), ": no member with id ", id));
  return &entry->after;
}

absl::Status ChangeSet::AddMemberEvent(uint64_t id, MemberEvent event, bool is_new) {
  RememberMember(id);
  MemberEntry* entry = nullptr;
  if (is_new) {
    entry = &members_[id];
  } else {
    ASSIGN_OR_RETURN(entry, FetchMember(id));
    if (!entry) return NotFound("MEMBER_NOT_FOUND", absl::StrCat("no member with id ", id));
    if (!entry->changed) {
      ASSIGN_OR_RETURN(entry->events, store_->ReadMemberEvents(id));
    }
  }
  event.set_member_id(absl::StrCat(id));
  event.set_sequence(store_->AllocateMemberSequence());
  event.set_actor(actor_);
  event.set_request_id(request_id_);
  *event.mutable_recorded_at() = ToTimestamp(recorded_at_);
  entry->events.push_back(event);
  entry->new_events.push_back(std::move(event));
  ASSIGN_OR_RETURN(std::vector<MemberVersion> versions, FoldMemberTimeline(entry->events));
  entry->after.clear_versions();
  for (auto& v : versions) *entry->after.add_versions() = std::move(v);
  entry->after.set_folded_name(entry->after.versions_size() > 0 ? text::FoldForSearch(
      entry->after.versions(entry->after.versions_size() - 1).member().full_name()) : "");
  entry->after.set_revision((entry->before ? entry->before->revision() : 0) + 1);
  entry->changed = true;
  return absl::OkStatus();
}

v1::Member ChangeSet::LatestMember(uint64_t id) const {
  const MemberRecord& record = members_.at(id).after;
  return WithEtag(record, *MemberVersionAt(record, std::nullopt));
}

absl::Status ChangeSet::CheckMemberPlacement(const MemberRecord& member) {
  for (const MemberVersion& v : member.versions()) {
    const v1::Member& m = v.member();
    if (!HoldsPlace(m.status())) continue;
    uint64_t org_id = 0;
    absl::SimpleAtoi(m.organization_id(), &org_id);
    RETURN_IF_ERROR(CheckMayHoldMember(m.id(), org_id, v.from_day(), v.to_day()));
  }
  return absl::OkStatus();
}

absl::Status ChangeSet::CheckMayHoldMember(const std::string& member_id, uint64_t org_id, int64_t from_day,
                                           int64_t to_day) {
  ASSIGN_OR_RETURN(Entry * org, Fetch(org_id));
  if (!org) return NotFound("ORGANIZATION_NOT_FOUND", absl::StrCat("no organization with id ", org_id));
  const v1::Organization& first = org->after.versions(0).organization();
  if (EstablishedDay(org->after) > from_day) {
    return FailedPrecondition("ORGANIZATION_NOT_ESTABLISHED",
                              absl::StrCat("member ", member_id, " would be in ", first.name(), " (", first.id(), ") from ",
                                           FormatDayNumber(from_day), ", but it was established only on ",
                                           FormatDayNumber(EstablishedDay(org->after))));
  }
  for (const OrganizationVersion& w : org->after.versions()) {
    if (w.to_day() <= from_day || to_day <= w.from_day()) continue;
    const v1::Organization& o = w.organization();
    if (o.state() != v1::ACTIVE) {
      return FailedPrecondition("ORGANIZATION_NOT_ACTIVE",
                                absl::StrCat("member ", member_id, " would be in ", o.name(), " (", o.id(), ") on ",
                                             FormatDayNumber(std::max(from_day, w.from_day())), ", but it ",
                                             o.state() == v1::MERGED ? "was merged" : "was dissolved", " on ",
                                             FormatDayNumber(w.from_day())));
    }
    RETURN_IF_ERROR(CheckHoldsMembers(o));
  }
  return absl::OkStatus();
}

absl::Status ChangeSet::ValidateMembers(const std::vector<uint64_t>& members,
                                        const std::vector<uint64_t>& organizations) {
  std::set<uint64_t> to_check(members.begin(), members.end());
  // An organisation that ends or changes kind must not strand its members.
  for (uint64_t org : organizations) {
    ASSIGN_OR_RETURN(std::vector<uint64_t> ids, store_->MemberIds(org, {.ever = true}));
    to_check.insert(ids.begin(), ids.end());
  }
  for (uint64_t id : to_check) {
    ASSIGN_OR_RETURN(MemberEntry * entry, FetchMember(id));
    if (entry) RETURN_IF_ERROR(CheckMemberPlacement(entry->after));
  }
  // No two living members share a citizen ID.
  std::map<std::string, uint64_t> claimed;
  for (uint64_t id : members) {
    const MemberEntry& entry = members_.at(id);
    if (!entry.changed || entry.after.versions().empty()) continue;
    const v1::Member& latest = entry.after.versions(entry.after.versions_size() - 1).member();
    if (!HoldsPlace(latest.status())) continue;
    auto [it, fresh] = claimed.emplace(latest.citizen_id(), id);
    if (!fresh) {
      return AlreadyExists("CITIZEN_ID_TAKEN", absl::StrCat("members ", it->second, " and ", id, " have the same citizen ID"));
    }
    ASSIGN_OR_RETURN(std::optional<uint64_t> owner, store_->CitizenOwner(latest.citizen_id()));
    if (!owner || *owner == id) continue;
    // The owner may be giving the ID up in this same change.
    auto owner_entry = members_.find(*owner);
    if (owner_entry != members_.end() && owner_entry->second.changed) {
      const v1::Member& o = owner_entry->second.after.versions(owner_entry->second.after.versions_size() - 1).member();
      if (!HoldsPlace(o.status()) || o.citizen_id() != latest.citizen_id()) continue;
    }
    return AlreadyExists("CITIZEN_ID_TAKEN",
                         absl::StrCat("the citizen ID already belongs to living member ", *owner));
  }
  return absl::OkStatus();
}

absl::Status ChangeSet::ForEachChangedMember(const MemberVisitor& visit) const {
  for (const auto& [id, entry] : members_) {
    if (entry.changed) RETURN_IF_ERROR(visit(id, entry.before ? &*entry.before : nullptr, entry.after, entry.new_events));
  }
  return absl::OkStatus();
}

void ChangeSet::WriteMembers(rocksdb::WriteBatch* batch) {
  RegistryStore::CountDeltas deltas;
  for (const auto& [id, entry] : members_) {
    if (!entry.changed) continue;
    for (const auto& event : entry.new_events) store_->PutMemberEvent(batch, event);
    store_->PutMemberRecord(batch, id, entry.before ? &*entry.before : nullptr, entry.after, &deltas);
  }
  store_->PutCountDeltas(batch, deltas);
}

}  // namespace haicap::registry
