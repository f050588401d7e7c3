#include "tools/haicapctl/import/import_report.h"

#include <algorithm>
#include <set>

#include "absl/strings/str_cat.h"
#include "tools/haicapctl/core/output.h"

namespace haicap::ctl {
namespace {

void PrintRowError(std::ostream& out, const registry::RowError& error) {
  out << "line " << error.line();
  if (!error.column().empty()) out << ", column " << error.column();
  out << ": " << error.reason();
  if (!error.message().empty()) out << ": " << error.message();
  out << '\n';
}

void PrintOrganizationIds(std::ostream& out, const registry::ImportReport& report,
                          const std::vector<std::string>& keys) {
  const auto& ids = report.organization_ids();
  Table table({"KEY", "ID"});
  std::set<std::string> shown_keys;  // a key may be on several rows (established, then moved)
  int shown = 0;
  for (const std::string& key : keys) {
    if (shown == kIdsShown) break;
    auto id = ids.find(key);
    if (id == ids.end() || !shown_keys.insert(key).second) continue;
    table.AddRow({key, id->second});
    ++shown;
  }
  out << "\nOrganisation ids:\n";
  table.Print(out);
  if (ids.size() > static_cast<size_t>(shown)) {
    out << "and " << ids.size() - shown << " more (-o json lists every key with its id)\n";
  }
}

}  // namespace

void MergeReport(const registry::ImportReport& batch, registry::ImportReport* total) {
  total->set_imported(total->imported() + batch.imported());
  total->set_unchanged(total->unchanged() + batch.unchanged());
  total->mutable_errors()->MergeFrom(batch.errors());
  total->mutable_warnings()->MergeFrom(batch.warnings());
  for (const auto& [key, id] : batch.organization_ids()) {
    (*total->mutable_organization_ids())[key] = id;
  }
}

void SortErrors(registry::ImportReport* report) {
  for (auto* rows : {report->mutable_errors(), report->mutable_warnings()}) {
    std::stable_sort(
        rows->begin(), rows->end(),
        [](const registry::RowError& a, const registry::RowError& b) { return a.line() < b.line(); });
  }
}

void PrintImportReport(std::ostream& out, const registry::ImportReport& report, bool dry_run,
                       const std::vector<std::string>& keys) {
  if (dry_run) out << "Dry run: every row was checked, nothing was written.\n";
  PrintFields(
      out, {{dry_run ? "Would import" : "Imported", absl::StrCat(report.imported())},
            {"Unchanged", absl::StrCat(report.unchanged(),
                                       report.unchanged() > 0 ? " (already in the registry from an "
                                                                "earlier run)"
                                                              : "")},
            {"Errors", absl::StrCat(report.errors_size())},
            {"Warnings", report.warnings().empty() ? "" : absl::StrCat(report.warnings_size())}});
  if (!report.errors().empty()) out << '\n';
  for (const registry::RowError& error : report.errors()) PrintRowError(out, error);
  if (!report.warnings().empty()) out << "\nWarnings (the rows landed; check them):\n";
  for (const registry::RowError& warning : report.warnings()) PrintRowError(out, warning);
  if (!report.organization_ids().empty()) PrintOrganizationIds(out, report, keys);
}

}  // namespace haicap::ctl
