// Reading dossiers: get, list; and what `dossier --help` says about statuses.
#include "tools/haicapctl/dossier/dossier_commands.h"

#include <memory>
#include <string>
#include <vector>

#include "tools/haicapctl/core/flags.h"
#include "tools/haicapctl/core/help_format.h"
#include "tools/haicapctl/dossier/dossier_views.h"

namespace haicap::ctl {
namespace {

using deadlines::Deadlines;

constexpr char kDossierFooter[] =
    R"(Legal status changes (TransitionDossier; the numbers are the national portal's):
  1 → 2 (accepted: the clock starts), 3, 7
  2 → 4, 3, 7, 8, 9      4 → 6, 7, 8, 9      6 → 4, 7, 8, 9      9 → 10
  2, 4, 6 → 5 only by 'dossier supplement'; 5 → 4 only by 'dossier resume'; 5 → 7, 8
  3, 7, 8 and 10 are final.
The first of 3, 7, 8, 9 after receipt ends processing and fixes the outcome (the 766 rule): the
date it ended against the due date gives early (trước hạn), on time (đúng hạn) or late (quá hạn);
more than one supplement request makes it late. Instants are Vietnam time (UTC+7).

Examples: a dossier received now, then one entered after the fact (each --at not before the
dossier's previous change; left out, it is now):
  haicapctl dossier receive 00136 15wd --procedure 1.001612 --channel online   # prints its id
  haicapctl dossier list --unit 00136 --overdue
  haicapctl dossier receive 00136 15wd --id G22.26-260213-0001 --procedure 1.001612 \
      --received-at "13/02/2026 10:00"                          # due 13/03/2026, after Tết
  haicapctl dossier status G22.26-260213-0001 processing --at "24/02/2026 09:00"
  haicapctl dossier supplement G22.26-260213-0001 --reason "thiếu bản sao giấy khai sinh" \
      --at "25/02/2026 09:00"
  haicapctl dossier resume G22.26-260213-0001 --at "26/02/2026 09:00"        # due 16/03/2026
  haicapctl dossier reschedule G22.26-260213-0001 20/03/2026 --reason "chờ ý kiến Sở Xây dựng" \
      --at "27/02/2026 08:00"
  haicapctl dossier status G22.26-260213-0001 processed --at "19/03/2026 15:00"   # early
  haicapctl dossier get G22.26-260213-0001)";

void AddGet(CLI::App* dossier, Session& session) {
  auto id = std::make_shared<std::string>();
  CLI::App* cmd = dossier->add_subcommand(
      "get", "Show one dossier: status, due date, supplements, reschedule, outcome, history");
  cmd->add_option("id", *id, "The dossier, e.g. DS-000000000042 or a national dossier code")
      ->required();
  cmd->footer(R"(Examples:
  haicapctl dossier get DS-000000000042
  haicapctl dossier get DS-000000000042 -o json     # includes the etag for --etag)");
  session.SetAction(cmd, [id](Session& s) {
    deadlines::GetDossierRequest request;
    request.set_id(*id);
    deadlines::Dossier dossier;
    grpc::Status status = s.Call(&Deadlines::Stub::GetDossier, request, &dossier);
    if (!status.ok()) return s.Fail(status);
    return s.Show(dossier, [&](std::ostream& out) { PrintDossier(out, dossier); });
  });
}

void AddList(CLI::App* dossier, Session& session) {
  struct Flags {
    DossierFilterFlags filter;
    std::vector<std::string> statuses;
    bool overdue = false;
    int due_within = 0;
    CLI::Option* due_within_option = nullptr;
    PageFlags pages;
  };
  auto flags = std::make_shared<Flags>();
  CLI::App* cmd = dossier->add_subcommand(
      "list", "List dossiers by unit, kind, status or due window (without their history)");
  flags->filter.AddTo(cmd, kUnitsOfDossiers);
  AddDossierStatusesOption(cmd, "--status", flags->statuses,
                           "Only these statuses, by number or name, e.g. 2,4 or "
                           "processing,financial");
  CLI::Option* overdue = cmd->add_flag(
      "--overdue", flags->overdue, "Only running dossiers (2, 4, 6) past their due date");
  flags->due_within_option =
      cmd->add_option("--due-within", flags->due_within,
                      "Only running dossiers due by the closing time of the N-th working day "
                      "from today (0 = today; overdue ones included)")
          ->check(CLI::Range(0, 3650).description(""))
          ->excludes(overdue)
          ->type_name("N");
  flags->pages.AddTo(cmd, "dossiers");
  cmd->footer(R"(Sorted by id, or by due date with --overdue or --due-within. STATUS shows the
portal's number and name; OUTCOME is set once processing has ended.

Examples:
  haicapctl dossier list --unit 00136 --status 2,4,6 --all
  haicapctl dossier list --unit 01 --due-within 1            # due by tomorrow's closing time
  haicapctl dossier list --kind party --overdue -o json)");
  session.SetAction(cmd, [flags](Session& s) {
    deadlines::ListDossiersRequest request;
    flags->filter.Fill(&request);
    for (const std::string& status : flags->statuses) {
      request.add_statuses(ParseDossierStatus(status).value());
    }
    request.set_overdue(flags->overdue);
    if (flags->due_within_option->count() > 0) {
      request.set_due_within_working_days(flags->due_within);
    }
    flags->pages.Fill(&request);
    deadlines::ListDossiersResponse response;
    grpc::Status status =
        s.CallPaged(&Deadlines::Stub::ListDossiers, request, flags->pages.all(), &response);
    if (!status.ok()) return s.Fail(status);
    const int code =
        s.Show(response, [&](std::ostream& out) { DossierTable(response.dossiers()).Print(out); });
    s.NoteNextPage(response.next_page_token());
    return code;
  });
}

}  // namespace

void AddDossierCommands(CLI::App* dossier, Session& session) {
  AddDossierChangeCommands(dossier, session);
  AddGet(dossier, session);
  AddList(dossier, session);
  // Set last: subcommands inherit the footer of their parent at creation.
  dossier->footer(WrapText("Statuses: " + DossierStatusList() + ".", kHelpLineWidth) + "\n\n" +
                  kDossierFooter);
}

}  // namespace haicap::ctl
