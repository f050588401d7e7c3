#include "tools/haicapctl/calendar_views.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "tools/haicapctl/args.h"
#include "tools/haicapctl/help_format.h"
#include "tools/haicapctl/output.h"

namespace haicap::ctl {
namespace {

constexpr int kLineWidth = 100;

// DATE, THỨ and WEEKDAY cells of a day.
std::vector<std::string> DayCells(const google::type::Date& date) {
  return {FormatDate(date), VietnameseWeekday(date), EnglishWeekday(date)};
}

}  // namespace

void PrintCalendar(std::ostream& out, const deadlines::Calendar& calendar, int year) {
  PrintFields(out, {
                       {"ID", calendar.id()},
                       {"Name", calendar.name()},
                       {"Based on", calendar.base_calendar_id()},
                       {"Office hours",
                        FormatOfficeHours(calendar.office_hours()) + " (Vietnam time, UTC+7)"},
                       {"Revision", RevisionText(calendar.revision(), calendar.etag())},
                   });
  const std::string which = year > 0 ? absl::StrCat(" of ", year) : "";
  const std::string base =
      calendar.base_calendar_id().empty()
          ? ""
          : absl::StrCat("; the days of ", calendar.base_calendar_id(), " apply where it has none");
  if (calendar.days().empty()) {
    out << "\nNo days of its own" << which << base
        << ": Monday to Friday are working days, weekends are off.\n";
    return;
  }
  out << "\nDays" << which << " (a day not listed is a working day from Monday to Friday, off at "
      << "the weekend" << base << "):\n";
  Table table({"DATE", "THỨ", "WEEKDAY", "TYPE", "NOTE"});
  for (const deadlines::CalendarDay& day : calendar.days()) {
    std::vector<std::string> row = DayCells(day.date());
    row.push_back(DayTypeWords(day.type()));
    row.push_back(day.note());
    table.AddRow(std::move(row));
  }
  table.Print(out);
}

void PrintCalendars(std::ostream& out, const deadlines::ListCalendarsResponse& response) {
  Table table({"ID", "NAME", "BASED ON", "OFFICE HOURS", "REVISION"});
  for (const deadlines::Calendar& calendar : response.calendars()) {
    table.AddRow({calendar.id(), calendar.name(), calendar.base_calendar_id(),
                  FormatOfficeHours(calendar.office_hours()), absl::StrCat(calendar.revision())});
  }
  table.Print(out);
}

void PrintCalendarChanges(std::ostream& out,
                          const deadlines::ListCalendarChangesResponse& changes) {
  Table table({"REVISION", "RECORDED", "ACTOR", "DATE", "THỨ", "WEEKDAY", "CHANGE", "NOTE"});
  for (const deadlines::CalendarChange& change : changes.changes()) {
    auto row = [&](const google::type::Date& date, std::string what, std::string note) {
      std::vector<std::string> cells = {absl::StrCat(change.revision()),
                                        FormatVietnamTime(change.recorded_at()), change.actor()};
      for (std::string& cell : DayCells(date)) cells.push_back(std::move(cell));
      cells.push_back(std::move(what));
      cells.push_back(std::move(note));
      table.AddRow(std::move(cells));
    };
    for (const deadlines::CalendarDay& day : change.upserted()) {
      row(day.date(), "set: " + DayTypeWords(day.type()), day.note());
    }
    for (const google::type::Date& date : change.removed()) row(date, "removed", "");
  }
  table.Print(out);
}

void PrintDueDate(std::ostream& out, const deadlines::ComputeDueDateRequest& request,
                  const deadlines::ComputeDueDateResponse& response) {
  PrintFields(out, {
                       {"Due", FormatLocalInstantWithWeekday(response.due_at())},
                       {"Received", FormatLocalInstantWithWeekday(request.received_at())},
                       {"Counted from", FormatLocalInstantWithWeekday(response.counted_from())},
                       {"Duration", DescribeDueDuration(request.amount(), request.unit())},
                       {"Calendar", request.calendar_id()},
                   });
  if (!response.skipped().empty()) {
    out << "\nDays skipped (not working days):\n";
    Table table({"DATE", "THỨ", "WEEKDAY", "REASON"});
    for (const deadlines::SkippedDay& skipped : response.skipped()) {
      std::vector<std::string> row = DayCells(skipped.date());
      row.push_back(skipped.reason());
      table.AddRow(std::move(row));
    }
    table.Print(out);
  }
  if (!response.explanation().empty()) {
    out << '\n' << WrapText(response.explanation(), kLineWidth) << '\n';
  }
  for (const std::string& warning : response.warnings()) {
    out << '\n' << WrapText("Warning: " + warning, kLineWidth) << '\n';
  }
}

}  // namespace haicap::ctl
