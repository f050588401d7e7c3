#include "tools/haicapctl/import/import_commands.h"

#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "tools/haicapctl/core/flags.h"
#include "tools/haicapctl/core/help_format.h"
#include "tools/haicapctl/core/progress.h"
#include "tools/haicapctl/import/import_file.h"
#include "tools/haicapctl/import/import_report.h"
#include "tools/haicapctl/import/import_rows.h"

namespace haicap::ctl {
namespace {

using registry::Registry;

constexpr int kMaxBatchSize = 1000;  // the registry's limit per call

constexpr char kFileNote[] =
    R"(The file is CSV as spreadsheets save it ("CSV UTF-8" in Excel, or LibreOffice's
Text CSV with UTF-8): the first line names the columns, in any order; cells holding commas,
quotes or line breaks are in double quotes. Dates are 2025-07-01 or 01/07/2025. Columns not
needed may be left out; empty cells are left unset.

Rows go to the registry in file order, --batch-size at a time. A cell haicapctl cannot read
(a date, a kind...) is reported with reason INVALID_VALUE and its row is not sent; the
registry checks the rest, and a row it refuses is not written at all. The report lists every
such row as "line 17, column citizen_id: REASON: why"; fix them and run the same file again:
rows already imported are skipped (counted as unchanged), nothing is created twice.

Exit codes: 0 every row landed (or would, with --dry-run), 1 some row did not or the registry
refused, 2 the file cannot be read or its header is wrong (nothing is sent).
)";

// The kinds for the column list, wrapped under its description column.
std::string KindList() {
  return absl::StrReplaceAll(WrapText(absl::StrJoin(KindLabels(), ", "), 60),
                             {{"\n", "\n                                      "}});
}

struct ImportFlags {
  std::string file;
  int batch_size = 500;
  bool dry_run = false;
  // Batch n of the file is sent as "<id>-<n>": the same file, batch size and id repeat nothing.
  RequestIdFlag request_id;
};

void AddImportFlags(CLI::App* cmd, ImportFlags& flags) {
  cmd->add_option("file", flags.file, "The CSV file; its first line names the columns")
      ->required()
      ->check(CLI::Validator(CLI::ExistingFile).description(""))
      ->type_name("FILE.csv");
  cmd->add_option("--batch-size", flags.batch_size, "Rows per call to the registry (at most 1000)")
      ->check(CLI::Range(1, kMaxBatchSize))
      ->capture_default_str()
      ->type_name("ROWS");
  cmd->add_flag("--dry-run", flags.dry_run,
                "Check every row with the registry and report, but write nothing");
  flags.request_id.AddTo(cmd);
}

// What differs between the two imports.
template <typename Request, typename Row>
struct Importer {
  absl::Span<const ImportColumn> columns;
  bool (*to_row)(const ImportHeader&, const CsvRecord&, Row*, std::vector<registry::RowError>*);
  Session::Rpc<registry::Registry::Stub, Request, registry::ImportReport> rpc;
  // The organisation key a row names, for the key → id table; null for rows without one.
  const std::string& (Row::*key)() const = nullptr;
};

// Sends the rows of the file in batches and prints the merged report.
template <typename Request, typename Row>
int RunImport(Session& s, ImportFlags& flags, const Importer<Request, Row>& importer) {
  absl::StatusOr<std::unique_ptr<ImportFile>> opened =
      ImportFile::Open(flags.file, importer.columns);
  if (!opened.ok()) {
    s.err() << "error: " << flags.file << ": " << opened.status().message()
            << "\nNothing was sent.\n";
    return kExitUsage;
  }
  ImportFile& file = **opened;
  if (flags.dry_run) {
    s.err() << "Dry run: checking " << file.rows() << " rows; nothing will be written.\n";
  }

  registry::ImportReport report;
  std::vector<registry::RowError> refused;  // rows haicapctl could not read
  std::vector<std::string> keys;
  int64_t done = 0;
  ProgressBar progress(s.err(), IsTerminal(s.err()), file.rows(), "rows");
  Request batch;
  batch.set_dry_run(flags.dry_run);
  grpc::Status status;
  int batches = 0;
  auto send = [&] {
    if (batch.rows().empty()) return;
    if (!flags.dry_run) batch.set_request_id(absl::StrCat(flags.request_id.value(), "-", ++batches));
    registry::ImportReport answer;
    status = s.Call(importer.rpc, batch, &answer);
    if (!status.ok()) return;
    MergeReport(answer, &report);
    done += batch.rows_size();
    batch.clear_rows();
    progress.Update(done);
  };
  CsvRecord record;
  absl::StatusOr<bool> more = true;
  while (status.ok() && (more = file.Next(&record)).ok() && *more) {
    Row row;
    if (!importer.to_row(file.header(), record, &row, &refused)) {
      ++done;
      continue;
    }
    if (importer.key != nullptr) keys.push_back((row.*importer.key)());
    *batch.add_rows() = std::move(row);
    if (batch.rows_size() == flags.batch_size) send();
  }
  if (status.ok() && more.ok()) send();
  if (status.ok()) progress.Update(done);  // rows refused after the last batch
  progress.Finish();

  for (registry::RowError& error : refused) *report.add_errors() = std::move(error);
  SortErrors(&report);
  const int shown = s.Show(
      report, [&](std::ostream& out) { PrintImportReport(out, report, flags.dry_run, keys); });
  if (!more.ok()) {
    s.err() << "error: " << flags.file
            << " changed while it was imported: " << more.status().message() << '\n';
    return kExitServerError;
  }
  if (!status.ok()) {
    s.out().flush();
    if (flags.dry_run) {
      s.Fail(status);
    } else {
      s.FailChange(status, flags.request_id.value());
    }
    s.err() << "  the import stopped before line " << batch.rows(0).line()
            << "; the report above covers the rows before it. Running the same file again is "
               "safe: rows already imported are skipped.\n";
    return kExitServerError;
  }
  return shown == kExitOk && report.errors().empty() ? kExitOk : kExitServerError;
}

