// A streaming reader of CSV files as spreadsheets save them (RFC 4180): fields separated by
// commas, records by "\r\n" or "\n"; a field in double quotes may hold commas, line breaks and
// doubled quotes (""). The text must be UTF-8; a leading byte-order mark (Excel's "CSV UTF-8")
// is skipped.
//
// Every record must have as many fields as the first one (the header). Empty lines are skipped.
// Each record carries the line of the file it starts on (1-based), so a message can point the
// person at the right place in their spreadsheet even after a quoted field spanning lines.
#pragma once

#include <cstdint>
#include <istream>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace haicap::ctl {

struct CsvRecord {
  // The file line the record starts on, 1-based.
  int64_t line = 0;
  std::vector<std::string> fields;
};

class CsvReader {
 public:
  // Reads from `in`, which must outlive the reader.
  explicit CsvReader(std::istream& in);

  // Reads the next record into `*record`: true when there was one, false at the end of the
  // input. An error (INVALID_ARGUMENT, the message starting "line N: ") for a quote in the
  // wrong place, a quoted field never closed, text that is not UTF-8, or a record with a
  // different number of fields than the first; the reader is then done and must not be used.
  absl::StatusOr<bool> Next(CsvRecord* record);

 private:
  absl::Status ReadRecord(CsvRecord* record);
  // Consumes a line break whose first character `c` was just read ('\r' or '\n').
  void EndLine(int c);

  std::istream& in_;
  int64_t line_ = 1;
  bool started_ = false;
  // Fields per record, from the first record; 0 before it.
  size_t width_ = 0;
};

}  // namespace haicap::ctl
