// The registry's RocksDB layout. Column families:
//   organizations  id                        → OrganizationRecord (the timeline)
//   events         sequence                  → OrganizationEvent (as recorded: a delta)
//   org_events     (id, sequence)            → ""   (an organisation's events)
//   children       (parent, child, from_day) → to_day (8 bytes): who sat under whom, when
//   idempotency    (method, request_id)      → the original response
// Ids and sequences are allocated in memory, seeded from the highest stored keys at open.
// Thread-safe.
#pragma once

#include <atomic>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/storage/database.h"
#include "common/storage/idempotency.h"
#include "services/registry/timeline.h"

namespace haicap::registry {

class RegistryStore {
 public:
  static absl::StatusOr<std::unique_ptr<RegistryStore>> Open(const std::string& dir);

  storage::Database* db() { return db_.get(); }
  storage::IdempotencyStore& idempotency() { return *idempotency_; }

  uint64_t AllocateOrganizationId() { return ++last_organization_id_; }
  int64_t AllocateSequence() { return ++last_sequence_; }

  // The record of organisation `id`, or nullopt when there is none. `snapshot` may be null.
  absl::StatusOr<std::optional<OrganizationRecord>> ReadRecord(uint64_t id,
                                                              const rocksdb::Snapshot* snapshot = nullptr) const;
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
  enum Family { kOrganizations, kEvents, kOrgEvents, kChildren, kIdempotency };
  RegistryStore() = default;
  rocksdb::ColumnFamilyHandle* cf(Family f) const { return db_->family(f); }

  std::unique_ptr<storage::Database> db_;
  std::unique_ptr<storage::IdempotencyStore> idempotency_;
  std::atomic<uint64_t> last_organization_id_{0};
  std::atomic<int64_t> last_sequence_{0};
};

// Parses an organisation id ("42") or returns INVALID_ARGUMENT naming `field`.
absl::StatusOr<uint64_t> ParseOrganizationId(std::string_view id, std::string_view field);

}  // namespace haicap::registry
