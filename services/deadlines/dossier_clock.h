// A dossier's clock: its due instant from the receipt, the statutory time, the supplement pauses
// and the reschedule; and the running stretches (internal::ClockSegment) the statistics read.
#pragma once

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "haicap/deadlines/internal/records.pb.h"
#include "services/deadlines/calendar/due_date.h"
#include "services/deadlines/calendar/working_calendar.h"
#include "common/proto_time.h"

namespace haicap::deadlines {

// The Vietnam day number of an instant.
int64_t LocalDayNumber(absl::Time t);

// The due instant of a received dossier on `calendar`, recomputed from scratch: ComputeDueDate
// from the receipt, then in time order each finished supplement pause moves it by the paused
// office time (rounded up to the day's closing time unless the time is in hours) and a reschedule
// sets it. Updates each supplement's paused_working_seconds.
absl::StatusOr<absl::Time> DueFromScratch(const WorkingCalendar& calendar, v1::Dossier& dossier);

// Whether the dossier's due instant (unset: false) counts days of a year whose days in force are
// the rule's (WorkingCalendar::IsProvisional): from the receipt's year to the due instant's.
bool DueIsProvisional(const WorkingCalendar& calendar, const v1::Dossier& dossier);

// The running stretches: StartClock opens one on `day` towards `due_at`; StopClock ends the open one
// (if any) on `day`; MoveDue ends it and opens one towards the new due instant, and sets due_at.
void StartClock(internal::DossierRecord& record, int64_t day, absl::Time due_at);
void StopClock(internal::DossierRecord& record, int64_t day);
void MoveDue(internal::DossierRecord& record, int64_t day, absl::Time due_at);

}  // namespace haicap::deadlines
