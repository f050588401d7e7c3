// Dossiers in the deadlines service's RocksDB (layout in deadlines_database.h): records, history,
// the unit / due / calendar indexes, statistics counters, timers and the event log. Writers put
// everything one change touches into one WriteBatch. Thread-safe.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/storage/database.h"
#include "common/storage/idempotency.h"
#include "haicap/deadlines/internal/records.pb.h"
#include "haicap/deadlines/v1/deadlines.pb.h"
#include "services/deadlines/deadlines_database.h"
#include "services/deadlines/dossier_rules.h"

namespace haicap::deadlines {

// The scope every dossier is counted and listed under.
inline constexpr char kEveryUnit[] = "*";

// A pending NEAR_DUE or OVERDUE timer.
struct Timer {
  int64_t fire_micros = 0;
  std::string dossier_id;
  v1::DeadlineEventType type = v1::DEADLINE_EVENT_TYPE_UNSPECIFIED;
};

class DossierStore {
 public:
  // `db` (not owned) was opened by OpenDeadlinesDatabase.
  explicit DossierStore(storage::Database* db);

  storage::Database* db() { return db_; }
  storage::IdempotencyStore& idempotency() { return *idempotency_; }

  // The record, or nullopt. INTERNAL when unreadable.
  absl::StatusOr<std::optional<internal::DossierRecord>> Read(const std::string& id,
                                                             const rocksdb::Snapshot* snapshot = nullptr) const;
  absl::StatusOr<std::vector<v1::DossierChange>> ReadHistory(const std::string& id) const;
  // Where the records are, keyed by dossier id (the server-assigned ids continue from its last "DS-").
  rocksdb::ColumnFamilyHandle* dossiers_family() const { return cf(kDossiers); }

  void PutRecord(rocksdb::WriteBatch* batch, const internal::DossierRecord& record);
  void PutHistory(rocksdb::WriteBatch* batch, const std::string& id, const v1::DossierChange& change);

  // Index entries of a dossier under each scope; `due_micros` only for running dossiers.
  void PutUnitIndex(rocksdb::WriteBatch* batch, const std::string& scope, const std::string& id);
  void PutDueIndex(rocksdb::WriteBatch* batch, const std::string& scope, int64_t due_micros, const std::string& id);
  void DeleteDueIndex(rocksdb::WriteBatch* batch, const std::string& scope, int64_t due_micros, const std::string& id);
  void PutCalendarIndex(rocksdb::WriteBatch* batch, const std::string& calendar_id, const std::string& id);
  void DeleteCalendarIndex(rocksdb::WriteBatch* batch, const std::string& calendar_id, const std::string& id);
  // Ids of the open dossiers on `calendar_id`.
  absl::StatusOr<std::vector<std::string>> OpenOnCalendar(const std::string& calendar_id) const;

  void AddFlows(rocksdb::WriteBatch* batch, const std::string& scope, v1::DossierKind kind, const FlowsByDay& delta);
  // Sums the flows of (scope, kind) over the days [from_day, to_day] into `sum`.
  absl::Status SumFlows(const std::string& scope, v1::DossierKind kind, int64_t from_day, int64_t to_day,
                        Flows* sum) const;

  void PutTimer(rocksdb::WriteBatch* batch, const Timer& timer);
  void DeleteTimer(rocksdb::WriteBatch* batch, const Timer& timer);
  // Up to `limit` timers due at or before `now`, earliest first.
  absl::StatusOr<std::vector<Timer>> DueTimers(absl::Time now, size_t limit) const;
  bool TimerExists(const Timer& timer) const;

  void PutEvent(rocksdb::WriteBatch* batch, const v1::DeadlineEvent& event);
  // Up to `limit` events with cursor > after_cursor, in cursor order.
  absl::StatusOr<std::vector<v1::DeadlineEvent>> EventsAfter(int64_t after_cursor, size_t limit) const;
  absl::StatusOr<int64_t> LastCursor() const;

  // Calendars whose dossiers wait for recomputing; Clear once done.
  absl::StatusOr<std::vector<std::string>> PendingRecomputes() const;
  void ClearRecompute(rocksdb::WriteBatch* batch, const std::string& calendar_id);

  // Raw index access for ListDossiers: an iterator over `family` with keys starting with `prefix`.
  std::unique_ptr<rocksdb::Iterator> Scan(Family family, std::string_view prefix) const {
    return db_->Scan(cf(family), prefix);
  }

 private:
  rocksdb::ColumnFamilyHandle* cf(Family f) const { return db_->family(f); }

  storage::Database* db_;
  std::unique_ptr<storage::IdempotencyStore> idempotency_;
};

}  // namespace haicap::deadlines
