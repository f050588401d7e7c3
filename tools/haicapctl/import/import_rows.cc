#include "tools/haicapctl/import/import_rows.h"

#include <optional>
#include <string>
#include <string_view>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "tools/haicapctl/core/args.h"

namespace haicap::ctl {
namespace {

constexpr ImportColumn kOrganizationColumns[] = {
    {"action", true},
    {"key", true},
    {"name", false},
    {"kind", false},
    {"parent_key", false},
    {"admin_unit_code", false},
    {"upper_grassroots_powers", false},
    {"effective_date", true},
    {"decision_number", false},
    {"decision_date", false},
};

constexpr ImportColumn kMemberColumns[] = {
    {"organization_key", true},     {"full_name", true},
    {"date_of_birth", true},        {"sex", true},
    {"citizen_id", true},           {"party_card_number", false},
    {"party_record_number", false}, {"status", true},
    {"admitted_on", true},          {"official_on", false},
    {"effective_date", false},
};

absl::string_view View(std::string_view s) { return absl::string_view(s.data(), s.size()); }

absl::StatusOr<std::string> ParseAction(std::string_view text) {
  const std::string action = absl::AsciiStrToLower(View(text));
  if (action == "establish" || action == "move" || action == "dissolve") return action;
  return absl::InvalidArgumentError(
      absl::StrCat(text.empty() ? "no action" : absl::StrCat("unknown action \"", View(text), "\""),
                   "; use establish, move or dissolve"));
}

absl::StatusOr<bool> ParseTrueFalse(std::string_view text) {
  const std::string lower = absl::AsciiStrToLower(View(text));
  if (lower == "true") return true;
  if (lower == "false") return false;
  return absl::InvalidArgumentError(
      absl::StrCat("\"", View(text), "\" is neither true nor false (or empty for false)"));
}

// Registration takes a member as they are today: probationary or official.
absl::StatusOr<registry::MemberStatus> ParseImportedStatus(std::string_view text) {
  absl::StatusOr<registry::MemberStatus> status = ParseMemberStatus(text);
  if (status.ok() && *status != registry::PROBATIONARY && *status != registry::OFFICIAL) {
    return absl::InvalidArgumentError(
        absl::StrCat("a member is imported as probationary or official, not ", View(text)));
  }
  return status;
}

// The cells of one row, read column by column; remembers whether any could not be read.
class RowCells {
 public:
  RowCells(const ImportHeader& header, const CsvRecord& record,
           std::vector<registry::RowError>* errors)
      : header_(header), record_(record), errors_(errors) {}

  std::string Text(const char* column) const { return std::string(header_.Cell(record_, column)); }

  // The cell read by `parse`, or nothing when it is empty (and `empty_is_unset`) or unreadable
  // (then a RowError is recorded).
  template <typename Parse>
  auto Parsed(const char* column, Parse parse, bool empty_is_unset = true)
      -> std::optional<typename decltype(parse(std::string_view()))::value_type> {
    const std::string_view cell = header_.Cell(record_, column);
    if (cell.empty() && empty_is_unset) return std::nullopt;
    auto parsed = parse(cell);
    if (parsed.ok()) return *std::move(parsed);
    registry::RowError& error = errors_->emplace_back();
    error.set_line(record_.line);
    error.set_column(column);
    error.set_reason(kInvalidValue);
    error.set_message(std::string(parsed.status().message()));
    ok_ = false;
    return std::nullopt;
  }

  bool ok() const { return ok_; }

 private:
  const ImportHeader& header_;
  const CsvRecord& record_;
  std::vector<registry::RowError>* errors_;
  bool ok_ = true;
};

}  // namespace

absl::Span<const ImportColumn> OrganizationColumns() { return kOrganizationColumns; }
absl::Span<const ImportColumn> MemberColumns() { return kMemberColumns; }

bool ToOrganizationRow(const ImportHeader& header, const CsvRecord& record,
                       registry::OrganizationImportRow* row,
                       std::vector<registry::RowError>* errors) {
  RowCells cells(header, record, errors);
  row->set_line(record.line);
  if (auto action = cells.Parsed("action", ParseAction, /*empty_is_unset=*/false)) {
    row->set_action(*action);
  }
  row->set_key(cells.Text("key"));
  row->set_name(cells.Text("name"));
  if (auto kind = cells.Parsed("kind", ParseKind)) row->set_kind(*kind);
  row->set_parent_key(cells.Text("parent_key"));
  row->set_admin_unit_code(cells.Text("admin_unit_code"));
  if (auto powers = cells.Parsed("upper_grassroots_powers", ParseTrueFalse)) {
    row->set_upper_grassroots_powers(*powers);
  }
  if (auto date = cells.Parsed("effective_date", ParseDate)) *row->mutable_effective_date() = *date;
  registry::Decision decision;
  decision.set_number(cells.Text("decision_number"));
  if (auto date = cells.Parsed("decision_date", ParseDate)) *decision.mutable_date() = *date;
  if (decision.ByteSizeLong() > 0) *row->mutable_decision() = std::move(decision);
  return cells.ok();
}

bool ToMemberRow(const ImportHeader& header, const CsvRecord& record,
                 registry::MemberImportRow* row, std::vector<registry::RowError>* errors) {
  RowCells cells(header, record, errors);
  row->set_line(record.line);
  row->set_organization_key(cells.Text("organization_key"));
  registry::Member* member = row->mutable_member();
  member->set_full_name(cells.Text("full_name"));
  if (auto date = cells.Parsed("date_of_birth", ParseDate)) {
    *member->mutable_date_of_birth() = *date;
  }
  if (auto sex = cells.Parsed("sex", ParseSex)) member->set_sex(*sex);
  if (auto id = cells.Parsed("citizen_id", ParseCitizenId)) member->set_citizen_id(*id);
  member->set_party_card_number(cells.Text("party_card_number"));
  member->set_party_record_number(cells.Text("party_record_number"));
  if (auto status = cells.Parsed("status", ParseImportedStatus)) member->set_status(*status);
  if (auto date = cells.Parsed("admitted_on", ParseDate)) *member->mutable_admitted_on() = *date;
  if (auto date = cells.Parsed("official_on", ParseDate)) *member->mutable_official_on() = *date;
  if (auto date = cells.Parsed("effective_date", ParseDate)) *row->mutable_effective_date() = *date;
  return cells.ok();
}

}  // namespace haicap::ctl
