// The columns of the two import files and how one of their rows becomes a request row.
//
// The CLI reads what it can check on its own (dates, kinds, sexes, statuses, actions, yes/no
// flags, the shape of a citizen ID); a cell it cannot read makes the row a RowError with the
// column's header name and reason INVALID_VALUE, and the row is not sent. Everything else (a
// required cell left empty, an unknown parent key, a citizen ID already taken) is the registry's
// to judge: empty cells are sent unset.
#pragma once

#include <vector>

#include "absl/types/span.h"
#include "haicap/registry/v1/registry.pb.h"
#include "tools/haicapctl/import/csv_reader.h"
#include "tools/haicapctl/import/import_file.h"

namespace haicap::ctl {

namespace registry = ::haicap::registry::v1;

// The reason of a RowError for a cell the CLI cannot read.
inline constexpr char kInvalidValue[] = "INVALID_VALUE";

// action, key, name, kind, parent_key, admin_unit_code, upper_grassroots_powers, effective_date,
// decision_number, decision_date; action, key and effective_date are required.
absl::Span<const ImportColumn> OrganizationColumns();
// organization_key, full_name, date_of_birth, sex, citizen_id, party_card_number,
// party_record_number, status, admitted_on, official_on, effective_date; all but the card and
// record numbers, official_on and effective_date are required.
absl::Span<const ImportColumn> MemberColumns();

// Fills `*row` from `record` (its line included). Returns false, with one error per unreadable
// cell appended to `*errors`, when the row must not be sent.
bool ToOrganizationRow(const ImportHeader& header, const CsvRecord& record,
                       registry::OrganizationImportRow* row,
                       std::vector<registry::RowError>* errors);
bool ToMemberRow(const ImportHeader& header, const CsvRecord& record,
                 registry::MemberImportRow* row, std::vector<registry::RowError>* errors);

}  // namespace haicap::ctl
