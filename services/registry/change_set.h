// A change to the registry in the making: new events for some organisations and members, their
// re-folded timelines, and the checks that keep every as-of answer consistent, before anything
// is written.
//
// The invariants, over every day of every timeline the change touches:
//   - an active organisation's parent exists and is active on each of those days, and is of a
//     kind that may hold it (organization_rules.h);
//   - an organisation that ends (merged, dissolved) or changes kind has no active child that
//     would then be left under it, or be of a kind it may not hold;
//   - no organisation is its own ancestor on any day;
//   - a living member is, on each day, in an active organisation of a kind that holds members,
//     and no two living members share a citizen ID.
// Not thread-safe; the caller holds the registry's structure lock.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "rocksdb/write_batch.h"
#include "services/registry/registry_store.h"

namespace haicap::registry {

class ChangeSet {
 public:
  // `actor`, `request_id` and `recorded_at` are stamped on every event.
  ChangeSet(RegistryStore* store, std::string actor, std::string request_id, absl::Time recorded_at)
      : store_(store), actor_(std::move(actor)), request_id_(std::move(request_id)), recorded_at_(recorded_at) {}

  // The organisation's record with this change's events applied; NOT_FOUND naming `field` when
  // there is no such organisation.
  absl::StatusOr<const OrganizationRecord*> Load(uint64_t id, std::string_view field = "id");

  // Records `event` for organisation `id` (a new one when `is_new`), stamping sequence, actor,
  // time and request id, and re-folds its timeline. Fails if the fold does (e.g. the organisation
  // had already ended).
  absl::Status AddEvent(uint64_t id, OrganizationEvent event, bool is_new = false);

  // Checks the invariants above for everything changed.
  absl::Status Validate();

  // Savepoints let an import apply rows one by one and drop a bad row without losing the others:
  // Savepoint() marks a point, RollbackToSavepoint() forgets every event added since, and
  // ValidateSinceSavepoint() checks only what changed since.
  void Savepoint();
  void RollbackToSavepoint();
  absl::Status ValidateSinceSavepoint();

  // Writes the events, records and index entries into `batch`.
  void Write(rocksdb::WriteBatch* batch);

  // The latest state of a changed or loaded organisation, with its etag.
  v1::Organization Latest(uint64_t id) const;

  // Members (change_set_members.cc), as for organisations above.
  absl::StatusOr<const MemberRecord*> LoadMember(uint64_t id, std::string_view field = "member_id");
  absl::Status AddMemberEvent(uint64_t id, MemberEvent event, bool is_new = false);
  // Calls `visit` with each member this change alters: id, the stored record (null for a new
  // member), the record with the change, and the change's events; stops at the first error.
  using MemberVisitor = std::function<absl::Status(uint64_t id, const MemberRecord* before, const MemberRecord& after,
                                                   const std::vector<MemberEvent>& new_events)>;
  absl::Status ForEachChangedMember(const MemberVisitor& visit) const;
  // The latest state of a changed or loaded member, with its etag and the full citizen ID.
  v1::Member LatestMember(uint64_t id) const;
  // OK when organisation `org_id` is active and holds members on every day of [from_day, to_day),
  // as `member_id` would be there; otherwise the broken rule (ORGANIZATION_NOT_ESTABLISHED,
  // ORGANIZATION_NOT_ACTIVE, KIND_HOLDS_NO_MEMBERS). Validate() checks this for every living
  // stretch of a member; a temporary activity is checked with it once, when it starts.
  absl::Status CheckMayHoldMember(const std::string& member_id, uint64_t org_id, int64_t from_day, int64_t to_day);

 private:
  struct Entry {
    std::optional<OrganizationRecord> before;  // as stored; empty for a new organisation
    OrganizationRecord after;                  // with this change's events
    std::vector<OrganizationEvent> events;     // all events (for a changed organisation)
    std::vector<OrganizationEvent> new_events;
    bool changed = false;
  };

  struct MemberEntry {
    std::optional<MemberRecord> before;
    MemberRecord after;
    std::vector<MemberEvent> events;
    std::vector<MemberEvent> new_events;
    bool changed = false;
  };

  absl::StatusOr<Entry*> Fetch(uint64_t id);
  absl::StatusOr<MemberEntry*> FetchMember(uint64_t id);
  // Checks that each living stretch of the member lies in an active organisation holding members.
  absl::Status CheckMemberPlacement(const MemberRecord& member);
  // The organisation-side checks of Validate() for `ids`.
  absl::Status ValidateOrganizations(const std::vector<uint64_t>& ids);
  // The member-side checks of Validate(): `members`, and every member of `organizations`.
  absl::Status ValidateMembers(const std::vector<uint64_t>& members, const std::vector<uint64_t>& organizations);
  // Before an entry changes after a savepoint, keep how it was.
  void RememberOrganization(uint64_t id);
  void RememberMember(uint64_t id);
  void WriteMembers(rocksdb::WriteBatch* batch);
  // Checks that `child`'s active stretches under a parent fit that parent's timeline.
  absl::Status CheckUnderParents(const OrganizationRecord& child);
  absl::Status CheckNoCycles(uint64_t id);
  absl::StatusOr<std::vector<uint64_t>> ChildrenEver(uint64_t parent);

  RegistryStore* store_;
  std::string actor_;
  std::string request_id_;
  absl::Time recorded_at_;
  std::map<uint64_t, Entry> entries_;
  std::map<uint64_t, MemberEntry> members_;
  bool savepoint_ = false;
  std::map<uint64_t, std::optional<Entry>> organizations_before_savepoint_;
  std::map<uint64_t, std::optional<MemberEntry>> members_before_savepoint_;
};

}  // namespace haicap::registry
