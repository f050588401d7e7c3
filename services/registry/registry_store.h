// The registry's RocksDB layout. Column families:
//   organizations  id                        → OrganizationRecord (the timeline)
//   events         sequence                  → OrganizationEvent (as recorded: a delta)
//   org_events     (id, sequence)            → ""   (an organisation's events)
//   children       (parent, child, from_day) → to_day (8 bytes): who sat under whom, when
//   idempotency    (method, request_id)      → the original response
//   members        id                        → MemberRecord (the member's timeline)
//   member_events  sequence                  → MemberEvent
//   member_event_index (member id, sequence) → ""
//   org_members    (org, member, from_day)   → to_day: who was in which organisation, when
//   member_counts  (org, day)                → [official, probationary] deltas from that day on,
//                                              summed by a merge operator: the count of an
//                                              organisation on day D is the sum of its deltas ≤ D
//   probation      (org, member, from_day)   → [to_day, probation end day]
//   citizen_ids    citizen ID                → member id, for living members
//   import_keys    key from a spreadsheet    → organisation id
//   ceremonies     (org, member, from_day)   → to_day: members whose admission ceremony is pending
//   member_clocks  (member, clock)           → the clock's due day in the deadlines service, or
//                                              kDueNotYetKnown until it answered (member_clocks.h)
//   outbox         messages to the deadlines service (common/outbox)
//   cursors        name                      → the last event consumed from another service
// Ids and sequences are allocated in memory, seeded from the highest stored keys at open.
// Thread-safe.
#pragma once

#include <atomic>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "absl/status/statusor.h"
#include "common/storage/database.h"
#include "common/storage/idempotency.h"
#include "services/registry/member_timeline.h"
#include "services/registry/timeline.h"

namespace haicap::registry {

// Entries of one record in a stretch index: (owner, from_day, to_day, extra value).
using Stretches = std::set<std::tuple<uint64_t, int64_t, int64_t, int64_t>>;

// A member clock's due day in the deadlines service (a day number; member_clocks.h), and whether it
// counts days of a year without an official calendar decision (Dossier.due_provisional).
struct ClockDue {
  int64_t day = 0;
  bool provisional = false;

  friend bool operator==(const ClockDue&, const ClockDue&) = default;
};

class RegistryStore {
 public:
  static absl::StatusOr<std::unique_ptr<RegistryStore>> Open(const std::string& dir);

  storage::Database* db() { return db_.get(); }
  storage::IdempotencyStore& idempotency() { return *idempotency_; }

  uint64_t AllocateOrganizationId() { return ++last_organization_id_; }
  int64_t AllocateSequence() { return ++last_sequence_; }
  uint64_t AllocateMemberId() { return ++last_member_id_; }
  int64_t AllocateMemberSequence() { return ++last_member_sequence_; }

  // The record of organisation `id`, or nullopt when there is none. `snapshot` may be null.
  absl::StatusOr<std::optional<OrganizationRecord>> ReadRecord(uint64_t id,
                                                              const rocksdb::Snapshot* snapshot = nullptr) const;
  // The record of an organisation that must exist: NOT_FOUND (ORGANIZATION_NOT_FOUND) otherwise.
  absl::StatusOr<OrganizationRecord> ExistingOrganization(uint64_t id, const rocksdb::Snapshot* snapshot = nullptr) const;
  // The same for a member (MEMBER_NOT_FOUND).
  absl::StatusOr<MemberRecord> ExistingMember(uint64_t id, const rocksdb::Snapshot* snapshot = nullptr) const;
  // The events recorded for `id`, in sequence order, as stored (deltas).
  absl::StatusOr<std::vector<OrganizationEvent>> ReadEvents(uint64_t id,
                                                            const rocksdb::Snapshot* snapshot = nullptr) const;
  // Children of `parent` whose stretch under it covers `day`; with no day, those under it in
  // their latest version. `ever` ignores dates: everyone who was ever under it.
  struct ChildQuery {
    std::optional<int64_t> day;
    bool ever = false;
  };
  absl::StatusOr<std::vector<uint64_t>> ChildIds(uint64_t parent, ChildQuery query,
                                                 const rocksdb::Snapshot* snapshot = nullptr) const;
  // Members (any status) whose stretch in `organization` matches `query`, ascending by id.
  absl::StatusOr<std::vector<uint64_t>> MemberIds(uint64_t organization, ChildQuery query,
                                                  const rocksdb::Snapshot* snapshot = nullptr) const;
  struct MemberCounts {
    int64_t official = 0;
    int64_t probationary = 0;
  };
  // Living members directly in `organization` on `day` (latest state when empty), from counters.
  absl::StatusOr<MemberCounts> CountMembers(uint64_t organization, std::optional<int64_t> day,
                                            const rocksdb::Snapshot* snapshot = nullptr) const;
  struct Probation {
    uint64_t member_id = 0;
    int64_t ends_on = 0;  // day number
  };
  // Probationary members of `organization` on `day` (latest when empty) with their probation end.
  absl::StatusOr<std::vector<Probation>> ProbationsIn(uint64_t organization, std::optional<int64_t> day,
                                                      const rocksdb::Snapshot* snapshot = nullptr) const;
  // Members of `organization` whose admission ceremony is pending on `day` (latest when empty).
  absl::StatusOr<std::vector<uint64_t>> PendingCeremoniesIn(uint64_t organization, std::optional<int64_t> day,
                                                            const rocksdb::Snapshot* snapshot = nullptr) const;
  // Members on probation today, in any organisation, whose probation ended on or before `day`.
  absl::StatusOr<std::vector<uint64_t>> ProbationsEndedBy(int64_t day) const;
  // The due day recorded for clock `clock` of `member` (member_clocks.h), nullopt when it has none.
  absl::StatusOr<std::optional<ClockDue>> ReadClockDue(uint64_t member, int clock,
                                                      const rocksdb::Snapshot* snapshot = nullptr) const;
  void PutClockDue(rocksdb::WriteBatch* batch, uint64_t member, int clock, ClockDue due);
  rocksdb::ColumnFamilyHandle* outbox_family() const { return cf(kOutbox); }
  // The last event consumed from the stream `name`, 0 before the first.
  absl::StatusOr<int64_t> ReadCursor(const std::string& name) const;
  void PutCursor(rocksdb::WriteBatch* batch, const std::string& name, int64_t cursor);

