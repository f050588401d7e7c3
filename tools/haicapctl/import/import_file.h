// A CSV file to import: its header, checked against the columns the import knows, and its data
// rows. The whole file is read once when opened, so a file that is not CSV or has a wrong header
// is refused before any row reaches the registry, and the number of rows is known for the
// progress bar; the rows are then read again from the start.
#pragma once

#include <cstdint>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "tools/haicapctl/import/csv_reader.h"

namespace haicap::ctl {

struct ImportColumn {
  const char* name;
  bool required;
};

// Where each column of the file is. Header names are matched ignoring case and surrounding
// blanks.
class ImportHeader {
 public:
  // INVALID_ARGUMENT naming every column of `header` not among `columns` (and listing those
  // that are), every column named twice, and every required column missing; for a header
  // separated by semicolons or tabs, the hint "save as CSV UTF-8, comma-separated".
  static absl::StatusOr<ImportHeader> Parse(const CsvRecord& header,
                                            absl::Span<const ImportColumn> columns);

  // The cell of `column` in `record` without surrounding blanks; "" when the file has no such
  // column.
  std::string_view Cell(const CsvRecord& record, std::string_view column) const;

 private:
  std::map<std::string, size_t, std::less<>> index_;
};

class ImportFile {
 public:
  // Opens `path` and reads it to the end. NOT_FOUND when it cannot be opened; INVALID_ARGUMENT
  // when it is not CSV ("line N: ...") or its header is wrong.
  static absl::StatusOr<std::unique_ptr<ImportFile>> Open(const std::string& path,
                                                          absl::Span<const ImportColumn> columns);

  const ImportHeader& header() const { return header_; }
  // Data rows, not counting rows whose cells are all blank (spreadsheets save those).
  int64_t rows() const { return rows_; }

  // The next data row, from the first one on; false after the last. Blank rows are skipped.
  absl::StatusOr<bool> Next(CsvRecord* record);

 private:
  ImportFile(std::ifstream file, ImportHeader header, int64_t rows);
  // Positions a fresh reader after the header.
  absl::Status Rewind();

  std::ifstream file_;
  ImportHeader header_;
  int64_t rows_;
  std::optional<CsvReader> reader_;
};

}  // namespace haicap::ctl
