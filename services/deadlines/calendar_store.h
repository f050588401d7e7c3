// The deadlines service's RocksDB layout for calendars. Column families:
//   calendars         id                 → Calendar (without days): name, base, office hours, revision
//   calendar_days     (id, day number)   → CalendarDay
//   calendar_changes  (id, revision)     → CalendarChange: who changed what, when
//   idempotency       (method, request_id) → the original response
// Thread-safe.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/storage/database.h"
#include "common/storage/idempotency.h"
#include "haicap/deadlines/v1/deadlines.pb.h"

namespace haicap::deadlines {

class CalendarStore {
 public:
  static absl::StatusOr<std::unique_ptr<CalendarStore>> Open(const std::string& dir);

  storage::Database* db() { return db_.get(); }
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

 private:
  enum Family { kCalendars, kCalendarDays, kCalendarChanges, kIdempotency };
  CalendarStore() = default;
  rocksdb::ColumnFamilyHandle* cf(Family f) const { return db_->family(f); }

  std::unique_ptr<storage::Database> db_;
  std::unique_ptr<storage::IdempotencyStore> idempotency_;
};

}  // namespace haicap::deadlines
