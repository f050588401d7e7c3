#include "tools/haicapctl/calendar/calendar_views.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "tools/haicapctl/core/args.h"
#include "tools/haicapctl/core/help_format.h"
#include "tools/haicapctl/core/output.h"

namespace haicap::ctl {
namespace {

constexpr int kLineWidth = 100;

// DATE, THỨ and WEEKDAY cells of a day.
std::vector<std::string> DayCells(const google::type::Date& date) {
  return {FormatDate(date), VietnameseWeekday(date), EnglishWeekday(date)};
}

// "decision", or "rule (provisional)" for a day the Labour Code's rule derives.
std::string SourceWords(const deadlines::CalendarDay& day) {
  return day.source() == deadlines::STATUTORY_RULE ? "rule (provisional)" : "decision";
}

// The day's lunar date as a clerk names it: "Mùng 1 Tết" … "Mùng 4 Tết", "Giỗ Tổ (10/3 âm lịch)",
// else "29/12 âm lịch" ("… nhuận" in a leap month).
std::string LunarWords(const deadlines::LunarDate& lunar) {
  if (lunar.month() == 0) return "";
  if (!lunar.leap() && lunar.month() == 1 && lunar.day() <= 4) return absl::StrCat("Mùng ", lunar.day(), " Tết");
  if (!lunar.leap() && lunar.month() == 3 && lunar.day() == 10) return "Giỗ Tổ (10/3 âm lịch)";
  return absl::StrCat(lunar.day(), "/", lunar.month(), lunar.leap() ? " nhuận" : "", " âm lịch");
}

// The sentence for a year whose days are partly the rule's.
std::string ProvisionalYearText(const std::string& calendar_id, int year) {
  return absl::StrCat(year, " is provisional: no official decision is entered for it, so its days are the Labour "
                      "Code's rule (art. 112), without the swapped days and make-up Saturdays a decision adds. "
                      "Enter the decision with: haicapctl calendar import ", calendar_id, " ", year, ".csv");
}

}  // namespace

std::string ProvisionalWords(const google::protobuf::RepeatedField<int32_t>& years) {
  if (years.empty()) return "";
  return absl::StrCat("yes: ", absl::StrJoin(years, ", "),
                      " has no official decision entered; it counts the Labour Code's rule's days");
}

void PrintCalendar(std::ostream& out, const deadlines::Calendar& calendar, int year) {
  PrintFields(out, {
                       {"ID", calendar.id()},
                       {"Name", calendar.name()},
                       {"Based on", calendar.base_calendar_id()},
                       {"Office hours",
                        FormatOfficeHours(calendar.office_hours()) + " (Vietnam time, UTC+7)"},
                       {"Revision", RevisionText(calendar.revision(), calendar.etag())},
                       {"Decided years", absl::StrJoin(calendar.decided_years(), ", ")},
                   });
  if (year > 0) {
    PrintYear(out, calendar, year);
    return;
  }
  const std::string base =
      calendar.base_calendar_id().empty()
          ? ""
          : absl::StrCat("; the days of ", calendar.base_calendar_id(), " apply where it has none");
  if (calendar.days().empty()) {
    out << "\nNo days of its own" << base
        << ": Monday to Friday are working days, weekends are off.\n";
    return;
  }
  out << "\nDays (a day not listed is a working day from Monday to Friday, off at "
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

void PrintYear(std::ostream& out, const deadlines::Calendar& calendar, int year) {
  out << "\nThe days of " << year << " in force on " << calendar.id()
      << " (a day not listed is a working day from Monday to Friday, off at the weekend):\n";
  const bool layered = !calendar.base_calendar_id().empty();
  std::vector<std::string> header = {"DATE", "THỨ", "WEEKDAY", "TYPE", "SOURCE", "ÂM LỊCH", "NOTE"};
  if (layered) header.insert(header.begin() + 5, "FROM");
  Table table(std::move(header));
  for (const deadlines::CalendarDay& day : calendar.days()) {
    std::vector<std::string> row = DayCells(day.date());
    row.push_back(DayTypeWords(day.type()));
    row.push_back(SourceWords(day));
    if (layered) row.push_back(day.calendar_id());
    row.push_back(LunarWords(day.lunar_date()));
    row.push_back(day.note());
    table.AddRow(std::move(row));
  }
  table.Print(out);
  if (calendar.provisional()) {
    const std::string decides = layered ? calendar.base_calendar_id() : calendar.id();
    out << '\n' << WrapText(ProvisionalYearText(decides, year), kLineWidth) << '\n';
  }
}

void PrintCalendarImport(std::ostream& out, const deadlines::ImportCalendarYearRequest& request,
                         const deadlines::ImportCalendarYearResponse& response) {
  const bool dry = response.validate_only();
  out << (dry ? "Dry run: nothing was changed. " : "") << "The decision for " << request.year() << " on calendar "
      << request.calendar_id() << (dry ? " would change " : " changed ") << response.differences_size() << " day"
      << (response.differences_size() == 1 ? "" : "s") << ":\n";
  const auto words = [](const deadlines::CalendarDayDifference& d, bool after) -> std::string {
    if (after ? !d.has_after() : !d.has_before()) return "ordinary day";
    const deadlines::CalendarDay& day = after ? d.after() : d.before();
    return absl::StrCat(DayTypeWords(day.type()), day.source() == deadlines::STATUTORY_RULE ? " (rule)" : "",
                        day.note().empty() ? "" : ": ", day.note());
  };
  Table days({"DATE", "THỨ", "WEEKDAY", "BEFORE", "AFTER"});
  for (const deadlines::CalendarDayDifference& d : response.differences()) {
    std::vector<std::string> row = DayCells(d.date());
    row.push_back(words(d, false));
    row.push_back(words(d, true));
    days.AddRow(std::move(row));
  }
  if (response.differences_size() > 0) days.Print(out);
  out << '\n' << response.moved_count() << " open dossier" << (response.moved_count() == 1 ? "" : "s")
      << (dry ? " would move" : " moved") << (response.moved_count() > 0 ? ":\n" : ".\n");
  Table moved({"DOSSIER", "CALENDAR", "DUE BEFORE", "DUE AFTER"});
  for (const deadlines::MovedDossier& m : response.moved()) {
    moved.AddRow({m.dossier_id(), m.calendar_id(), FormatLocalInstantWithWeekday(m.due_at_before()),
                  FormatLocalInstantWithWeekday(m.due_at_after())});
  }
  if (response.moved_size() > 0) moved.Print(out);
  if (response.moved_count() > response.moved_size()) {
    out << "(the first " << response.moved_size() << " listed)\n";
  }
  for (const std::string& warning : response.warnings()) {
    out << '\n' << WrapText("Warning: " + warning, kLineWidth) << '\n';
  }
  if (dry) {
    out << "\nRun it without --dry-run to enter the decision.\n";
  } else {
    out << "\nCalendar " << request.calendar_id() << " is now at revision " << response.calendar().revision() << "; "
        << request.year() << " is decided.\n";
  }
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
    for (int32_t year : change.decided_years()) {
      google::type::Date first;
      first.set_year(year);
      first.set_month(1);
      first.set_day(1);
      row(first, absl::StrCat("decided: ", year), "the official decision of the year, entered");
    }
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
                       {"Provisional", ProvisionalWords(response.provisional_years())},
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
