#include "tools/haicapctl/core/app.h"

#include <cstdlib>
#include <map>
#include <string>

#include <pwd.h>
#include <unistd.h>

#include "CLI/CLI.hpp"
#include "tools/haicapctl/calendar/calendar_commands.h"
#include "tools/haicapctl/core/flags.h"
#include "tools/haicapctl/core/help_format.h"
#include "tools/haicapctl/core/session.h"
#include "tools/haicapctl/dossier/dossier_commands.h"
#include "tools/haicapctl/import/import_commands.h"
#include "tools/haicapctl/member/member_commands.h"
#include "tools/haicapctl/org/org_commands.h"
#include "tools/haicapctl/report/report_command.h"
#include "tools/haicapctl/transfer/transfer_commands.h"
#include "tools/haicapctl/unit/unit_commands.h"
#include "tools/haicapctl/watch/watch_command.h"

namespace haicap::ctl {
namespace {

constexpr char kRootFooter[] = R"(Run 'haicapctl COMMAND --help' (e.g. 'haicapctl org create --help') for the flags
and examples of each command. Global options may come before or after the command.

Dates are written 2025-07-01 or 01/07/2025 (day/month/year); kinds as commune-committee,
cell, ... in any case. Tables count characters, so Vietnamese names line up.

Examples, on the Phúc Lợi demo that deploy/run-local.sh loads (the ward committee is 67):
  haicapctl org list --kind commune --name "phuc loi"
  haicapctl org tree 1 --depth 1 --as-of 30/06/2025
  haicapctl org summary 67                    # members, and what the ward office must act on
  haicapctl member list --org 67 --subtree --name "nguyen van an"
  haicapctl import members data/demo/phuc-loi-members.csv --dry-run
  haicapctl calendar show VN --year 2026      # holidays, days off, make-up Saturdays
  haicapctl due 13/02/2026 10:00 5wd          # 5 working days from a receipt before Tết
  haicapctl dossier receive 00136 15wd --procedure 1.001612 --channel online
  haicapctl dossier list --unit 00136 --overdue
  haicapctl report --unit 00136 --from 01/01/2026 --to 31/03/2026 -o csv
  haicapctl watch --unit 00136                # near-due, overdue, due-changed events
  haicapctl transfer list --org 67 --outgoing --state introduced --overdue
  HAICAP_REGISTRY=10.0.0.5:50051 haicapctl -o json org get 67   # another registry

Exit codes: 0 success, 1 the service refused or could not be reached (reason on stderr),
2 usage error.)";

// $USER, else $LOGNAME, else the account name: containers often set neither variable.
std::string LoginName() {
  for (const char* variable : {"USER", "LOGNAME"}) {
    const char* value = std::getenv(variable);
    if (value != nullptr && *value != '\0') return value;
  }
  const passwd* account = getpwuid(geteuid());
  return account != nullptr ? account->pw_name : "";
}

void AddGlobalOptions(CLI::App& app, GlobalOptions& options) {
  app.add_option("--registry", options.registry, "Address of the registry service, HOST:PORT")
      ->envname("HAICAP_REGISTRY")
      ->capture_default_str();
  app.add_option("--deadlines", options.deadlines,
                 "Address of the deadlines service (calendars, due dates, dossiers), HOST:PORT")
      ->envname("HAICAP_DEADLINES")
      ->capture_default_str();
  app.add_option("--transfers", options.transfers,
                 "Address of the transfers service (chuyển sinh hoạt đảng), HOST:PORT")
      ->envname("HAICAP_TRANSFERS")
      ->capture_default_str();
  const std::map<std::string, OutputFormat> formats = {{"table", OutputFormat::kTable},
                                                       {"json", OutputFormat::kJson},
                                                       {"csv", OutputFormat::kCsv}};
  app.add_option("-o,--output", options.output,
                 "table (aligned, for people; default), json (the response message, for "
                 "scripts) or, for 'report' only, csv (a header row and one data row)")
      ->transform(CLI::CheckedTransformer(formats, CLI::ignore_case).description(""))
      ->type_name("table|json|csv");
  app.add_option("--timeout", options.timeout_seconds, "Seconds to wait for each answer")
      ->check(CLI::PositiveNumber)
      ->capture_default_str()
      ->type_name("SECONDS");
  options.actor = LoginName();
  app.add_option("--actor", options.actor,
                 "Who is making the change, recorded in the history (default: your login "
                 "name, $USER)")
      ->envname("HAICAP_ACTOR")
      ->check(ActorValidator())
      ->type_name("NAME");
}

// The command line that was being parsed, e.g. "haicapctl org create".
std::string CommandPath(const CLI::App* app) {
  std::string path = app->get_name();
  for (bool deeper = true; deeper;) {
    deeper = false;
    for (const CLI::App* sub : app->get_subcommands()) {
      if (sub->get_parent() == app) {
        path += " " + sub->get_name();
        app = sub;
        deeper = true;
        break;
      }
    }
  }
  return path;
}

// A usage error in the same shape as the registry's errors, pointing at the right --help.
std::string UsageFailure(const CLI::App* app, const CLI::Error& error) {
  return "error: " + std::string(error.what()) + "\nRun '" + CommandPath(app) +
         " --help' for the flags and examples.\n";
}

}  // namespace

