#include "services/deadlines/deadlines_database.h"

#include "common/storage/counter_merge.h"

namespace haicap::deadlines {

absl::StatusOr<std::unique_ptr<storage::Database>> OpenDeadlinesDatabase(const std::string& dir) {
  // Indexed like enum Family.
  return storage::Database::Open(dir,
                                 {"calendars", "calendar_days", "calendar_changes", "idempotency", "dossiers",
                                  "dossier_history", "dossier_units", "dossier_due", "dossier_calendars",
                                  "statistics", "timers", "events", "recompute"},
                                 {{"statistics", storage::CounterAddOperator()}});
}

}  // namespace haicap::deadlines
