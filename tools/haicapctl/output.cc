#include "tools/haicapctl/output.h"

#include <algorithm>

#include "google/protobuf/util/json_util.h"
#include "unicode/uchar.h"
#include "unicode/utf8.h"

namespace haicap::ctl {
namespace {

int CodePointWidth(UChar32 c) {
  const int8_t type = u_charType(c);
  if (type == U_NON_SPACING_MARK || type == U_ENCLOSING_MARK || type == U_FORMAT_CHAR) return 0;
  const int east_asian = u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH);
  if (east_asian == U_EA_WIDE || east_asian == U_EA_FULLWIDTH) return 2;
  return 1;
}

void PrintPadded(std::ostream& out, const std::string& cell, int width) {
  out << cell;
  for (int pad = width - DisplayWidth(cell); pad > 0; --pad) out << ' ';
}

}  // namespace

int DisplayWidth(std::string_view utf8) {
  const auto* bytes = reinterpret_cast<const uint8_t*>(utf8.data());
  const int32_t length = static_cast<int32_t>(utf8.size());
  int width = 0;
  for (int32_t i = 0; i < length;) {
    UChar32 c;
    U8_NEXT(bytes, i, length, c);
    width += c < 0 ? 1 : CodePointWidth(c);
  }
  return width;
}

Table::Table(std::vector<std::string> headers) : headers_(std::move(headers)) {}

void Table::AddRow(std::vector<std::string> cells) { rows_.push_back(std::move(cells)); }

void Table::Print(std::ostream& out) const {
  std::vector<int> widths;
  for (const std::string& header : headers_) widths.push_back(DisplayWidth(header));
  for (const auto& row : rows_) {
    for (size_t i = 0; i < row.size(); ++i) widths[i] = std::max(widths[i], DisplayWidth(row[i]));
  }
  auto print_row = [&](const std::vector<std::string>& cells) {
    // The last non-empty cell ends the line: no padding runs to the right margin.
    size_t last = cells.size();
    while (last > 0 && cells[last - 1].empty()) --last;
    for (size_t i = 0; i < last; ++i) {
      if (i + 1 < last) {
        PrintPadded(out, cells[i], widths[i]);
        out << "  ";
      } else {
        out << cells[i];
      }
    }
    out << '\n';
  };
  print_row(headers_);
  for (const auto& row : rows_) print_row(row);
}

void PrintFields(std::ostream& out, const Fields& fields) {
  int width = 0;
  for (const auto& [label, value] : fields) {
    if (!value.empty()) width = std::max(width, DisplayWidth(label) + 1);
  }
  for (const auto& [label, value] : fields) {
    if (value.empty()) continue;
    PrintPadded(out, label + ":", width);
    out << "  " << value << '\n';
  }
}

absl::Status PrintJson(std::ostream& out, const google::protobuf::Message& message) {
  google::protobuf::util::JsonPrintOptions options;
  options.add_whitespace = true;
  std::string json;
  auto status = google::protobuf::util::MessageToJsonString(message, &json, options);
  if (!status.ok()) return absl::InternalError(std::string(status.message()));
  out << json;
  if (json.empty() || json.back() != '\n') out << '\n';
  return absl::OkStatus();
}

}  // namespace haicap::ctl
