#include "tools/haicapctl/import/import_file.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/status_macros.h"

namespace haicap::ctl {
namespace {

absl::string_view Trimmed(std::string_view text) {
  return absl::StripAsciiWhitespace(absl::string_view(text.data(), text.size()));
}

bool IsBlank(const CsvRecord& record) {
  for (const std::string& field : record.fields) {
    if (!Trimmed(field).empty()) return false;
  }
  return true;
}

// A header read as one cell holding semicolons or tabs: the spreadsheet was saved with another
// separator (Excel does so where the comma is the decimal sign).
bool HasOtherSeparator(const CsvRecord& header) {
  return header.fields.size() == 1 && header.fields[0].find_first_of(";\t") != std::string::npos;
}

}  // namespace

absl::StatusOr<ImportHeader> ImportHeader::Parse(const CsvRecord& header,
                                                 absl::Span<const ImportColumn> columns) {
  if (HasOtherSeparator(header)) {
    return absl::InvalidArgumentError(
        "the header (line 1) is separated by semicolons or tabs, not commas: save as CSV UTF-8, "
        "comma-separated");
  }
  ImportHeader parsed;
  std::vector<std::string> unknown, twice, missing, known;
  for (const ImportColumn& column : columns) known.push_back(column.name);
  for (size_t i = 0; i < header.fields.size(); ++i) {
    const std::string name = absl::AsciiStrToLower(Trimmed(header.fields[i]));
    if (std::find(known.begin(), known.end(), name) == known.end()) {
      unknown.push_back("\"" + name + "\"");
    } else if (!parsed.index_.emplace(name, i).second) {
      twice.push_back(name);
    }
  }
  for (const ImportColumn& column : columns) {
    if (column.required && !parsed.index_.contains(column.name)) missing.push_back(column.name);
  }
  std::vector<std::string> problems;
  if (!unknown.empty()) {
    problems.push_back(absl::StrCat("unknown column", unknown.size() > 1 ? "s " : " ",
                                    absl::StrJoin(unknown, ", "),
                                    " (the columns are: ", absl::StrJoin(known, ","), ")"));
  }
  if (!twice.empty()) {
    problems.push_back(absl::StrCat("column named twice: ", absl::StrJoin(twice, ", ")));
  }
  if (!missing.empty()) {
    problems.push_back(absl::StrCat("missing required column", missing.size() > 1 ? "s " : " ",
                                    absl::StrJoin(missing, ", ")));
  }
  if (!problems.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat("the header (line 1) is wrong: ", absl::StrJoin(problems, "; ")));
  }
  return parsed;
}

std::string_view ImportHeader::Cell(const CsvRecord& record, std::string_view column) const {
  auto it = index_.find(column);
  if (it == index_.end() || it->second >= record.fields.size()) return "";
  const absl::string_view cell = Trimmed(record.fields[it->second]);
  return std::string_view(cell.data(), cell.size());
}

absl::StatusOr<std::unique_ptr<ImportFile>> ImportFile::Open(
    const std::string& path, absl::Span<const ImportColumn> columns) {
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    return absl::NotFoundError(absl::StrCat("cannot open ", path, ": ", std::strerror(errno)));
  }
  CsvReader reader(file);
  CsvRecord record;
  ASSIGN_OR_RETURN(const bool has_header, reader.Next(&record));
  if (!has_header) {
    return absl::InvalidArgumentError("the file is empty; its first line must name the columns");
  }
  ASSIGN_OR_RETURN(ImportHeader header, ImportHeader::Parse(record, columns));
  int64_t rows = 0;
  for (;;) {
    ASSIGN_OR_RETURN(const bool more, reader.Next(&record));
    if (!more) break;
    if (!IsBlank(record)) ++rows;
  }
  auto opened =
      std::unique_ptr<ImportFile>(new ImportFile(std::move(file), std::move(header), rows));
  RETURN_IF_ERROR(opened->Rewind());
  return opened;
}

ImportFile::ImportFile(std::ifstream file, ImportHeader header, int64_t rows)
    : file_(std::move(file)), header_(std::move(header)), rows_(rows) {}

absl::Status ImportFile::Rewind() {
  file_.clear();
  file_.seekg(0);
  if (!file_) return absl::DataLossError("cannot read the file a second time");
  reader_.emplace(file_);
  CsvRecord header;
  return reader_->Next(&header).status();
}

absl::StatusOr<bool> ImportFile::Next(CsvRecord* record) {
  for (;;) {
    ASSIGN_OR_RETURN(const bool more, reader_->Next(record));
    if (!more || !IsBlank(*record)) return more;
  }
}

}  // namespace haicap::ctl
