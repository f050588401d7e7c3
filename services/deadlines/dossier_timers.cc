// The durable timers behind WatchEvents, and due dates recomputed after a calendar change.
#include <algorithm>
#include <map>

#include "absl/strings/str_cat.h"
#include "common/proto_time.h"
#include "common/errors.h"
#include "common/logging.h"
#include "common/status_macros.h"
#include "services/deadlines/dossier_book.h"
#include "services/deadlines/dossier_clock.h"

namespace haicap::deadlines {

v1::DeadlineEvent DossierBook::EventOf(const v1::Dossier& d, v1::DeadlineEventType type, int64_t cursor,
                                       absl::Time event_at) const {
  v1::DeadlineEvent event;
  event.set_cursor(cursor);
  event.set_type(type);
  event.set_dossier_id(d.id());
  event.set_unit_code(d.unit_code());
  event.set_kind(d.kind());
  event.set_subject(d.subject());
  *event.mutable_due_at() = d.due_at();
  event.set_due_provisional(d.due_provisional());
  *event.mutable_event_at() = ToTimestamp(event_at);
  *event.mutable_recorded_at() = ToTimestamp(clock_->Now());
  return event;
}

absl::StatusOr<size_t> DossierBook::FireDueTimers(size_t limit) {
  const absl::Time now = clock_->Now();
  ASSIGN_OR_RETURN(std::vector<Timer> timers, store_->DueTimers(now, limit));
  if (timers.empty()) return 0;
  // One batch (one fsync) for the whole round: at midnight every dossier due that day fires at
  // once. The dossiers' locks are held from the timer check to the commit, taken in stripe order.
  std::vector<std::string_view> dossiers;
  for (const Timer& timer : timers) dossiers.push_back(timer.dossier_id);
  const change::HeldStripes held = dossier_locks_.LockAll(dossiers);

  rocksdb::WriteBatch batch;
  std::map<std::string, internal::DossierRecord> touched;
  absl::MutexLock events_lock(&events_mu_);
  int64_t cursor = last_cursor_;
  for (const Timer& timer : timers) {
    // A change to the dossier since the scan may have moved or dropped the timer.
    if (!store_->TimerExists(timer)) continue;
    store_->DeleteTimer(&batch, timer);
    auto record = touched.find(timer.dossier_id);
    if (record == touched.end()) {
      ASSIGN_OR_RETURN(std::optional<internal::DossierRecord> read, store_->Read(timer.dossier_id));
      if (!read) continue;
      record = touched.emplace(timer.dossier_id, *std::move(read)).first;
    }
    store_->PutEvent(&batch, EventOf(record->second.dossier(), timer.type, ++cursor,
                                     absl::FromUnixMicros(timer.fire_micros)));
    (timer.type == v1::NEAR_DUE ? record->second.set_near_due_fired(timer.fire_micros)
                                : record->second.set_overdue_fired(timer.fire_micros));
  }
  for (const auto& [id, record] : touched) store_->PutRecord(&batch, record);
  RETURN_IF_ERROR(store_->db()->Commit(&batch));
  last_cursor_ = cursor;
  hub_->Notify();
  return timers.size();
}

absl::StatusOr<std::optional<internal::DossierRecord>> DossierBook::Recomputed(
    const WorkingCalendar& calendar, const std::optional<internal::DossierRecord>& before) const {
  if (!before || !IsOpen(before->dossier().status())) return std::nullopt;
  internal::DossierRecord after = *before;
  ASSIGN_OR_RETURN(absl::Time due, DueFromScratch(calendar, *after.mutable_dossier()));
  if (due != FromTimestamp(before->dossier().due_at())) {
    MoveDue(after, LocalDayNumber(clock_->Now()), due);
  } else if (DueIsProvisional(calendar, after.dossier()) == before->dossier().due_provisional()) {
    return std::nullopt;
  }
  return after;
}

absl::StatusOr<std::vector<v1::MovedDossier>> DossierBook::PreviewMoves(
    const std::map<std::string, std::shared_ptr<const WorkingCalendar>>& calendars) const {
  std::vector<v1::MovedDossier> moved;
  for (const auto& [calendar_id, calendar] : calendars) {
    ASSIGN_OR_RETURN(std::vector<std::string> ids, store_->OpenOnCalendar(calendar_id));
    for (const std::string& id : ids) {
      ASSIGN_OR_RETURN(std::optional<internal::DossierRecord> before, store_->Read(id));
      ASSIGN_OR_RETURN(std::optional<internal::DossierRecord> after, Recomputed(*calendar, before));
      if (!after || FromTimestamp(after->dossier().due_at()) == FromTimestamp(before->dossier().due_at())) continue;
      v1::MovedDossier& m = moved.emplace_back();
      m.set_dossier_id(id);
      m.set_calendar_id(calendar_id);
      *m.mutable_due_at_before() = before->dossier().due_at();
      *m.mutable_due_at_after() = after->dossier().due_at();
    }
  }
  std::sort(moved.begin(), moved.end(), [](const auto& a, const auto& b) { return a.dossier_id() < b.dossier_id(); });
  return moved;
}

absl::Status DossierBook::RecomputePending() {
  absl::MutexLock recompute_lock(&recompute_mu_);
  ASSIGN_OR_RETURN(std::vector<std::string> calendar_ids, store_->PendingRecomputes());
  for (const std::string& calendar_id : calendar_ids) {
    absl::StatusOr<std::shared_ptr<const WorkingCalendar>> calendar = calendars_->Find(calendar_id, "calendar_id");
    ASSIGN_OR_RETURN(std::vector<std::string> ids, store_->OpenOnCalendar(calendar_id));
    int moved = 0;
    for (const std::string& id : calendar.ok() ? ids : std::vector<std::string>{}) {
      absl::MutexLock lock(&dossier_locks_.For(id));
      ASSIGN_OR_RETURN(std::optional<internal::DossierRecord> before, store_->Read(id));
      ASSIGN_OR_RETURN(std::optional<internal::DossierRecord> after, Recomputed(**calendar, before));
      if (!after) continue;
      const absl::Time now = clock_->Now();
      const bool provisional = DueIsProvisional(**calendar, after->dossier());
      v1::DossierChange change;
      change.set_type(v1::DUE_DATE_RECOMPUTED);
      change.set_from_status(before->dossier().status());
      change.set_to_status(before->dossier().status());
      *change.mutable_occurred_at() = ToTimestamp(now);
      change.set_actor(absl::StrCat("calendar ", calendar_id));
      change.set_reason(absl::StrCat("the days of calendar ", calendar_id, " changed",
                                     provisional ? "; the due date still counts provisional days (the rule's, "
                                                   "no decision entered)"
                                                 : "; the due date now counts official days only"));
      *change.mutable_due_at_before() = before->dossier().due_at();
      *change.mutable_due_at_after() = after->dossier().due_at();
      const bool running = IsRunning(after->dossier().status());
      rocksdb::WriteBatch batch;
      Stage(&batch, &*before, *after, std::move(change), **calendar);
      {
        absl::MutexLock events_lock(&events_mu_);
        if (running) store_->PutEvent(&batch, EventOf(after->dossier(), v1::DUE_CHANGED, last_cursor_ + 1, now));
        RETURN_IF_ERROR(store_->db()->Commit(&batch));
        if (running) ++last_cursor_;
      }
      if (running) hub_->Notify();
      ++moved;
    }
    rocksdb::WriteBatch clear;
    store_->ClearRecompute(&clear, calendar_id);
    RETURN_IF_ERROR(store_->db()->Commit(&clear));
    if (moved > 0) LogInfo("due dates recomputed", {{"calendar", calendar_id}, {"dossiers", moved}});
  }
  return absl::OkStatus();
}

}  // namespace haicap::deadlines