int RunHaicapctl(int argc, const char* const* argv, std::ostream& out, std::ostream& err) {
  Session session(out, err);
  CLI::App app(
      "haicapctl: the admin command line of haicap, the registry of party organisations\n"
      "(tổ chức đảng), their members (đảng viên) and the administrative units in force since\n"
      "1 July 2025, and the deadlines service: working-day calendars, due dates, dossiers (hồ\n"
      "sơ) with their statuses and the 766 report.",
      "haicapctl");
  auto formatter = std::make_shared<WrappingFormatter>(kHelpLineWidth);
  formatter->column_width(30);
  app.formatter(formatter);
  // Global options may also follow the subcommand: `haicapctl org list -o json`.
  app.fallthrough();
  app.require_subcommand(1);
  app.failure_message(UsageFailure);
  AddGlobalOptions(app, session.options());

  CLI::App* org = app.add_subcommand(
      "org", "Party organisations: establish, change, merge, dissolve; show, list, draw the tree");
  org->require_subcommand(1);
  AddOrgQueryCommands(org, session);
  AddOrgChangeCommands(org, session);

  CLI::App* member = app.add_subcommand(
      "member", "Party members (đảng viên): admit, register, recognise, end, correct, move; show, "
                "list, history");
  member->require_subcommand(1);
  AddMemberQueryCommands(member, session);
  AddMemberChangeCommands(member, session);

  CLI::App* import = app.add_subcommand(
      "import", "Load organisations and members from CSV files (a spreadsheet saved as CSV)");
  import->require_subcommand(1);
  AddImportCommands(import, session);

  CLI::App* unit =
      app.add_subcommand("unit", "Administrative units: provinces and communes since July 2025");
  unit->require_subcommand(1);
  AddUnitCommands(unit, session);

  CLI::App* calendar = app.add_subcommand(
      "calendar", "Working-day calendars: holidays, days off, make-up days, office hours");
  calendar->require_subcommand(1);
  AddCalendarCommands(calendar, session);
  AddDueCommands(&app, session);

  CLI::App* dossier = app.add_subcommand(
      "dossier", "Dossiers (hồ sơ) and other clocks: receive, supplement, resume, reschedule, "
                 "change status; show, list");
  dossier->require_subcommand(1);
  AddDossierCommands(dossier, session);

  CLI::App* transfer = app.add_subcommand(
      "transfer", "Transfers of party membership (chuyển sinh hoạt đảng): create, endorse, "
                  "introduce, receive, cancel, reject, return; show, list");
  transfer->require_subcommand(1);
  AddTransferCommands(transfer, session);
  AddReportCommand(&app, session);
  AddWatchCommand(&app, session);
  // Set last: subcommands inherit the footer of their parent at creation.
  app.footer(kRootFooter);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e, out, err) == 0 ? kExitOk : kExitUsage;
  }
  return session.exit_code();
}

}  // namespace haicap::ctl
