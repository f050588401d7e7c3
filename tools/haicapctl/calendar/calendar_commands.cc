// Working-day calendars on the deadlines service: list, show, create, set-day, remove-day,
// history (import: calendar_import_command.cc); and the arithmetic over them: due, days.
#include "tools/haicapctl/calendar/calendar_commands.h"

#include <memory>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/clock.h"
#include "common/civil_date.h"
#include "common/proto_time.h"
#include "tools/haicapctl/calendar/calendar_views.h"
#include "tools/haicapctl/core/args.h"
#include "tools/haicapctl/core/change.h"
#include "tools/haicapctl/core/deadline_args.h"
#include "tools/haicapctl/core/flags.h"

namespace haicap::ctl {
namespace {

using deadlines::Deadlines;

void AddList(CLI::App* calendar, Session& session) {
  CLI::App* cmd = calendar->add_subcommand("list", "List the calendars (without their days)");
  session.SetAction(cmd, [](Session& s) {
    deadlines::ListCalendarsResponse response;
    grpc::Status status =
        s.Call(&Deadlines::Stub::ListCalendars, deadlines::ListCalendarsRequest(), &response);
    if (!status.ok()) return s.Fail(status);
    return s.Show(response, [&](std::ostream& out) { PrintCalendars(out, response); });
  });
}

void AddShow(CLI::App* calendar, Session& session) {
  struct Flags {
    std::string id = kNationalCalendar;
    int year = 0;
  };
  auto flags = std::make_shared<Flags>();
  CLI::App* cmd = calendar->add_subcommand(
      "show", "Show a calendar: office hours and its holidays, days off and make-up days");
  cmd->add_option("id", flags->id, "The calendar")->capture_default_str();
  cmd->add_option("--year", flags->year, "Only the days of this year (default: every year)")
      ->check(CLI::Range(1900, 2200))
      ->type_name("YEAR");
  cmd->footer(R"(Examples:
  haicapctl calendar show --year 2026       # the national calendar: Tết, make-up Saturdays, ...
  haicapctl calendar show VN-01)");
  session.SetAction(cmd, [flags](Session& s) {
    deadlines::GetCalendarRequest request;
    request.set_id(flags->id);
    request.set_year(flags->year);
    deadlines::Calendar calendar;
    grpc::Status status = s.Call(&Deadlines::Stub::GetCalendar, request, &calendar);
    if (!status.ok()) return s.Fail(status);
    return s.Show(calendar, [&](std::ostream& out) { PrintCalendar(out, calendar, flags->year); });
  });
}

void AddCreate(CLI::App* calendar, Session& session) {
  struct Flags {
    std::string id, name, base = kNationalCalendar;
    RequestIdFlag request_id;
  };
  auto flags = std::make_shared<Flags>();
  CLI::App* cmd = calendar->add_subcommand(
      "create", "Create a calendar layered on another (a province's on VN): its days override");
  cmd->add_option("id", flags->id, "1–32 of A–Z, 0–9 and '-', e.g. VN-01")->required();
  cmd->add_option("--name", flags->name, "e.g. \"Lịch làm việc Hà Nội\"")->required();
  cmd->add_option("--base", flags->base, "The calendar it is layered on")
      ->capture_default_str()
      ->type_name("ID");
  flags->request_id.AddTo(cmd);
  cmd->footer(R"(Example:
  haicapctl calendar create VN-01 --name "Lịch làm việc Hà Nội" --base VN)");
  session.SetAction(cmd, [flags](Session& s) {
    deadlines::CreateCalendarRequest request;
    request.mutable_calendar()->set_id(flags->id);
    request.mutable_calendar()->set_name(flags->name);
    request.mutable_calendar()->set_base_calendar_id(flags->base);
    request.set_request_id(flags->request_id.value());
    return RunChange(s, &Deadlines::Stub::CreateCalendar, request,
                     [](std::ostream& out, const deadlines::Calendar& created) {
                       PrintCalendar(out, created, 0);
                     });
  });
}

// "Calendar VN is now at revision 4 (etag ...)." and what became of the day.
void PrintDayChange(std::ostream& out, const deadlines::Calendar& calendar,
                    const google::type::Date& date, const std::string& change) {
  out << FormatDate(date) << " (" << VietnameseWeekday(date) << ", " << EnglishWeekday(date) << ") "
      << change << ".\nCalendar " << calendar.id() << " is now at revision " << calendar.revision();
  if (!calendar.etag().empty()) out << " (etag " << calendar.etag() << ")";
  out << ".\n";
}

void AddSetDay(CLI::App* calendar, Session& session) {
  struct Flags {
    std::string id, date, type, note, etag;
    RequestIdFlag request_id;
  };
  auto flags = std::make_shared<Flags>();
  CLI::App* cmd = calendar->add_subcommand(
      "set-day", "Add or replace a day: a holiday, a day off, or a make-up working day");
  cmd->add_option("id", flags->id, "The calendar, e.g. VN")->required();
  AddDateOption(cmd, "date", flags->date, "The day")->required();
  AddDayTypeOption(cmd, "--type", flags->type, "What the day is")->required();
  cmd->add_option("--note", flags->note, "Why, up to 200 characters, e.g. \"Quốc khánh\"")
      ->required();
  AddEtagOption(cmd, flags->etag, "calendar show", "calendar");
  flags->request_id.AddTo(cmd);
  cmd->footer(
      R"(Every change is a new revision of the calendar, recorded with who made it ('calendar
history'). A make-up working day (làm bù) is a Saturday or Sunday; a compensatory or swapped day
off is a weekday.

Examples:
  haicapctl calendar set-day VN 01/09/2026 --type holiday --note "Quốc khánh"
  haicapctl calendar set-day VN 2027-01-09 --type makeup --note "làm bù cho thứ Sáu 05/02/2027")");
  session.SetAction(cmd, [flags](Session& s) {
    deadlines::UpsertCalendarDaysRequest request;
    request.set_calendar_id(flags->id);
    deadlines::CalendarDay* day = request.add_days();
    SetDate(flags->date, day->mutable_date());
    day->set_type(ParseDayType(flags->type).value());
    day->set_note(flags->note);
    request.set_etag(flags->etag);
    request.set_request_id(flags->request_id.value());
    return RunChange(s, &Deadlines::Stub::UpsertCalendarDays, request,
                     [day](std::ostream& out, const deadlines::Calendar& changed) {
                       PrintDayChange(out, changed, day->date(),
                                      absl::StrCat("is a ", DayTypeWords(day->type()), ": ",
                                                   day->note()));
                     });
  });
}

void AddRemoveDay(CLI::App* calendar, Session& session) {
  struct Flags {
    std::string id, date, etag;
    RequestIdFlag request_id;
  };
  auto flags = std::make_shared<Flags>();
  CLI::App* cmd = calendar->add_subcommand(
      "remove-day", "Remove a day: it becomes an ordinary weekday or weekend day again");
  cmd->add_option("id", flags->id, "The calendar, e.g. VN")->required();
  AddDateOption(cmd, "date", flags->date, "The day")->required();
  AddEtagOption(cmd, flags->etag, "calendar show", "calendar");
  flags->request_id.AddTo(cmd);
  cmd->footer(R"(Example:
  haicapctl calendar remove-day VN-01 2026-09-03)");
  session.SetAction(cmd, [flags](Session& s) {
    deadlines::UpsertCalendarDaysRequest request;
    request.set_calendar_id(flags->id);
    SetDate(flags->date, request.add_remove_dates());
    request.set_etag(flags->etag);
    request.set_request_id(flags->request_id.value());
    return RunChange(s, &Deadlines::Stub::UpsertCalendarDays, request,
                     [&request](std::ostream& out, const deadlines::Calendar& changed) {
                       PrintDayChange(out, changed, request.remove_dates(0),
                                      "is an ordinary day again");
                     });
  });
}

void AddHistory(CLI::App* calendar, Session& session) {
  auto id = std::make_shared<std::string>();
  CLI::App* cmd = calendar->add_subcommand(
      "history", "The revisions of a calendar, newest first: which days changed, who, when");
  cmd->add_option("id", *id, "The calendar, e.g. VN")->required();
  session.SetAction(cmd, [id](Session& s) {
    deadlines::ListCalendarChangesRequest request;
    request.set_calendar_id(*id);
    deadlines::ListCalendarChangesResponse response;
    grpc::Status status = s.Call(&Deadlines::Stub::ListCalendarChanges, request, &response);
    if (!status.ok()) return s.Fail(status);
    return s.Show(response, [&](std::ostream& out) { PrintCalendarChanges(out, response); });
  });
}

void AddDue(CLI::App* app, Session& session) {
  struct Flags {
    std::vector<std::string> words;  // START (one word or two), then DURATION
    std::string calendar = kNationalCalendar;
  };
  auto flags = std::make_shared<Flags>();
  CLI::App* cmd = app->add_subcommand(
      "due",
      "The due date (hạn giải quyết) of something received at START with a statutory "
      "time, and why");
  // One positional list: CLI11 would give a two-word START the DURATION too.
  cmd->add_option("START DURATION", flags->words,
                  std::string("START: when it was received, in Vietnam time: 2026-02-13T10:00, "
                              "13/02/2026 10:00 (one or two words), 13/02/2026 10h30, a date "
                              "alone (its midnight) or now. DURATION: ") +
                      kDueDurationHelp)
      ->expected(2, 3)
      ->required()
      ->type_name("");
  AddCalendarOption(cmd, flags->calendar);
  cmd->footer(
      R"(A receipt after closing time or on a day off counts from the next working morning. In
working days, counting starts on the working day after that and the due instant is the closing
time of the last day; in working hours the clock runs only inside office hours.

Examples:
  haicapctl due 13/02/2026 10:00 5wd        # across Tết 2026: due 2026-02-27 17:00
  haicapctl due 2026-04-24T16:00 8wh --calendar VN-01
  haicapctl due now 30cd -o json)");
  session.SetAction(cmd, [flags](Session& s) {
    // Usage errors thrown here are reported like CLI11's own (exit 2).
    absl::StatusOr<absl::Time> received = ParseLocalInstant(
        absl::StrJoin(flags->words.begin(), flags->words.end() - 1, " "), absl::Now());
    if (!received.ok()) {
      throw CLI::ValidationError("START", std::string(received.status().message()));
    }
    absl::StatusOr<DueDuration> duration = ParseDueDuration(flags->words.back());
    if (!duration.ok()) {
      throw CLI::ValidationError("DURATION", std::string(duration.status().message()));
    }
    deadlines::ComputeDueDateRequest request;
    request.set_calendar_id(flags->calendar);
    *request.mutable_received_at() = ToTimestamp(*received);
    request.set_amount(duration->amount);
    request.set_unit(duration->unit);
    deadlines::ComputeDueDateResponse response;
    grpc::Status status = s.Call(&Deadlines::Stub::ComputeDueDate, request, &response);
    if (!status.ok()) return s.Fail(status);
    return s.Show(response, [&](std::ostream& out) { PrintDueDate(out, request, response); });
  });
}

void AddDays(CLI::App* app, Session& session) {
  struct Flags {
    std::string from, to, calendar = kNationalCalendar;
  };
  auto flags = std::make_shared<Flags>();
  CLI::App* cmd =
      app->add_subcommand("days", "How many working days lie between two dates, both included");
  AddDateOption(cmd, "from", flags->from, "The first day")->required();
  AddDateOption(cmd, "to", flags->to, "The last day")->required();
  AddCalendarOption(cmd, flags->calendar);
  cmd->footer(R"(Example:
  haicapctl days 01/02/2026 28/02/2026      # February 2026, with Tết: 15)");
  session.SetAction(cmd, [flags](Session& s) {
    deadlines::CountWorkingDaysRequest request;
    request.set_calendar_id(flags->calendar);
    SetDate(flags->from, request.mutable_from_date());
    SetDate(flags->to, request.mutable_to_date());
    if (DayNumber(request.to_date()) < DayNumber(request.from_date())) {
      throw CLI::ValidationError("to", absl::StrCat(FormatDate(request.to_date()), " is before ",
                                                    FormatDate(request.from_date()), ": give the earlier day first"));
    }
    deadlines::CountWorkingDaysResponse response;
    grpc::Status status = s.Call(&Deadlines::Stub::CountWorkingDays, request, &response);
    if (!status.ok()) return s.Fail(status);
    return s.Show(response, [&](std::ostream& out) {
      out << response.working_days() << " working day" << (response.working_days() == 1 ? "" : "s")
          << " from " << FormatDate(request.from_date()) << " to " << FormatDate(request.to_date())
          << ", both included (calendar " << request.calendar_id() << ")\n";
      for (const std::string& warning : response.warnings()) out << "Warning: " << warning << '\n';
    });
  });
}

}  // namespace

void AddCalendarCommands(CLI::App* calendar, Session& session) {
  AddList(calendar, session);
  AddShow(calendar, session);
  AddCreate(calendar, session);
  AddSetDay(calendar, session);
  AddRemoveDay(calendar, session);
  AddHistory(calendar, session);
  AddCalendarImport(calendar, session);
}

void AddDueCommands(CLI::App* app, Session& session) {
  AddDue(app, session);
  AddDays(app, session);
}

}  // namespace haicap::ctl
