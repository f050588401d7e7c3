#include "services/registry/registry_store.h"

#include <set>
#include <tuple>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/errors.h"
#include "common/status_macros.h"
#include "common/storage/counter_merge.h"
#include "common/storage/key_codec.h"

namespace haicap::registry {

using storage::KeyBuilder;
using storage::KeyReader;

namespace {

// The stretches during which the organisation sat under a parent.
Stretches ParentStretches(const OrganizationRecord& record) {
  Stretches out;
  for (const OrganizationVersion& v : record.versions()) {
    uint64_t parent = 0;
    if (!absl::SimpleAtoi(v.organization().parent_id(), &parent)) continue;
    out.emplace(parent, v.from_day(), v.to_day(), 0);
  }
  return out;
}

// A positive decimal id without sign or leading zeros; `example` says what it names, e.g.
// "an organization id such as \"42\"".
absl::StatusOr<uint64_t> ParseId(std::string_view id, std::string_view field, std::string_view example) {
  uint64_t value = 0;
  if (id.empty()) return InvalidArgument(field, "is required");
  if (id.size() > 20 || !absl::SimpleAtoi(absl::string_view(id.data(), id.size()), &value) || value == 0 ||
      id.front() == '+' || id.front() == '0') {
    return InvalidArgument(field, absl::StrCat("must be ", absl::string_view(example.data(), example.size())));
  }
  return value;
}

}  // namespace

absl::StatusOr<uint64_t> ParseOrganizationId(std::string_view id, std::string_view field) {
  return ParseId(id, field, "an organization id such as \"42\"");
}

absl::StatusOr<uint64_t> ParseMemberId(std::string_view id, std::string_view field) {
  return ParseId(id, field, "a member id such as \"1024\"");
}

std::string RegistryStore::OrganizationKey(uint64_t id) { return KeyBuilder().Uint64(id).Release(); }

std::optional<uint64_t> RegistryStore::OrganizationIdFromKey(rocksdb::Slice key) {
  return KeyReader(std::string_view(key.data(), key.size())).Uint64();
}

absl::StatusOr<std::unique_ptr<RegistryStore>> RegistryStore::Open(const std::string& dir) {
  std::unique_ptr<RegistryStore> store(new RegistryStore());
  ASSIGN_OR_RETURN(store->db_,
                   storage::Database::Open(dir,
                                           {"organizations", "events", "org_events", "children", "idempotency",
                                            "members", "member_events", "member_event_index", "org_members",
                                            "member_counts", "probation", "citizen_ids", "import_keys", "ceremonies",
                                            "member_clocks", "outbox", "cursors"},
                                           {{"member_counts", storage::CounterAddOperator()}}));
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
  store->last_member_id_ = last_key(kMembers).value_or(0);
  store->last_member_sequence_ = static_cast<int64_t>(last_key(kMemberEvents).value_or(0));
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

absl::StatusOr<OrganizationRecord> RegistryStore::ExistingOrganization(uint64_t id,
                                                                     const rocksdb::Snapshot* snapshot) const {
  ASSIGN_OR_RETURN(std::optional<OrganizationRecord> record, ReadRecord(id, snapshot));
  if (!record) return NotFound("ORGANIZATION_NOT_FOUND", absl::StrCat("no organization with id ", id));
  return std::move(*record);
}

absl::StatusOr<std::vector<std::string>> RegistryStore::ReadSequenced(Family index, Family values, uint64_t id,
                                                                     const rocksdb::Snapshot* snapshot) const {
  std::vector<std::string> out;
  for (auto it = db_->Scan(cf(index), OrganizationKey(id), snapshot); it->Valid(); it->Next()) {
    KeyReader key(std::string_view(it->key().data(), it->key().size()));
    key.Uint64();
    std::optional<uint64_t> sequence = key.Uint64();
    if (!sequence) return Internal("CORRUPT_INDEX", "event index key is unreadable");
    ASSIGN_OR_RETURN(out.emplace_back(), db_->Get(cf(values), KeyBuilder().Uint64(*sequence).Release(), snapshot));
  }
  return out;
}

void RegistryStore::PutSequenced(rocksdb::WriteBatch* batch, Family index, Family values, uint64_t id,
                                 int64_t sequence, const std::string& value) {
  batch->Put(cf(values), KeyBuilder().Uint64(static_cast<uint64_t>(sequence)).Release(), value);
  batch->Put(cf(index), KeyBuilder().Uint64(id).Uint64(static_cast<uint64_t>(sequence)).Release(), "");
}

absl::StatusOr<std::vector<OrganizationEvent>> RegistryStore::ReadEvents(uint64_t id,
                                                                         const rocksdb::Snapshot* snapshot) const {
  ASSIGN_OR_RETURN(std::vector<std::string> values, ReadSequenced(kOrgEvents, kEvents, id, snapshot));
  std::vector<OrganizationEvent> events(values.size());
  for (size_t i = 0; i < values.size(); ++i) {
    if (!events[i].ParseFromString(values[i])) return Internal("CORRUPT_EVENT", "event is unreadable");
  }
  return events;
}

absl::StatusOr<std::vector<uint64_t>> RegistryStore::StretchIds(Family family, uint64_t owner, ChildQuery query,
                                                                const rocksdb::Snapshot* snapshot) const {
  std::vector<uint64_t> ids;
  auto it = db_->Scan(cf(family), KeyBuilder().Uint64(owner).Release(), snapshot);
  for (; it->Valid(); it->Next()) {
    KeyReader key(std::string_view(it->key().data(), it->key().size()));
    key.Uint64();
    std::optional<uint64_t> id = key.Uint64();
    std::optional<int64_t> from = key.Int64();
    std::optional<int64_t> to = KeyReader(std::string_view(it->value().data(), it->value().size())).Int64();
    if (!id || !from || !to) return Internal("CORRUPT_INDEX", "stretch index entry is unreadable");
    const bool covers = query.ever || (query.day ? (*from <= *query.day && *query.day < *to) : *to == kOpenEnd);
    if (covers && (ids.empty() || ids.back() != *id)) ids.push_back(*id);
  }
  RETURN_IF_ERROR(storage::FromRocksStatus(it->status()));
  return ids;
}

absl::StatusOr<std::vector<uint64_t>> RegistryStore::ChildIds(uint64_t parent, ChildQuery query,
                                                              const rocksdb::Snapshot* snapshot) const {
  return StretchIds(kChildren, parent, query, snapshot);
}

std::unique_ptr<rocksdb::Iterator> RegistryStore::ScanOrganizations(const rocksdb::Snapshot* snapshot) const {
  return db_->Scan(cf(kOrganizations), "", snapshot);
}

void RegistryStore::PutEvent(rocksdb::WriteBatch* batch, const OrganizationEvent& event) {
  uint64_t id = 0;
  absl::SimpleAtoi(event.organization_id(), &id);
  PutSequenced(batch, kOrgEvents, kEvents, id, event.sequence(), event.SerializeAsString());
}

void RegistryStore::ReplaceStretches(rocksdb::WriteBatch* batch, Family family, uint64_t id, const Stretches& before,
                                     const Stretches& after) {
  for (const auto& stretch : before) {
    if (!after.count(stretch)) {
      batch->Delete(cf(family), KeyBuilder().Uint64(std::get<0>(stretch)).Uint64(id).Int64(std::get<1>(stretch)).Release());
    }
  }
  for (const auto& [owner, from, to, extra] : after) {
    if (!before.count({owner, from, to, extra})) {
      batch->Put(cf(family), KeyBuilder().Uint64(owner).Uint64(id).Int64(from).Release(),
                 KeyBuilder().Int64(to).Int64(extra).Release());
    }
  }
}

void RegistryStore::PutRecord(rocksdb::WriteBatch* batch, uint64_t id, const OrganizationRecord* before,
                              const OrganizationRecord& after) {
  ReplaceStretches(batch, kChildren, id, before ? ParentStretches(*before) : Stretches{}, ParentStretches(after));
  batch->Put(cf(kOrganizations), OrganizationKey(id), after.SerializeAsString());
}

}  // namespace haicap::registry
