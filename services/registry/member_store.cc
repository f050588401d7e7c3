// The member part of the registry's RocksDB layout (see registry_store.h).
#include <map>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/civil_date.h"
#include "common/errors.h"
#include "common/status_macros.h"
#include "common/storage/counter_merge.h"
#include "common/storage/key_codec.h"
#include "services/registry/registry_store.h"

namespace haicap::registry {

using storage::KeyBuilder;
using storage::KeyReader;

namespace {

uint64_t OrgOf(const MemberVersion& v) {
  uint64_t id = 0;
  absl::SimpleAtoi(v.member().organization_id(), &id);
  return id;
}

Stretches MembershipStretches(const MemberRecord& record) {
  Stretches out;
  for (const MemberVersion& v : record.versions()) out.emplace(OrgOf(v), v.from_day(), v.to_day(), 0);
  return out;
}

Stretches ProbationStretches(const MemberRecord& record) {
  Stretches out;
  for (const MemberVersion& v : record.versions()) {
    if (v.member().status() != v1::PROBATIONARY) continue;
    const int64_t ends = DayNumber(ProbationEnd(absl::CivilDay(
        v.member().admitted_on().year(), v.member().admitted_on().month(), v.member().admitted_on().day())));
    out.emplace(OrgOf(v), v.from_day(), v.to_day(), ends);
  }
  return out;
}

Stretches PendingCeremonyStretches(const MemberRecord& record) {
  Stretches out;
  for (const MemberVersion& v : record.versions()) {
    if (v.member().status() == v1::ADMISSION_PENDING) out.emplace(OrgOf(v), v.from_day(), v.to_day(), 0);
  }
  return out;
}

// (org, day) → [official, probationary] changes the record makes to the counts, times `sign`.
void AddCountDeltas(const MemberRecord& record, int sign, RegistryStore::CountDeltas* deltas) {
  for (const MemberVersion& v : record.versions()) {
    if (!IsLiving(v.member().status())) continue;
    const size_t slot = v.member().status() == v1::OFFICIAL ? 0 : 1;
    auto& at_start = (*deltas)[{OrgOf(v), v.from_day()}];
    at_start.resize(2);
    at_start[slot] += sign;
    if (v.to_day() != kOpenEnd) {
      auto& at_end = (*deltas)[{OrgOf(v), v.to_day()}];
      at_end.resize(2);
      at_end[slot] -= sign;
    }
  }
}

const std::string* LivingCitizenId(const MemberRecord* record) {
  if (!record || record->versions().empty()) return nullptr;
  const v1::Member& latest = record->versions(record->versions_size() - 1).member();
  return HoldsPlace(latest.status()) ? &latest.citizen_id() : nullptr;
}

}  // namespace

absl::StatusOr<std::vector<uint64_t>> RegistryStore::MemberIds(uint64_t organization, ChildQuery query,
                                                               const rocksdb::Snapshot* snapshot) const {
  return StretchIds(kOrgMembers, organization, query, snapshot);
}

absl::StatusOr<RegistryStore::MemberCounts> RegistryStore::CountMembers(uint64_t organization,
                                                                        std::optional<int64_t> day,
                                                                        const rocksdb::Snapshot* snapshot) const {
  MemberCounts counts;
  auto it = db_->Scan(cf(kMemberCounts), KeyBuilder().Uint64(organization).Release(), snapshot);
  for (; it->Valid(); it->Next()) {
    KeyReader key(std::string_view(it->key().data(), it->key().size()));
    key.Uint64();
    std::optional<int64_t> from = key.Int64();
    if (!from) return Internal("CORRUPT_COUNTER", "member counter key is unreadable");
    if (day && *from > *day) break;
    const std::vector<int64_t> delta = storage::DecodeCounters(it->value(), 2);
    counts.official += delta[0];
    counts.probationary += delta[1];
  }
  RETURN_IF_ERROR(storage::FromRocksStatus(it->status()));
  return counts;
}

absl::StatusOr<std::vector<RegistryStore::Probation>> RegistryStore::ProbationsIn(
    uint64_t organization, std::optional<int64_t> day, const rocksdb::Snapshot* snapshot) const {
  std::vector<Probation> out;
  auto it = db_->Scan(cf(kProbation), KeyBuilder().Uint64(organization).Release(), snapshot);
  for (; it->Valid(); it->Next()) {
    KeyReader key(std::string_view(it->key().data(), it->key().size()));
    key.Uint64();
    std::optional<uint64_t> member = key.Uint64();
    std::optional<int64_t> from = key.Int64();
    KeyReader value(std::string_view(it->value().data(), it->value().size()));
    std::optional<int64_t> to = value.Int64();
    std::optional<int64_t> ends = value.Int64();
    if (!member || !from || !to || !ends) return Internal("CORRUPT_INDEX", "probation entry is unreadable");
    if (day ? (*from <= *day && *day < *to) : *to == kOpenEnd) out.push_back({*member, *ends});
  }
  RETURN_IF_ERROR(storage::FromRocksStatus(it->status()));
  return out;
}

absl::StatusOr<std::vector<uint64_t>> RegistryStore::PendingCeremoniesIn(uint64_t organization,
                                                                         std::optional<int64_t> day,
                                                                         const rocksdb::Snapshot* snapshot) const {
  return StretchIds(kCeremonies, organization, {.day = day}, snapshot);
}

absl::StatusOr<std::vector<uint64_t>> RegistryStore::ProbationsEndedBy(int64_t day) const {
  std::vector<uint64_t> out;
  auto it = db_->Scan(cf(kProbation), "");
  for (; it->Valid(); it->Next()) {
    KeyReader key(std::string_view(it->key().data(), it->key().size()));
    key.Uint64();
    std::optional<uint64_t> member = key.Uint64();
    KeyReader value(std::string_view(it->value().data(), it->value().size()));
    std::optional<int64_t> to = value.Int64();
    std::optional<int64_t> ends = value.Int64();
    if (!member || !to || !ends) return Internal("CORRUPT_INDEX", "probation entry is unreadable");
    if (*to == kOpenEnd && *ends <= day) out.push_back(*member);
  }
  RETURN_IF_ERROR(storage::FromRocksStatus(it->status()));
  return out;
}

absl::StatusOr<std::optional<ClockDue>> RegistryStore::ReadClockDue(uint64_t member, int clock,
                                                                    const rocksdb::Snapshot* snapshot) const {
  absl::StatusOr<std::string> value =
      db_->Get(cf(kMemberClocks), KeyBuilder().Uint64(member).Uint64(clock).Release(), snapshot);
  if (absl::IsNotFound(value.status())) return std::nullopt;
  if (!value.ok()) return value.status();
  // The day, then 1 when it is provisional; entries written before the flag existed end after the day.
  KeyReader reader(*value);
  std::optional<int64_t> day = reader.Int64();
  if (!day) return Internal("CORRUPT_INDEX", "member clock entry is unreadable");
  const bool provisional = !reader.done() && reader.Uint64() == 1u;
  return ClockDue{*day, provisional};
}

void RegistryStore::PutClockDue(rocksdb::WriteBatch* batch, uint64_t member, int clock, ClockDue due) {
  KeyBuilder value;
  value.Int64(due.day);
  if (due.provisional) value.Uint64(1);
  batch->Put(cf(kMemberClocks), KeyBuilder().Uint64(member).Uint64(clock).Release(), value.Release());
}

absl::StatusOr<int64_t> RegistryStore::ReadCursor(const std::string& name) const {
  absl::StatusOr<std::string> value = db_->Get(cf(kCursors), name);
  if (absl::IsNotFound(value.status())) return 0;
  if (!value.ok()) return value.status();
  std::optional<int64_t> cursor = KeyReader(*value).Int64();
  if (!cursor) return Internal("CORRUPT_INDEX", absl::StrCat("cursor ", name, " is unreadable"));
  return *cursor;
}

void RegistryStore::PutCursor(rocksdb::WriteBatch* batch, const std::string& name, int64_t cursor) {
  batch->Put(cf(kCursors), name, KeyBuilder().Int64(cursor).Release());
}

absl::StatusOr<std::optional<uint64_t>> RegistryStore::CitizenOwner(const std::string& citizen_id,
                                                                    const rocksdb::Snapshot* snapshot) const {
  return ReadId(kCitizenIds, citizen_id, snapshot);
}

absl::StatusOr<std::optional<uint64_t>> RegistryStore::LookupImportKey(const std::string& key,
                                                                       const rocksdb::Snapshot* snapshot) const {
  return ReadId(kImportKeys, key, snapshot);
}

absl::StatusOr<std::optional<uint64_t>> RegistryStore::ReadId(Family family, const std::string& key,
                                                              const rocksdb::Snapshot* snapshot) const {
  absl::StatusOr<std::string> value = db_->Get(cf(family), key, snapshot);
  if (absl::IsNotFound(value.status())) return std::nullopt;
  if (!value.ok()) return value.status();
  return KeyReader(*value).Uint64();
}

void RegistryStore::PutImportKey(rocksdb::WriteBatch* batch, const std::string& key, uint64_t id) {
  batch->Put(cf(kImportKeys), key, KeyBuilder().Uint64(id).Release());
}

absl::StatusOr<std::optional<MemberRecord>> RegistryStore::ReadMember(uint64_t id,
                                                                      const rocksdb::Snapshot* snapshot) const {
  absl::StatusOr<std::string> value = db_->Get(cf(kMembers), OrganizationKey(id), snapshot);
  if (absl::IsNotFound(value.status())) return std::nullopt;
  if (!value.ok()) return value.status();
  MemberRecord record;
  if (!record.ParseFromString(*value)) return Internal("CORRUPT_RECORD", "member record is unreadable");
  return record;
}

absl::StatusOr<MemberRecord> RegistryStore::ExistingMember(uint64_t id, const rocksdb::Snapshot* snapshot) const {
  ASSIGN_OR_RETURN(std::optional<MemberRecord> record, ReadMember(id, snapshot));
  if (!record) return NotFound("MEMBER_NOT_FOUND", absl::StrCat("no member with id ", id));
  return std::move(*record);
}

absl::StatusOr<std::vector<MemberEvent>> RegistryStore::ReadMemberEvents(uint64_t id,
                                                                         const rocksdb::Snapshot* snapshot) const {
  ASSIGN_OR_RETURN(std::vector<std::string> values, ReadSequenced(kMemberEventIndex, kMemberEvents, id, snapshot));
  std::vector<MemberEvent> events(values.size());
  for (size_t i = 0; i < values.size(); ++i) {
    if (!events[i].ParseFromString(values[i])) return Internal("CORRUPT_EVENT", "member event is unreadable");
  }
  return events;
}

void RegistryStore::PutMemberEvent(rocksdb::WriteBatch* batch, const MemberEvent& event) {
  uint64_t id = 0;
  absl::SimpleAtoi(event.member_id(), &id);
  PutSequenced(batch, kMemberEventIndex, kMemberEvents, id, event.sequence(), event.SerializeAsString());
}

void RegistryStore::PutMemberRecord(rocksdb::WriteBatch* batch, uint64_t id, const MemberRecord* before,
                                    const MemberRecord& after, CountDeltas* deltas) {
  ReplaceStretches(batch, kOrgMembers, id, before ? MembershipStretches(*before) : Stretches{},
                   MembershipStretches(after));
  ReplaceStretches(batch, kProbation, id, before ? ProbationStretches(*before) : Stretches{},
                   ProbationStretches(after));
  ReplaceStretches(batch, kCeremonies, id, before ? PendingCeremonyStretches(*before) : Stretches{},
                   PendingCeremonyStretches(after));
  if (before) AddCountDeltas(*before, -1, deltas);
  AddCountDeltas(after, +1, deltas);
  const std::string* old_citizen = LivingCitizenId(before);
  const std::string* new_citizen = LivingCitizenId(&after);
  if (old_citizen && (!new_citizen || *old_citizen != *new_citizen)) batch->Delete(cf(kCitizenIds), *old_citizen);
  if (new_citizen) batch->Put(cf(kCitizenIds), *new_citizen, KeyBuilder().Uint64(id).Release());
  batch->Put(cf(kMembers), OrganizationKey(id), after.SerializeAsString());
}

void RegistryStore::PutCountDeltas(rocksdb::WriteBatch* batch, const CountDeltas& deltas) {
  for (const auto& [key, delta] : deltas) {
    if (delta[0] == 0 && delta[1] == 0) continue;
    batch->Merge(cf(kMemberCounts), KeyBuilder().Uint64(key.first).Int64(key.second).Release(),
                 storage::EncodeCounters(delta));
  }
}

}  // namespace haicap::registry
