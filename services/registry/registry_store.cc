#include "services/registry/registry_store.h"

#include <set>
#include <tuple>

#include "absl/strings/numbers.h"
#include "common/errors.h"
#include "common/status_macros.h"
#include "common/storage/key_codec.h"

namespace haicap::registry {

using storage::KeyBuilder;
using storage::KeyReader;

namespace {

std::string ChildKey(uint64_t parent, uint64_t child, int64_t from_day) {
  return KeyBuilder().Uint64(parent).Uint64(child).Int64(from_day).Release();
}

// The stretches during which the organisation sat under a parent: (parent, from, to).
std::set<std::tuple<uint64_t, int64_t, int64_t>> ParentStretches(const OrganizationRecord& record) {
  std::set<std::tuple<uint64_t, int64_t, int64_t>> out;
  for (const OrganizationVersion& v : record.versions()) {
    uint64_t parent = 0;
    if (!absl::SimpleAtoi(v.organization().parent_id(), &parent)) continue;
    out.emplace(parent, v.from_day(), v.to_day());
  }
  return out;
}

}  // namespace

absl::StatusOr<uint64_t> ParseOrganizationId(std::string_view id, std::string_view field) {
  uint64_t value = 0;
  if (id.empty()) return InvalidArgument(field, "is required");
  if (id.size() > 20 || !absl::SimpleAtoi(absl::string_view(id.data(), id.size()), &value) || value == 0 ||
      id.front() == '+' || id.front() == '0') {
    return InvalidArgument(field, "must be an organization id such as \"42\"");
  }
  return value;
}

std::string RegistryStore::OrganizationKey(uint64_t id) { return KeyBuilder().Uint64(id).Release(); }

std::optional<uint64_t> RegistryStore::OrganizationIdFromKey(rocksdb::Slice key) {
  return KeyReader(std::string_view(key.data(), key.size())).Uint64();
}

absl::StatusOr<std::unique_ptr<RegistryStore>> RegistryStore::Open(const std::string& dir) {
  std::unique_ptr<RegistryStore> store(new RegistryStore());
  ASSIGN_OR_RETURN(store->db_, storage::Database::Open(
                                   dir, {"organizations", "events", "org_events", "children", "idempotency"}));
  store->idempotency_ = std::make_unique<storage::IdempotencyStore>(store->db_.get(), store->cf(kIdempotency));
  // Seed the allocators from the highest keys: ids and sequences are never reused.
  auto last_key = [&](Family f) -> std::optional<uint64_t> {
    auto it = store->db_->Scan(store->cf(f), "");
    it->SeekToLast();
    if (!it->Valid()) return std::nullopt;
    return KeyReader(std::string_view(it->key().data(), it->key().size())).Uint64();
  };
  store->last_organization_id_ = last_key(kOrganizations).value_or(0);
  store->last_sequence_ = static_cast<int64_t>(last_key(kEvents).value_or(0));
  return store;
}

absl::StatusOr<std::optional<OrganizationRecord>> RegistryStore::ReadRecord(
    uint64_t id, const rocksdb::Snapshot* snapshot) const {
  absl::StatusOr<std::string> value = db_->Get(cf(kOrganizations), OrganizationKey(id), snapshot);
  if (absl::IsNotFound(value.status())) return std::nullopt;
  if (!value.ok()) return value.status();
  OrganizationRecord record;
  if (!record.ParseFromString(*value)) return Internal("CORRUPT_RECORD", "organization record is unreadable");
  return record;
}

absl::StatusOr<std::vector<OrganizationEvent>> RegistryStore::ReadEvents(
    uint64_t id, const rocksdb::Snapshot* snapshot) const {
  std::vector<OrganizationEvent> events;
  const std::string prefix = OrganizationKey(id);
  for (auto it = db_->Scan(cf(kOrgEvents), prefix, snapshot); it->Valid(); it->Next()) {
    KeyReader key(std::string_view(it->key().data(), it->key().size()));
    key.Uint64();
    std::optional<uint64_t> sequence = key.Uint64();
    if (!sequence) return Internal("CORRUPT_INDEX", "event index key is unreadable");
    ASSIGN_OR_RETURN(std::string value, db_->Get(cf(kEvents), KeyBuilder().Uint64(*sequence).Release(), snapshot));
    if (!events.emplace_back().ParseFromString(value)) return Internal("CORRUPT_EVENT", "event is unreadable");
  }
  return events;
}

absl::StatusOr<std::vector<uint64_t>> RegistryStore::ChildIds(uint64_t parent, ChildQuery query,
                                                              const rocksdb::Snapshot* snapshot) const {
  std::vector<uint64_t> ids;
  auto it = db_->Scan(cf(kChildren), KeyBuilder().Uint64(parent).Release(), snapshot);
  for (; it->Valid(); it->Next()) {
    KeyReader key(std::string_view(it->key().data(), it->key().size()));
    key.Uint64();
    std::optional<uint64_t> child = key.Uint64();
    std::optional<int64_t> from = key.Int64();
    std::optional<int64_t> to = KeyReader(std::string_view(it->value().data(), it->value().size())).Int64();
    if (!child || !from || !to) return Internal("CORRUPT_INDEX", "children index entry is unreadable");
    const bool covers = query.ever || (query.day ? (*from <= *query.day && *query.day < *to) : *to == kOpenEnd);
    if (covers && (ids.empty() || ids.back() != *child)) ids.push_back(*child);
  }
  RETURN_IF_ERROR(storage::FromRocksStatus(it->status()));
  return ids;
}

std::unique_ptr<rocksdb::Iterator> RegistryStore::ScanOrganizations(const rocksdb::Snapshot* snapshot) const {
  return db_->Scan(cf(kOrganizations), "", snapshot);
}

void RegistryStore::PutEvent(rocksdb::WriteBatch* batch, const OrganizationEvent& event) {
  uint64_t id = 0;
  absl::SimpleAtoi(event.organization_id(), &id);
  const auto sequence = static_cast<uint64_t>(event.sequence());
  batch->Put(cf(kEvents), KeyBuilder().Uint64(sequence).Release(), event.SerializeAsString());
  batch->Put(cf(kOrgEvents), KeyBuilder().Uint64(id).Uint64(sequence).Release(), "");
}

void RegistryStore::PutRecord(rocksdb::WriteBatch* batch, uint64_t id, const OrganizationRecord* before,
                              const OrganizationRecord& after) {
  const auto old_stretches = before ? ParentStretches(*before) : decltype(ParentStretches(after)){};
  const auto new_stretches = ParentStretches(after);
  for (const auto& [parent, from, to] : old_stretches) {
    if (!new_stretches.count({parent, from, to})) batch->Delete(cf(kChildren), ChildKey(parent, id, from));
  }
  for (const auto& [parent, from, to] : new_stretches) {
    if (!old_stretches.count({parent, from, to})) {
      batch->Put(cf(kChildren), ChildKey(parent, id, from), KeyBuilder().Int64(to).Release());
    }
  }
  batch->Put(cf(kOrganizations), OrganizationKey(id), after.SerializeAsString());
}

}  // namespace haicap::registry
