#include "common/text/csv_table.h"

#include "absl/status/status.h"

namespace haicap::text {
namespace {

constexpr std::string_view kUtf8ByteOrderMark = "\xEF\xBB\xBF";

std::vector<std::string_view> SplitFields(std::string_view line) {
  std::vector<std::string_view> fields;
  size_t start = 0;
  for (size_t comma = line.find(','); comma != std::string_view::npos; comma = line.find(',', start)) {
    fields.push_back(line.substr(start, comma - start));
    start = comma + 1;
  }
  fields.push_back(line.substr(start));
  return fields;
}

absl::Status LineError(std::string_view file_name, int line, const std::string& problem) {
  std::string message(file_name);
  message.append(" line ").append(std::to_string(line)).append(": ").append(problem);
  return absl::InvalidArgumentError(message);
}

}  // namespace

absl::StatusOr<std::vector<CsvRow>> ReadCsvTable(std::string_view file_name, std::string_view text,
                                                 std::string_view header_line) {
  const size_t field_count = SplitFields(header_line).size();
  if (text.starts_with(kUtf8ByteOrderMark)) text.remove_prefix(kUtf8ByteOrderMark.size());
  std::vector<CsvRow> rows;
  bool header_seen = false;
  int line_number = 0;
  while (!text.empty()) {
    ++line_number;
    size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    if (line.ends_with('\r')) line.remove_suffix(1);
    if (line.empty()) continue;
    if (line.find('"') != std::string_view::npos) {
      return LineError(file_name, line_number, "quoted fields are not supported");
    }
    if (!header_seen) {
      if (line != header_line) {
        return LineError(file_name, line_number, "the header must be " + std::string(header_line));
      }
      header_seen = true;
      continue;
    }
    std::vector<std::string_view> fields = SplitFields(line);
    if (fields.size() != field_count) {
      return LineError(
          file_name, line_number,
          "expected " + std::to_string(field_count) + " fields, found " + std::to_string(fields.size()));
    }
    rows.push_back(CsvRow{line_number, std::move(fields)});
  }
  if (!header_seen) return LineError(file_name, 1, "the file is empty");
  return rows;
}

}  // namespace haicap::text
