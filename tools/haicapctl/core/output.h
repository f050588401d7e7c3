// How haicapctl prints results: aligned tables and label/value blocks for people, protobuf JSON
// (and CSV for a report) for scripts.
//
// Column widths count what a terminal shows, not bytes: "Đảng bộ phường Phúc Lợi" is 23 columns
// although it is 34 bytes of UTF-8, combining marks (decomposed Vietnamese) take no column and
// East Asian wide characters take two.
#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "google/protobuf/message.h"

namespace haicap::ctl {

// kCsv only where a command says so (`report`).
enum class OutputFormat { kTable, kJson, kCsv };

// Terminal columns `utf8` occupies. Invalid bytes count one column each.
int DisplayWidth(std::string_view utf8);

// Rows of cells under upper-case headers, columns separated by two spaces, no trailing blanks.
class Table {
 public:
  explicit Table(std::vector<std::string> headers);
  // REQUIRES: cells.size() == number of headers.
  void AddRow(std::vector<std::string> cells);
  void Print(std::ostream& out) const;

 private:
  std::vector<std::string> headers_;
  std::vector<std::vector<std::string>> rows_;
};

// "Label:  value" lines with the values aligned; pairs with an empty value are skipped.
using Fields = std::vector<std::pair<std::string, std::string>>;
void PrintFields(std::ostream& out, const Fields& fields);

// "7", or "7 (etag r7)" when the etag is more than the revision number (for --etag).
std::string RevisionText(int64_t revision, const std::string& etag);

// The message as indented protobuf JSON (lowerCamelCase names, enums by name, fields whose value
// is zero, false or empty printed too), then a newline.
absl::Status PrintJson(std::ostream& out, const google::protobuf::Message& message);
// The message as JSON on one line, then a newline: one object per line for a stream.
absl::Status PrintJsonLine(std::ostream& out, const google::protobuf::Message& message);
// A flat message as CSV: a header row of its field names (snake_case), then one row of values:
// numbers, booleans, strings, enums by name (empty for the zero value), google.type.Date as
// YYYY-MM-DD. INVALID_ARGUMENT for a repeated or any other message field.
absl::Status PrintCsvRecord(std::ostream& out, const google::protobuf::Message& message);

}  // namespace haicap::ctl
