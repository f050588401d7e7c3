// A minimal reader for the CSV data files compiled into the services (the gazetteer's admin units,
// the national working-day calendars): comma-separated, no quoted fields, an optional
// UTF-8 byte order mark, "\n" or "\r\n" line ends, blank lines ignored.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace haicap::text {

struct CsvRow {
  int line = 0;                          // 1-based line number in the file, for error messages
  std::vector<std::string_view> fields;  // views into the text given to ReadCsvTable
};

// Splits `text` into rows after checking that its first line is exactly `header_line` and that
// every row has as many fields as the header. Errors are INVALID_ARGUMENT "<file_name> line <n>: ...".
// The rows point into `text`, which must outlive them.
absl::StatusOr<std::vector<CsvRow>> ReadCsvTable(std::string_view file_name, std::string_view text,
                                                 std::string_view header_line);

}  // namespace haicap::text
