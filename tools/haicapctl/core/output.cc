#include "tools/haicapctl/core/output.h"

#include <algorithm>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "google/protobuf/util/json_util.h"
#include "google/type/date.pb.h"
#include "tools/haicapctl/core/args.h"
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

absl::Status PrintJsonText(std::ostream& out, const google::protobuf::Message& message,
                           bool indented) {
  google::protobuf::util::JsonPrintOptions options;
  options.add_whitespace = indented;
  // A zero or false is an answer too: an integrator looks for onTimeRatePercent: 0.
  options.always_print_primitive_fields = true;
  std::string json;
  auto status = google::protobuf::util::MessageToJsonString(message, &json, options);
  if (!status.ok()) return absl::InternalError(std::string(status.message()));
  out << json;
  if (json.empty() || json.back() != '\n') out << '\n';
  return absl::OkStatus();
}

// RFC 4180: quoted when it holds a comma, a quote or a line break; quotes doubled.
std::string CsvField(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  return absl::StrCat("\"", absl::StrReplaceAll(text, {{"\"", "\"\""}}), "\"");
}

absl::StatusOr<std::string> CsvValue(const google::protobuf::Message& message,
                                     const google::protobuf::FieldDescriptor* field) {
  using google::protobuf::FieldDescriptor;
  const google::protobuf::Reflection* reflection = message.GetReflection();
  if (field->is_repeated()) {
    return absl::InvalidArgumentError(absl::StrCat(field->name(), " is a list"));
  }
  switch (field->cpp_type()) {
    case FieldDescriptor::CPPTYPE_INT32:
      return absl::StrCat(reflection->GetInt32(message, field));
    case FieldDescriptor::CPPTYPE_INT64:
      return absl::StrCat(reflection->GetInt64(message, field));
    case FieldDescriptor::CPPTYPE_UINT32:
      return absl::StrCat(reflection->GetUInt32(message, field));
    case FieldDescriptor::CPPTYPE_UINT64:
      return absl::StrCat(reflection->GetUInt64(message, field));
    case FieldDescriptor::CPPTYPE_DOUBLE:
      return absl::StrCat(reflection->GetDouble(message, field));
    case FieldDescriptor::CPPTYPE_FLOAT:
      return absl::StrCat(reflection->GetFloat(message, field));
    case FieldDescriptor::CPPTYPE_BOOL:
      return reflection->GetBool(message, field) ? "true" : "false";
    case FieldDescriptor::CPPTYPE_STRING:
      return reflection->GetString(message, field);
    case FieldDescriptor::CPPTYPE_ENUM: {
      const google::protobuf::EnumValueDescriptor* value = reflection->GetEnum(message, field);
      return value->number() == 0 ? "" : value->name();
    }
    case FieldDescriptor::CPPTYPE_MESSAGE: {
      const google::protobuf::Message& nested = reflection->GetMessage(message, field);
      if (nested.GetDescriptor() == google::type::Date::descriptor()) {
        return FormatDate(static_cast<const google::type::Date&>(nested));
      }
      break;
    }
  }
  return absl::InvalidArgumentError(absl::StrCat(field->name(), " has no CSV form"));
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

std::string RevisionText(int64_t revision, const std::string& etag) {
  const std::string number = absl::StrCat(revision);
  if (etag.empty() || etag == number) return number;
  return absl::StrCat(number, " (etag ", etag, ")");
}

absl::Status PrintJson(std::ostream& out, const google::protobuf::Message& message) {
  return PrintJsonText(out, message, /*indented=*/true);
}

absl::Status PrintJsonLine(std::ostream& out, const google::protobuf::Message& message) {
  return PrintJsonText(out, message, /*indented=*/false);
}

absl::Status PrintCsvRecord(std::ostream& out, const google::protobuf::Message& message) {
  const google::protobuf::Descriptor* type = message.GetDescriptor();
  std::vector<std::string> names, values;
  for (int i = 0; i < type->field_count(); ++i) {
    const google::protobuf::FieldDescriptor* field = type->field(i);
    absl::StatusOr<std::string> value = CsvValue(message, field);
    if (!value.ok()) return value.status();
    names.push_back(CsvField(field->name()));
    values.push_back(CsvField(*value));
  }
  out << absl::StrJoin(names, ",") << '\n' << absl::StrJoin(values, ",") << '\n';
  return absl::OkStatus();
}

}  // namespace haicap::ctl
