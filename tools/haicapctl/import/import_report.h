// The report of an import: the registry's answers for each batch merged with the rows the CLI
// refused itself, and its table form
//   Imported:   3
//   Unchanged:  1 (already in the registry from an earlier run)
//   Errors:     1
//
//   line 17, column citizen_id: CITIZEN_ID_TAKEN: ...
// and, when the registry warned about rows that landed, a "Warnings:" count and their lines.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "haicap/registry/v1/registry.pb.h"

namespace haicap::ctl {

namespace registry = ::haicap::registry::v1;

// Adds the counts, errors, warnings and organisation ids of `batch` to `*total`.
void MergeReport(const registry::ImportReport& batch, registry::ImportReport* total);
// Orders the errors, and the warnings, by line (then as they came).
void SortErrors(registry::ImportReport* report);

// How many key → id pairs the table shows.
inline constexpr int kIdsShown = 5;

// The counts, one line per row error, then one per warning (rows that landed but look wrong),
// and, when there are organisation ids, those of the first
// kIdsShown of `keys` (the keys in file order) with how many more there are. With `dry_run` the
// report says that nothing was written.
void PrintImportReport(std::ostream& out, const registry::ImportReport& report, bool dry_run,
                       const std::vector<std::string>& keys);

}  // namespace haicap::ctl
