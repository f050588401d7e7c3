#include "services/deadlines/calendar_store.h"

#include <algorithm>

#include "common/civil_date.h"
#include "common/errors.h"
#include "common/status_macros.h"
#include "common/storage/key_codec.h"

namespace haicap::deadlines {

using storage::KeyBuilder;
using storage::KeyReader;

CalendarStore::CalendarStore(storage::Database* db)
    : db_(db), idempotency_(std::make_unique<storage::IdempotencyStore>(db, db->family(kIdempotency))) {}

absl::StatusOr<std::vector<v1::Calendar>> CalendarStore::ReadAll() const {
  std::vector<v1::Calendar> calendars;
  auto it = db_->Scan(cf(kCalendars), "");
  for (; it->Valid(); it->Next()) {
    if (!calendars.emplace_back().ParseFromArray(it->value().data(), static_cast<int>(it->value().size()))) {
      return Internal("CORRUPT_RECORD", "calendar record is unreadable");
    }
  }
  RETURN_IF_ERROR(storage::FromRocksStatus(it->status()));
  for (v1::Calendar& calendar : calendars) {
    auto days = db_->Scan(cf(kCalendarDays), KeyBuilder().String(calendar.id()).Release());
    for (; days->Valid(); days->Next()) {
      if (!calendar.add_days()->ParseFromArray(days->value().data(), static_cast<int>(days->value().size()))) {
        return Internal("CORRUPT_RECORD", "calendar day is unreadable");
      }
    }
    RETURN_IF_ERROR(storage::FromRocksStatus(days->status()));
  }
  return calendars;
}

absl::StatusOr<std::vector<v1::CalendarChange>> CalendarStore::ReadChanges(const std::string& id) const {
  std::vector<v1::CalendarChange> changes;
  auto it = db_->Scan(cf(kCalendarChanges), KeyBuilder().String(id).Release());
  for (; it->Valid(); it->Next()) {
    if (!changes.emplace_back().ParseFromArray(it->value().data(), static_cast<int>(it->value().size()))) {
      return Internal("CORRUPT_RECORD", "calendar change is unreadable");
    }
  }
  RETURN_IF_ERROR(storage::FromRocksStatus(it->status()));
  std::reverse(changes.begin(), changes.end());
  return changes;
}

void CalendarStore::PutCalendar(rocksdb::WriteBatch* batch, const v1::Calendar& calendar) {
  v1::Calendar header = calendar;
  header.clear_days();
  header.clear_etag();
  batch->Put(cf(kCalendars), KeyBuilder().String(calendar.id()).Release(), header.SerializeAsString());
}

void CalendarStore::PutDay(rocksdb::WriteBatch* batch, const std::string& id, const v1::CalendarDay& day) {
  batch->Put(cf(kCalendarDays), KeyBuilder().String(id).Int64(DayNumber(day.date())).Release(), day.SerializeAsString());
}

void CalendarStore::DeleteDay(rocksdb::WriteBatch* batch, const std::string& id, const google::type::Date& date) {
  batch->Delete(cf(kCalendarDays), KeyBuilder().String(id).Int64(DayNumber(date)).Release());
}

void CalendarStore::PutChange(rocksdb::WriteBatch* batch, const v1::CalendarChange& change) {
  batch->Put(cf(kCalendarChanges), KeyBuilder().String(change.calendar_id()).Int64(change.revision()).Release(),
             change.SerializeAsString());
}

void CalendarStore::MarkRecompute(rocksdb::WriteBatch* batch, const std::string& id) {
  batch->Put(cf(kRecompute), id, "");
}

}  // namespace haicap::deadlines
