#include "tools/haicapctl/import/csv_reader.h"

#include <string_view>
#include <utility>

#include "absl/strings/str_cat.h"
#include "unicode/utf8.h"

namespace haicap::ctl {
namespace {

constexpr int kEof = std::char_traits<char>::eof();

bool IsUtf8(std::string_view text) {
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  const int32_t length = static_cast<int32_t>(text.size());
  for (int32_t i = 0; i < length;) {
    UChar32 c;
    U8_NEXT(bytes, i, length, c);
    if (c < 0) return false;
  }
  return true;
}

absl::Status LineError(int64_t line, std::string_view what) {
  return absl::InvalidArgumentError(
      absl::StrCat("line ", line, ": ", absl::string_view(what.data(), what.size())));
}

}  // namespace

CsvReader::CsvReader(std::istream& in) : in_(in) {}

absl::StatusOr<bool> CsvReader::Next(CsvRecord* record) {
  std::streambuf& buffer = *in_.rdbuf();
  if (!started_) {
    started_ = true;
    if (buffer.sgetc() == 0xEF) {
      // A byte-order mark. Any other character starting with this byte (U+F000 to U+FFFF)
      // cannot begin a header, so it is not worth giving back to the parser.
      buffer.sbumpc();
      if (buffer.sgetc() == 0xBB && (buffer.sbumpc(), buffer.sgetc() == 0xBF)) {
        buffer.sbumpc();
      } else {
        return LineError(1, "the text is not UTF-8; save the spreadsheet as \"CSV UTF-8\"");
      }
    }
  }
  for (int c = buffer.sgetc(); c == '\r' || c == '\n'; c = buffer.sgetc()) {
    EndLine(buffer.sbumpc());  // an empty line
  }
  if (buffer.sgetc() == kEof) return false;
  if (absl::Status read = ReadRecord(record); !read.ok()) return read;
  if (width_ == 0) width_ = record->fields.size();
  if (record->fields.size() != width_) {
    return LineError(record->line,
                     absl::StrCat("the row has ", record->fields.size(), " cells but the header ",
                                  width_, " (a cell holding a comma must be in double quotes)"));
  }
  return true;
}

absl::Status CsvReader::ReadRecord(CsvRecord* record) {
  std::streambuf& buffer = *in_.rdbuf();
  record->line = line_;
  record->fields.clear();
  for (;;) {
    std::string field;
    int c;
    if (buffer.sgetc() == '"') {
      buffer.sbumpc();
      const int64_t opened = line_;
      for (;;) {
        c = buffer.sbumpc();
        if (c == kEof) {
          return LineError(opened, "a quoted cell starting on this line is never closed");
        }
        if (c == '"') {
          if (buffer.sgetc() != '"') break;
          buffer.sbumpc();  // "" stands for one quote
        } else if (c == '\r' || c == '\n') {
          EndLine(c);
          c = '\n';  // a line break inside a cell is kept as "\n"
        }
        field += static_cast<char>(c);
      }
      c = buffer.sbumpc();
      if (c != ',' && c != '\r' && c != '\n' && c != kEof) {
        return LineError(line_,
                         "a closing quote must end the cell (write a quote inside a "
                         "quoted cell as \"\")");
      }
    } else {
      for (c = buffer.sbumpc(); c != ',' && c != '\r' && c != '\n' && c != kEof;
           c = buffer.sbumpc()) {
        if (c == '"') {
          return LineError(line_,
                           "a quote inside a cell that does not start with one (put the "
                           "cell in double quotes and write the quote as \"\")");
        }
        field += static_cast<char>(c);
      }
    }
    if (!IsUtf8(field)) {
      return LineError(record->line,
                       "the text is not UTF-8; save the spreadsheet as \"CSV UTF-8\"");
    }
    record->fields.push_back(std::move(field));
    if (c == ',') continue;
    if (c != kEof) EndLine(c);
    return absl::OkStatus();
  }
}

void CsvReader::EndLine(int c) {
  if (c == '\r' && in_.rdbuf()->sgetc() == '\n') in_.rdbuf()->sbumpc();
  ++line_;
}

}  // namespace haicap::ctl
