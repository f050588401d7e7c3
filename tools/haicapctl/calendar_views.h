// How the answers of the deadlines service are printed as text: calendars with their days,
// calendar revisions, due dates with their explanation.
#pragma once

#include <ostream>

#include "haicap/deadlines/v1/deadlines.pb.h"
#include "tools/haicapctl/deadline_args.h"

namespace haicap::ctl {

// Id, name, base, office hours and revision, then the table of its own days (date, weekday in
// Vietnamese and English, type in words, note).
void PrintCalendar(std::ostream& out, const deadlines::Calendar& calendar, int year);
void PrintCalendars(std::ostream& out, const deadlines::ListCalendarsResponse& response);
// One row per day set or removed, newest revision first.
void PrintCalendarChanges(std::ostream& out, const deadlines::ListCalendarChangesResponse& changes);
// The due instant, the receipt as given and as counted, the days skipped and the explanation.
void PrintDueDate(std::ostream& out, const deadlines::ComputeDueDateRequest& request,
                  const deadlines::ComputeDueDateResponse& response);

}  // namespace haicap::ctl
