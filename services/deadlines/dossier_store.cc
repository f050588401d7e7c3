#include "services/deadlines/dossier_store.h"

#include "absl/strings/numbers.h"
#include "common/errors.h"
#include "common/status_macros.h"
#include "common/storage/counter_merge.h"
#include "common/storage/key_codec.h"

namespace haicap::deadlines {
namespace {

using storage::KeyBuilder;
using storage::KeyReader;


template <typename Message>
absl::Status ParseValue(const rocksdb::Slice& value, Message* message, std::string_view what) {
  if (!message->ParseFromArray(value.data(), static_cast<int>(value.size()))) {
    return Internal("CORRUPT_RECORD", absl::StrCat(std::string(what), " is unreadable"));
  }
  return absl::OkStatus();
}

std::string TimerKey(const Timer& timer) {
  return KeyBuilder().Int64(timer.fire_micros).String(timer.dossier_id).Int64(timer.type).Release();
}

}  // namespace

DossierStore::DossierStore(storage::Database* db)
    : db_(db), idempotency_(std::make_unique<storage::IdempotencyStore>(db, db->family(kIdempotency))) {}

absl::StatusOr<std::optional<internal::DossierRecord>> DossierStore::Read(const std::string& id,
                                                                         const rocksdb::Snapshot* snapshot) const {
  absl::StatusOr<std::string> value = db_->Get(cf(kDossiers), id, snapshot);
  if (absl::IsNotFound(value.status())) return std::nullopt;
  RETURN_IF_ERROR(value.status());
  internal::DossierRecord record;
  RETURN_IF_ERROR(ParseValue(*value, &record, "dossier record"));
  return record;
}

absl::StatusOr<std::vector<v1::DossierChange>> DossierStore::ReadHistory(const std::string& id) const {
  std::vector<v1::DossierChange> history;
  auto it = db_->Scan(cf(kDossierHistory), KeyBuilder().String(id).Release());
  for (; it->Valid(); it->Next()) RETURN_IF_ERROR(ParseValue(it->value(), &history.emplace_back(), "dossier history"));
  RETURN_IF_ERROR(storage::FromRocksStatus(it->status()));
  return history;
}

void DossierStore::PutRecord(rocksdb::WriteBatch* batch, const internal::DossierRecord& record) {
  batch->Put(cf(kDossiers), record.dossier().id(), record.SerializeAsString());
}

void DossierStore::PutHistory(rocksdb::WriteBatch* batch, const std::string& id, const v1::DossierChange& change) {
  batch->Put(cf(kDossierHistory), KeyBuilder().String(id).Int64(change.sequence()).Release(),
             change.SerializeAsString());
}

void DossierStore::PutUnitIndex(rocksdb::WriteBatch* batch, const std::string& scope, const std::string& id) {
  batch->Put(cf(kDossierUnits), KeyBuilder().String(scope).String(id).Release(), "");
}

void DossierStore::PutDueIndex(rocksdb::WriteBatch* batch, const std::string& scope, int64_t due_micros,
                               const std::string& id) {
  batch->Put(cf(kDossierDue), KeyBuilder().String(scope).Int64(due_micros).String(id).Release(), "");
}

void DossierStore::DeleteDueIndex(rocksdb::WriteBatch* batch, const std::string& scope, int64_t due_micros,
                                  const std::string& id) {
  batch->Delete(cf(kDossierDue), KeyBuilder().String(scope).Int64(due_micros).String(id).Release());
}

void DossierStore::PutCalendarIndex(rocksdb::WriteBatch* batch, const std::string& calendar_id,
                                    const std::string& id) {
  batch->Put(cf(kDossierCalendars), KeyBuilder().String(calendar_id).String(id).Release(), "");
}

void DossierStore::DeleteCalendarIndex(rocksdb::WriteBatch* batch, const std::string& calendar_id,
                                       const std::string& id) {
  batch->Delete(cf(kDossierCalendars), KeyBuilder().String(calendar_id).String(id).Release());
}

absl::StatusOr<std::vector<std::string>> DossierStore::OpenOnCalendar(const std::string& calendar_id) const {
  std::vector<std::string> ids;
  auto it = db_->Scan(cf(kDossierCalendars), KeyBuilder().String(calendar_id).Release());
  for (; it->Valid(); it->Next()) {
    KeyReader reader(std::string_view(it->key().data(), it->key().size()));
    reader.String();
    std::optional<std::string> id = reader.String();
    if (!id) return Internal("CORRUPT_RECORD", "a calendar index key is malformed");
    ids.push_back(std::move(*id));
  }
  RETURN_IF_ERROR(storage::FromRocksStatus(it->status()));
  return ids;
}

void DossierStore::AddFlows(rocksdb::WriteBatch* batch, const std::string& scope, v1::DossierKind kind,
                            const FlowsByDay& delta) {
  for (const auto& [day, flows] : delta) {
    batch->Merge(cf(kStatistics), KeyBuilder().String(scope).Int64(kind).Int64(day).Release(),
                 storage::EncodeCounters({flows.begin(), flows.end()}));
  }
}

absl::Status DossierStore::SumFlows(const std::string& scope, v1::DossierKind kind, int64_t from_day, int64_t to_day,
                                    Flows* sum) const {
  const std::string prefix = KeyBuilder().String(scope).Int64(kind).Release();
  auto it = db_->Scan(cf(kStatistics), prefix);
  for (it->Seek(KeyBuilder().String(scope).Int64(kind).Int64(from_day).Release()); it->Valid(); it->Next()) {
    KeyReader reader(std::string_view(it->key().data(), it->key().size()));
    reader.String();
    reader.Int64();
    std::optional<int64_t> day = reader.Int64();
    if (!day) return Internal("CORRUPT_RECORD", "a statistics key is malformed");
    if (*day > to_day) break;
    const std::vector<int64_t> counters = storage::DecodeCounters(it->value(), kCounterCount);
    for (int i = 0; i < kCounterCount; ++i) (*sum)[i] += counters[i];
  }
  return storage::FromRocksStatus(it->status());
}

void DossierStore::PutTimer(rocksdb::WriteBatch* batch, const Timer& timer) {
  batch->Put(cf(kTimers), TimerKey(timer), "");
}

void DossierStore::DeleteTimer(rocksdb::WriteBatch* batch, const Timer& timer) {
  batch->Delete(cf(kTimers), TimerKey(timer));
}

absl::StatusOr<std::vector<Timer>> DossierStore::DueTimers(absl::Time now, size_t limit) const {
  std::vector<Timer> timers;
  const int64_t now_micros = absl::ToUnixMicros(now);
  auto it = db_->Scan(cf(kTimers), "");
  // Keys start with the fire instant: the scan stops at the first timer still in the future.
  for (it->SeekToFirst(); it->Valid() && timers.size() < limit; it->Next()) {
    KeyReader reader(std::string_view(it->key().data(), it->key().size()));
    std::optional<int64_t> fire = reader.Int64();
    std::optional<std::string> id = reader.String();
    std::optional<int64_t> type = reader.Int64();
    if (!fire || !id || !type) return Internal("CORRUPT_RECORD", "a timer key is malformed");
    if (*fire > now_micros) break;
    timers.push_back({*fire, std::move(*id), static_cast<v1::DeadlineEventType>(*type)});
  }
  RETURN_IF_ERROR(storage::FromRocksStatus(it->status()));
  return timers;
}

bool DossierStore::TimerExists(const Timer& timer) const { return db_->Get(cf(kTimers), TimerKey(timer)).ok(); }

void DossierStore::PutEvent(rocksdb::WriteBatch* batch, const v1::DeadlineEvent& event) {
  batch->Put(cf(kEvents), KeyBuilder().Int64(event.cursor()).Release(), event.SerializeAsString());
}

absl::StatusOr<std::vector<v1::DeadlineEvent>> DossierStore::EventsAfter(int64_t after_cursor, size_t limit) const {
  std::vector<v1::DeadlineEvent> events;
  auto it = db_->Scan(cf(kEvents), "");
  for (it->Seek(KeyBuilder().Int64(after_cursor + 1).Release()); it->Valid() && events.size() < limit; it->Next()) {
    RETURN_IF_ERROR(ParseValue(it->value(), &events.emplace_back(), "event"));
  }
  RETURN_IF_ERROR(storage::FromRocksStatus(it->status()));
  return events;
}

absl::StatusOr<int64_t> DossierStore::LastCursor() const {
  auto it = db_->Scan(cf(kEvents), "");
  it->SeekToLast();
  int64_t cursor = 0;
  if (it->Valid()) {
    std::optional<int64_t> last = KeyReader(std::string_view(it->key().data(), it->key().size())).Int64();
    if (!last) return Internal("CORRUPT_RECORD", "an event key is malformed");
    cursor = *last;
  }
  RETURN_IF_ERROR(storage::FromRocksStatus(it->status()));
  return cursor;
}

absl::StatusOr<std::vector<std::string>> DossierStore::PendingRecomputes() const {
  std::vector<std::string> ids;
  auto it = db_->Scan(cf(kRecompute), "");
  for (; it->Valid(); it->Next()) ids.push_back(it->key().ToString());
  RETURN_IF_ERROR(storage::FromRocksStatus(it->status()));
  return ids;
}

void DossierStore::ClearRecompute(rocksdb::WriteBatch* batch, const std::string& calendar_id) {
  batch->Delete(cf(kRecompute), calendar_id);
}

}  // namespace haicap::deadlines
