// `haicapctl calendar import ID FILE`: one year's official decision from a day file (the format
// of data/calendars/*.csv), with a dry run that shows which days change and which dossiers move.
#include <fstream>
#include <memory>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "common/civil_date.h"
#include "services/deadlines/calendar/working_calendar.h"
#include "tools/haicapctl/calendar/calendar_commands.h"
#include "tools/haicapctl/calendar/calendar_views.h"
#include "tools/haicapctl/core/change.h"
#include "tools/haicapctl/core/flags.h"

namespace haicap::ctl {
namespace {

using deadlines::Deadlines;

// The days of the file and the one year they are in; INVALID_ARGUMENT "FILE line N: ..." otherwise.
absl::StatusOr<deadlines::ImportCalendarYearRequest> ReadDecision(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return absl::NotFoundError(absl::StrCat("cannot open ", path, ": ", std::strerror(errno)));
  std::stringstream content;
  content << file.rdbuf();
  absl::StatusOr<std::vector<haicap::deadlines::DayEntry>> entries =
      haicap::deadlines::ParseDayEntries(content.str(), path);
  if (!entries.ok()) return entries.status();
  if (entries->empty()) return absl::InvalidArgumentError(absl::StrCat(path, " has no days"));
  deadlines::ImportCalendarYearRequest request;
  request.set_year(static_cast<int32_t>(entries->front().day.year()));
  for (const haicap::deadlines::DayEntry& entry : *entries) {
    if (entry.day.year() != request.year()) {
      return absl::InvalidArgumentError(absl::StrCat(path, ": every day must be in ", request.year(),
                                                     ", the year of its first day; ", FormatDay(entry.day), " is not"));
    }
    deadlines::CalendarDay* day = request.add_days();
    *day->mutable_date() = ToProtoDate(entry.day);
    deadlines::DayType type;
    deadlines::DayType_Parse(std::string(haicap::deadlines::DayTypeName(entry.type)), &type);
    day->set_type(type);
    day->set_note(entry.note);
  }
  return request;
}

}  // namespace

void AddCalendarImport(CLI::App* calendar, Session& session) {
  struct Flags {
    std::string id, file, etag;
    bool dry_run = false;
    RequestIdFlag request_id;
  };
  auto flags = std::make_shared<Flags>();
  CLI::App* cmd = calendar->add_subcommand(
      "import", "Enter one year's official decision (days off, swaps, make-up days) from a day file");
  cmd->add_option("id", flags->id, "The calendar, e.g. VN")->required();
  cmd->add_option("file", flags->file, "The day file: CSV with the header date,type,note")->required();
  cmd->add_flag("--dry-run", flags->dry_run, "Only show which days change and which open dossiers move");
  AddEtagOption(cmd, flags->etag, "calendar show", "calendar");
  flags->request_id.AddTo(cmd);
  cmd->footer(R"(A year without a decision has the days of the Labour Code's rule (art. 112), marked
provisional: its holidays, Tết and compensatory days, but none of the swapped days and make-up
Saturdays only a decision can give. Importing the decision replaces the calendar's days of that
year with the file's; the open dossiers whose due dates move are recomputed, each with a history
entry. The file is in the format of the shipped data/calendars/*.csv: dates as YYYY-MM-DD, types
HOLIDAY, COMPENSATORY_DAY_OFF, SWAPPED_DAY_OFF or MAKEUP_WORKDAY, notes without commas:

  date,type,note
  2027-01-01,HOLIDAY,Tết Dương lịch
  2027-02-05,HOLIDAY,Tết Nguyên đán Đinh Mùi

Examples:
  haicapctl calendar import VN 2027.csv --dry-run   # what would change, which dossiers move
  haicapctl calendar import VN 2027.csv)");
  session.SetAction(cmd, [flags](Session& s) {
    absl::StatusOr<deadlines::ImportCalendarYearRequest> decision = ReadDecision(flags->file);
    if (!decision.ok()) {
      s.err() << "error: " << decision.status().message() << "\nNothing was sent.\n";
      return kExitUsage;
    }
    deadlines::ImportCalendarYearRequest& request = *decision;
    request.set_calendar_id(flags->id);
    request.set_validate_only(flags->dry_run);
    request.set_etag(flags->etag);
    if (!flags->dry_run) request.set_request_id(flags->request_id.value());
    return RunChange(s, &Deadlines::Stub::ImportCalendarYear, request,
                     [&request](std::ostream& out,
                                const deadlines::ImportCalendarYearResponse& response) {
                       PrintCalendarImport(out, request, response);
                     });
  });
}

}  // namespace haicap::ctl