void AddOrgs(CLI::App* import, Session& session) {
  auto flags = std::make_shared<ImportFlags>();
  CLI::App* cmd = import->add_subcommand(
      "orgs", "Import party organisations: establish, move (hand over) or dissolve, one per row");
  cmd->alias("organizations");
  AddImportFlags(cmd, *flags);
  cmd->footer(std::string(kFileNote) + R"(
Columns (action, key and effective_date are required):
  action                   establish, move or dissolve
  key                      the organisation's key in your spreadsheet, e.g. LB-CB07, up to 100
                           characters; "id:42" names an organisation already in the registry
  name                     establish: the full name
  kind                     establish: )" +
              KindList() + R"(
  parent_key               establish: the organisation it is under; move: the new one (a key
                           from this file or an earlier import, or id:N)
  admin_unit_code          establish: 2 digits for a province, 5 for a commune
  upper_grassroots_powers  establish: true or false (empty: false)
  effective_date           the day the row takes effect (ngày có hiệu lực)
  decision_number          the decision behind it, e.g. 1234-QĐ/TU
  decision_date            the day it was signed

Rows are applied in file order: a parent's row comes before its children's. The report
prints the ids of the first keys; -o json gives every key with its id. A dry run writes
nothing, so each batch is checked on its own: a row naming a key established in an earlier
batch is reported as unknown. --batch-size 1000 checks up to 1000 rows together.

Example file:
  action,key,name,kind,parent_key,admin_unit_code,effective_date,decision_number
  establish,PL,Đảng bộ phường Phúc Lợi,commune-committee,id:1,00136,01/07/2025,1234-QĐ/TU

Examples:
  haicapctl import orgs phuc-loi-orgs.csv --dry-run
  haicapctl import orgs phuc-loi-orgs.csv -o json > ids.json)");
  session.SetAction(cmd, [flags](Session& s) {
    return RunImport(
        s, *flags,
        Importer<registry::ImportOrganizationsRequest, registry::OrganizationImportRow>{
            OrganizationColumns(), ToOrganizationRow, &Registry::Stub::ImportOrganizations,
            &registry::OrganizationImportRow::key});
  });
}

void AddMembers(CLI::App* import, Session& session) {
  auto flags = std::make_shared<ImportFlags>();
  CLI::App* cmd = import->add_subcommand(
      "members", "Import (register) existing party members with their past dates, one per row");
  AddImportFlags(cmd, *flags);
  cmd->footer(std::string(kFileNote) + R"(
Columns (all but party_card_number, party_record_number, official_on and effective_date are
required):
  organization_key     the cell or grassroots organisation: a key from an organisation
                       import, or id:N
  full_name            e.g. Nguyễn Văn An
  date_of_birth        a date
  sex                  male or female (nam, nu)
  citizen_id           12 digits (căn cước công dân); a row whose ID already belongs to the same
                       living member of the same organisation is skipped as unchanged
  party_card_number    số thẻ đảng viên
  party_record_number  số lý lịch đảng viên
  status               probationary (du-bi) or official (chinh-thuc)
  admitted_on          day of the admission ceremony (ngày vào Đảng)
  official_on          official members: the day they became official (default: 12 months
                       after admitted_on)
  effective_date       the day they joined the organisation (default: the later of
                       admitted_on and the organisation's establishment)

Example file:
  organization_key,full_name,date_of_birth,sex,citizen_id,status,admitted_on,official_on
  PL-CB05,Trần Thị Bình,11/03/1970,female,001170004321,official,03/02/1995,03/02/1996

Examples:
  haicapctl import members phuc-loi-members.csv --dry-run
  haicapctl import members phuc-loi-members.csv --batch-size 1000)");
  session.SetAction(cmd, [flags](Session& s) {
    return RunImport(s, *flags,
                     Importer<registry::ImportMembersRequest, registry::MemberImportRow>{
                         MemberColumns(), ToMemberRow, &Registry::Stub::ImportMembers});
  });
}

}  // namespace

void AddImportCommands(CLI::App* import, Session& session) {
  AddOrgs(import, session);
  AddMembers(import, session);
}

}  // namespace haicap::ctl