  // The living member holding `citizen_id`, if any.
  absl::StatusOr<std::optional<uint64_t>> CitizenOwner(const std::string& citizen_id,
                                                       const rocksdb::Snapshot* snapshot = nullptr) const;
  absl::StatusOr<std::optional<MemberRecord>> ReadMember(uint64_t id,
                                                         const rocksdb::Snapshot* snapshot = nullptr) const;
  absl::StatusOr<std::vector<MemberEvent>> ReadMemberEvents(uint64_t id,
                                                            const rocksdb::Snapshot* snapshot = nullptr) const;
  void PutMemberEvent(rocksdb::WriteBatch* batch, const MemberEvent& event);
  // Changes to member counters, (organisation, day) → [official, probationary] deltas.
  using CountDeltas = std::map<std::pair<uint64_t, int64_t>, std::vector<int64_t>>;
  // Replaces the record of member `id`, keeping org_members, probation and citizen_ids in step;
  // adds the change to the counters to `deltas` (member_store.cc).
  void PutMemberRecord(rocksdb::WriteBatch* batch, uint64_t id, const MemberRecord* before,
                       const MemberRecord& after, CountDeltas* deltas);
  // Writes `deltas` as one merge per counter: an import of a thousand members into one cell
  // adds one operand, not a thousand, for reads to fold.
  void PutCountDeltas(rocksdb::WriteBatch* batch, const CountDeltas& deltas);

  // The organisation an import named `key` (import_keys family), if any.
  absl::StatusOr<std::optional<uint64_t>> LookupImportKey(const std::string& key,
                                                          const rocksdb::Snapshot* snapshot = nullptr) const;
  void PutImportKey(rocksdb::WriteBatch* batch, const std::string& key, uint64_t id);

  // An iterator over every organisation record in ascending id order.
  std::unique_ptr<rocksdb::Iterator> ScanOrganizations(const rocksdb::Snapshot* snapshot) const;

  // Adds `event` (with its sequence set) to `batch`.
  void PutEvent(rocksdb::WriteBatch* batch, const OrganizationEvent& event);
  // Replaces the record of `id` (previously `before`, null for a new one) with `after`, keeping the
  // children index in step.
  void PutRecord(rocksdb::WriteBatch* batch, uint64_t id, const OrganizationRecord* before,
                 const OrganizationRecord& after);

  static std::string OrganizationKey(uint64_t id);
  static std::optional<uint64_t> OrganizationIdFromKey(rocksdb::Slice key);

 private:
  enum Family {
    kOrganizations, kEvents, kOrgEvents, kChildren, kIdempotency,
    kMembers, kMemberEvents, kMemberEventIndex, kOrgMembers, kMemberCounts, kProbation, kCitizenIds, kImportKeys,
    kCeremonies, kMemberClocks, kOutbox, kCursors
  };
  // The id stored under `key` in a family of key → id.
  absl::StatusOr<std::optional<uint64_t>> ReadId(Family family, const std::string& key,
                                                 const rocksdb::Snapshot* snapshot) const;
  // Rewrites the entries of record `id` in a stretch index from `before` to `after`.
  void ReplaceStretches(rocksdb::WriteBatch* batch, Family family, uint64_t id, const Stretches& before,
                        const Stretches& after);
  // Values of `values` under the sequences listed for `id` in `index` ((id, sequence) → "").
  absl::StatusOr<std::vector<std::string>> ReadSequenced(Family index, Family values, uint64_t id,
                                                         const rocksdb::Snapshot* snapshot) const;
  void PutSequenced(rocksdb::WriteBatch* batch, Family index, Family values, uint64_t id, int64_t sequence,
                    const std::string& value);
  // Entries (owner, id, from) → to of a stretch index that match `query`, ids ascending.
  absl::StatusOr<std::vector<uint64_t>> StretchIds(Family family, uint64_t owner, ChildQuery query,
                                                   const rocksdb::Snapshot* snapshot) const;
  RegistryStore() = default;
  rocksdb::ColumnFamilyHandle* cf(Family f) const { return db_->family(f); }

  std::unique_ptr<storage::Database> db_;
  std::unique_ptr<storage::IdempotencyStore> idempotency_;
  std::atomic<uint64_t> last_organization_id_{0};
  std::atomic<int64_t> last_sequence_{0};
  std::atomic<uint64_t> last_member_id_{0};
  std::atomic<int64_t> last_member_sequence_{0};
};

// Parses an organisation id ("42") or a member id ("1024"), or returns INVALID_ARGUMENT naming
// `field` and saying which kind of id it must be.
absl::StatusOr<uint64_t> ParseOrganizationId(std::string_view id, std::string_view field);
absl::StatusOr<uint64_t> ParseMemberId(std::string_view id, std::string_view field);

}  // namespace haicap::registry
