// The deadlines service's one RocksDB and its column families. Calendars and dossiers share it so
// that a calendar change and the due dates it moves can be committed together.
//   calendars          id                          → Calendar (without days)
//   calendar_days      (id, day number)            → CalendarDay
//   calendar_changes   (id, revision)              → CalendarChange
//   idempotency        (method, request_id)        → the original response
//   dossiers           id                          → internal::DossierRecord
//   dossier_history    (id, sequence)              → DossierChange
//   dossier_units      (scope, id)                 → ""            every dossier
//   dossier_due        (scope, due µs, id)         → ""            running dossiers (2, 4, 6)
//   dossier_calendars  (calendar id, id)           → ""            open dossiers (2, 4, 5, 6)
//   statistics         (scope, kind, day number)   → counters (merge operator, see dossier_rules.h)
//   timers             (fire µs, id, event type)   → ""            pending NEAR_DUE / OVERDUE
//   events             cursor                      → DeadlineEvent
//   recompute          calendar id                 → ""            calendar changes whose dossiers
//                                                                  are not yet recomputed
// A scope is "*" (everything), a province code, or the dossier's own unit code.
#pragma once

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "common/storage/database.h"

namespace haicap::deadlines {

enum Family {
  kCalendars,
  kCalendarDays,
  kCalendarChanges,
  kIdempotency,
  kDossiers,
  kDossierHistory,
  kDossierUnits,
  kDossierDue,
  kDossierCalendars,
  kStatistics,
  kTimers,
  kEvents,
  kRecompute,
};

absl::StatusOr<std::unique_ptr<storage::Database>> OpenDeadlinesDatabase(const std::string& dir);

}  // namespace haicap::deadlines
