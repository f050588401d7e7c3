// `haicapctl report`: the 766 statistics (Quyết định 766/QĐ-TTg) of a unit for a period, as a
// table for people, JSON, or one CSV record for a spreadsheet.
#include "tools/haicapctl/report/report_command.h"

#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "tools/haicapctl/core/args.h"
#include "tools/haicapctl/core/flags.h"

namespace haicap::ctl {
namespace {

using deadlines::Deadlines;

void PrintStatistics(std::ostream& out, const deadlines::Statistics& stats) {
  const std::string kind = DossierKindLabel(stats.kind());
  PrintFields(out, {
                       {"Unit", stats.unit_code().empty() ? "every unit" : stats.unit_code()},
                       {"Kind", kind.empty() ? "every kind" : kind},
                       {"Period", absl::StrCat(FormatDate(stats.from_date()), " to ",
                                               FormatDate(stats.to_date()), ", both included")},
                   });
  out << '\n';
  Table table({"FIGURE", "VALUE"});
  auto row = [&](const char* figure, int64_t count) {
    table.AddRow({figure, absl::StrCat(count)});
  };
  row("Carried over (tồn kỳ trước)", stats.carried_over());
  row("Received (tiếp nhận)", stats.received_total());
  row("  direct (trực tiếp)", stats.received_direct());
  row("  online (trực tuyến)", stats.received_online());
  row("  postal (bưu chính)", stats.received_postal());
  row("Finished (đã giải quyết)", stats.finished_total());
  row("  early (trước hạn)", stats.finished_early());
  row("  on time (đúng hạn)", stats.finished_on_time());
  row("  late (quá hạn)", stats.finished_late());
  row("In progress within time (trong hạn)", stats.in_progress_within_time());
  row("In progress overdue (quá hạn)", stats.in_progress_overdue());
  row("Waiting for a supplement (chờ bổ sung)", stats.waiting_supplement());
  // With nothing finished there is no rate: "—", not the 100% the service reports then.
  table.AddRow({"On-time rate (đúng và trước hạn)",
                stats.finished_total() == 0 ? "— (nothing finished)"
                                            : absl::StrFormat("%.1f%%", stats.on_time_rate_percent())});
  table.Print(out);
}

}  // namespace

void AddReportCommand(CLI::App* app, Session& session) {
  struct Flags {
    DossierFilterFlags filter;
    std::string from, to;
  };
  auto flags = std::make_shared<Flags>();
  CLI::App* cmd = app->add_subcommand(
      "report",
      "The 766 report of a unit for a period: carried over, received by channel, finished early, "
      "on time or late, in progress, the on-time rate");
  flags->filter.AddTo(cmd,
                     "A commune (5 digits), a province (2 digits: all its communes and its own "
                     "centre) or an organisation (org-ID, e.g. org-12)");
  AddDateOption(cmd, "--from", flags->from,
                "The first day of the period (default the first day of this month)");
  AddDateOption(cmd, "--to", flags->to, "The last day of the period (default today)");
  cmd->footer(
      R"(The on-time rate is (early + on time) / finished, "—" when nothing finished. Finished
means processing ended in the period (the first of 3, 7, 8, 9 after receipt); a dossier with
more than one supplement request counts as late. -o csv prints a header row and one data row
(the field names of the message, snake_case) for a spreadsheet.

Examples:
  haicapctl report --unit 00136 --from 01/01/2026 --to 31/03/2026   # quý I
  haicapctl report --unit 01 --kind admin
  haicapctl report --unit 00136 --from 2026-01-01 -o csv >> phuc-loi-2026.csv)");
  session.SetAction(
      cmd,
      [flags](Session& s) {
        deadlines::GetStatisticsRequest request;
        flags->filter.Fill(&request);
        // Only when given: an empty date would still be present, not the default period.
        if (!flags->from.empty()) *request.mutable_from_date() = ParseDate(flags->from).value();
        if (!flags->to.empty()) *request.mutable_to_date() = ParseDate(flags->to).value();
        deadlines::Statistics stats;
        grpc::Status status = s.Call(&Deadlines::Stub::GetStatistics, request, &stats);
        if (!status.ok()) return s.Fail(status);
        return s.Show(stats, [&](std::ostream& out) { PrintStatistics(out, stats); });
      },
      /*prints_csv=*/true);
}

}  // namespace haicap::ctl
