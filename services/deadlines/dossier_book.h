// Dossiers and other tracked items (docs/domain.md §4): their life from receipt to result, due dates on
// working-day calendars, the supplement pause, the once-only reschedule, and the 766 statistics.
// Every change writes the record, its history entry, the indexes, the statistics counters and the
// NEAR_DUE/OVERDUE timers (and, when a running dossier's due instant moves, its DUE_CHANGED
// event) in one durable batch. Changes to one dossier are serialised; different
// dossiers change in parallel. Thread-safe.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "common/change/assigned_ids.h"
#include "common/change/change_kernel.h"
#include "common/change/striped_locks.h"
#include "common/clock.h"
#include "haicap/deadlines/internal/records.pb.h"
#include "haicap/deadlines/v1/deadlines.pb.h"
#include "services/deadlines/calendar_book.h"
#include "services/deadlines/dossier_store.h"
#include "services/deadlines/event_hub.h"
#include "services/registry/gazetteer/gazetteer.h"

namespace haicap::deadlines {

class DossierBook {
 public:
  // Nothing is owned; everything must outlive the book.
  static absl::StatusOr<std::unique_ptr<DossierBook>> Open(DossierStore* store, const CalendarBook* calendars,
                                                           const registry::Gazetteer* gazetteer, const Clock* clock,
                                                           EventHub* hub);

  absl::StatusOr<v1::Dossier> Create(const v1::CreateDossierRequest& request, const std::string& actor);
  absl::StatusOr<v1::Dossier> Get(const v1::GetDossierRequest& request) const;
  absl::StatusOr<v1::ListDossiersResponse> List(const v1::ListDossiersRequest& request) const;
  absl::StatusOr<v1::Dossier> Transition(const v1::TransitionDossierRequest& request, const std::string& actor);
  absl::StatusOr<v1::Dossier> RequestSupplement(const v1::RequestSupplementRequest& request, const std::string& actor);
  absl::StatusOr<v1::Dossier> Resume(const v1::ResumeProcessingRequest& request, const std::string& actor);
  absl::StatusOr<v1::Dossier> Reschedule(const v1::RescheduleRequest& request, const std::string& actor);
  absl::StatusOr<v1::Statistics> Statistics(const v1::GetStatisticsRequest& request) const;

  // Turns up to `limit` timers due by now into events (each exactly once: the timer's deletion and
  // the event are one batch). Returns how many were looked at; less than `limit` means none is left.
  absl::StatusOr<size_t> FireDueTimers(size_t limit) ABSL_LOCKS_EXCLUDED(events_mu_);
  // Recomputes the due dates of the open dossiers on calendars whose days changed (marked by
  // CalendarStore::MarkRecompute), then clears the marks.
  absl::Status RecomputePending() ABSL_LOCKS_EXCLUDED(recompute_mu_, events_mu_);
  // The open dossiers whose due instants would move if `calendars` (by id) replaced the calendars
  // they are on: ImportCalendarYear's dry run. Reads only; does not use the CalendarBook.
  absl::StatusOr<std::vector<v1::MovedDossier>> PreviewMoves(
      const std::map<std::string, std::shared_ptr<const WorkingCalendar>>& calendars) const;

  // The scopes a dossier of `unit_code` is counted and listed under: "*", its province (for a
  // commune), and the unit itself.
  std::vector<std::string> ScopesOf(const std::string& unit_code) const;

 private:
  struct Mutation;
  using MutateFn = std::function<absl::Status(Mutation&)>;

  DossierBook(DossierStore* store, const CalendarBook* calendars, const registry::Gazetteer* gazetteer,
              const Clock* clock, EventHub* hub)
      : store_(store),
        calendars_(calendars),
        gazetteer_(gazetteer),
        clock_(clock),
        hub_(hub),
        kernel_(&store->idempotency()) {}

  // Every change to an existing dossier, through the kernel: request_id, lock, read, etag,
  // occurred_at checks, `mutate`, then Stage and commit; DUE_CHANGED when the due instant moves.
  absl::StatusOr<v1::Dossier> Mutate(std::string_view method, const std::string& id, const std::string& request_id,
                                     const std::string& etag, const google::protobuf::Timestamp* occurred_at,
                                     const std::string& actor, const MutateFn& mutate) ABSL_LOCKS_EXCLUDED(events_mu_);
  // `before` recomputed on `calendar` (due instant and due_provisional), or nullopt when there is
  // none, it is not open, or nothing changes.
  absl::StatusOr<std::optional<internal::DossierRecord>> Recomputed(
      const WorkingCalendar& calendar, const std::optional<internal::DossierRecord>& before) const;
  // Writes `after` (and the change to its history) into `batch`, with every index, timer and
  // counter moved from what `before` (null for a new dossier) had.
  void Stage(rocksdb::WriteBatch* batch, const internal::DossierRecord* before, internal::DossierRecord& after,
             v1::DossierChange change, const WorkingCalendar& calendar);
  // The event of `type` for `d` (its due instant as it stands), standing for `event_at`.
  v1::DeadlineEvent EventOf(const v1::Dossier& d, v1::DeadlineEventType type, int64_t cursor,
                            absl::Time event_at) const;
  // Validates a unit code for `kind` (a known commune or province; for party obligations also an
  // organisation id).
  absl::Status CheckUnit(const std::string& unit_code, v1::DossierKind kind, const std::string& field) const;

  DossierStore* store_;
  const CalendarBook* calendars_;
  const registry::Gazetteer* gazetteer_;
  const Clock* clock_;
  EventHub* hub_;
  change::AssignedIds ids_{"DS-"};
  change::StripedLocks<256> dossier_locks_;  // changes to one dossier run one at a time
  change::ChangeKernel kernel_;
  absl::Mutex recompute_mu_;  // one RecomputePending at a time (it guards no member)
  absl::Mutex events_mu_;     // orders event cursors with their commits
  int64_t last_cursor_ ABSL_GUARDED_BY(events_mu_) = 0;
};

}  // namespace haicap::deadlines
