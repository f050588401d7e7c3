// The rules of a dossier's life (docs/domain.md §4), free of storage: which status changes are legal,
// how a finished dossier is classified (Quyết định 766), when its NEAR_DUE and OVERDUE events fall,
// and what it adds to the statistics counters.
#pragma once

#include <array>
#include <cstdint>
#include <map>

#include "absl/status/status.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "haicap/deadlines/internal/records.pb.h"
#include "haicap/deadlines/v1/deadlines.pb.h"
#include "services/deadlines/calendar/working_calendar.h"

namespace haicap::deadlines {

// Received and not yet finished: 2, 4, 5, 6.
bool IsOpen(v1::DossierStatus status);
// The clock runs: 2, 4, 6 (5 pauses it).
bool IsRunning(v1::DossierStatus status);

// OK when TransitionDossier may change `from` to `to` (the table in the DossierStatus comment);
// otherwise FAILED_PRECONDITION with reason ILLEGAL_TRANSITION (or USE_REQUEST_SUPPLEMENT /
// USE_RESUME_PROCESSING for the changes those calls make) and a sentence saying why.
absl::Status CheckTransition(v1::DossierStatus from, v1::DossierStatus to);
// True when reaching `to` from `from` ends processing: 3, 7 or 8 after receipt, or 9.
bool EndsProcessing(v1::DossierStatus from, v1::DossierStatus to);

// The 766 classification: the date processing ended against the due date; LATE whatever the dates
// when a forced (second) supplement request was made.
v1::Outcome Classify(absl::CivilDay finished, absl::CivilDay due, bool forced_supplement);

// When the events of a running dossier due at `due_at` fall: NEAR_DUE one working day before (the
// same time of day on the previous working day), OVERDUE at the local midnight after the due day.
absl::Time NearDueAt(const WorkingCalendar& calendar, absl::Time due_at);
absl::Time OverdueAt(absl::Time due_at);

// The statistics counters: per (scope, kind, day) flows, so that a count at the end of any day is
// the sum of the flows up to it (open = received − finished, waiting = started − ended, overdue =
// started − ended). Overdue means open, running, and past the due day at the end of the day.
enum Counter {
  kReceivedDirect,
  kReceivedOnline,
  kReceivedPostal,
  kFinishedEarly,
  kFinishedOnTime,
  kFinishedLate,
  kWaitingStarted,
  kWaitingEnded,
  kOverdueStarted,
  kOverdueEnded,
  kCounterCount,
};
using Flows = std::array<int64_t, kCounterCount>;
// Day number → flows on that day.
using FlowsByDay = std::map<int64_t, Flows>;

// What `record` contributes to its unit's counters; empty while NEW_REGISTERED or never received.
FlowsByDay StatisticsFlows(const internal::DossierRecord& record);
// after − before, without the days whose flows cancel out.
FlowsByDay FlowsDelta(const FlowsByDay& before, const FlowsByDay& after);

}  // namespace haicap::deadlines
