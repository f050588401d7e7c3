// Calendars in the deadlines service's RocksDB (layout in deadlines_database.h). Thread-safe.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/storage/database.h"
#include "common/storage/idempotency.h"
#include "haicap/deadlines/v1/deadlines.pb.h"
#include "services/deadlines/deadlines_database.h"

namespace haicap::deadlines {

class CalendarStore {
 public:
  // `db` (not owned) was opened by OpenDeadlinesDatabase.
  explicit CalendarStore(storage::Database* db);

  storage::Database* db() { return db_; }
  storage::IdempotencyStore& idempotency() { return *idempotency_; }

  // Every calendar with all its days.
  absl::StatusOr<std::vector<v1::Calendar>> ReadAll() const;
  // The changes of one calendar, newest first.
  absl::StatusOr<std::vector<v1::CalendarChange>> ReadChanges(const std::string& id) const;

  // Writes the calendar's header (without days) and revision.
  void PutCalendar(rocksdb::WriteBatch* batch, const v1::Calendar& calendar);
  void PutDay(rocksdb::WriteBatch* batch, const std::string& id, const v1::CalendarDay& day);
  void DeleteDay(rocksdb::WriteBatch* batch, const std::string& id, const google::type::Date& date);
  void PutChange(rocksdb::WriteBatch* batch, const v1::CalendarChange& change);
  // Marks the dossiers on calendar `id` for recomputing (DossierBook::RecomputePending clears it).
  void MarkRecompute(rocksdb::WriteBatch* batch, const std::string& id);

 private:
  rocksdb::ColumnFamilyHandle* cf(Family f) const { return db_->family(f); }

  storage::Database* db_;
  std::unique_ptr<storage::IdempotencyStore> idempotency_;
};

}  // namespace haicap::deadlines
