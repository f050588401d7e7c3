// What DossierBook::Mutate hands each change: the record to change, when the change happened
// (occurred_at, checked), the dossier's calendar, and the history entry to fill in (type, reason).
#pragma once

#include "absl/time/time.h"
#include "services/deadlines/dossier_book.h"
#include "services/deadlines/dossier_clock.h"

namespace haicap::deadlines {

struct DossierBook::Mutation {
  internal::DossierRecord& record;
  absl::Time at;
  const WorkingCalendar& calendar;
  v1::DossierChange& change;

  v1::Dossier& dossier() { return *record.mutable_dossier(); }
  int64_t day() const { return LocalDayNumber(at); }
};

}  // namespace haicap::deadlines
