// How the answers of the deadlines service are printed as text: calendars with their days,
// calendar revisions, due dates with their explanation.
#pragma once

#include <ostream>

#include "haicap/deadlines/v1/deadlines.pb.h"
#include "tools/haicapctl/core/deadline_args.h"

namespace haicap::ctl {

// Id, name, base, office hours and revision, then the table of its own days (date, weekday in
// Vietnamese and English, type in words, note); for a `year` (> 0), PrintYear.
void PrintCalendar(std::ostream& out, const deadlines::Calendar& calendar, int year);
// The days of `year` in force, as GetCalendar answers for a year: with each day's source (decision
// or rule), the calendar it comes from (for a layered one) and its lunar date; then, when the year
// is provisional, how to enter its decision.
void PrintYear(std::ostream& out, const deadlines::Calendar& calendar, int year);
// "" for none, else "yes: 2027 has no official decision entered; ...".
std::string ProvisionalWords(const google::protobuf::RepeatedField<int32_t>& years);
// What an ImportCalendarYear changes (or, with validate_only, would change): the days that differ,
// the open dossiers that move, the calendar's new revision.
void PrintCalendarImport(std::ostream& out, const deadlines::ImportCalendarYearRequest& request,
                         const deadlines::ImportCalendarYearResponse& response);
void PrintCalendars(std::ostream& out, const deadlines::ListCalendarsResponse& response);
// One row per day set or removed, newest revision first.
void PrintCalendarChanges(std::ostream& out, const deadlines::ListCalendarChangesResponse& changes);
// The due instant, the receipt as given and as counted, the days skipped and the explanation.
void PrintDueDate(std::ostream& out, const deadlines::ComputeDueDateRequest& request,
                  const deadlines::ComputeDueDateResponse& response);

}  // namespace haicap::ctl
