#include "tools/haicapctl/core/help_format.h"

#include <algorithm>
#include <sstream>

#include "absl/strings/str_split.h"
#include "tools/haicapctl/core/output.h"

namespace haicap::ctl {

std::string WrapText(std::string_view text, int width) {
  std::string out;
  bool first_line = true;
  for (absl::string_view paragraph :
       absl::StrSplit(absl::string_view(text.data(), text.size()), '\n')) {
    if (!first_line) out += '\n';
    first_line = false;
    int column = 0;
    for (absl::string_view word : absl::StrSplit(paragraph, ' ', absl::SkipEmpty())) {
      const int word_width = DisplayWidth(std::string_view(word.data(), word.size()));
      if (column > 0 && column + 1 + word_width > width) {
        out += '\n';
        column = 0;
      } else if (column > 0) {
        out += ' ';
        ++column;
      }
      out.append(word.data(), word.size());
      column += word_width;
    }
  }
  return out;
}

WrappingFormatter::WrappingFormatter(int line_width) : line_width_(line_width) {}

int WrappingFormatter::description_width() const {
  // Descriptions start after the name column; keep at least a readable measure.
  return std::max(30, line_width_ - static_cast<int>(get_column_width()));
}

std::string WrappingFormatter::make_option_desc(const CLI::Option* option) const {
  return WrapText(CLI::Formatter::make_option_desc(option), description_width());
}

std::string WrappingFormatter::make_subcommand(const CLI::App* subcommand) const {
  std::stringstream out;
  CLI::detail::format_help(out, subcommand->get_display_name(true),
                           WrapText(subcommand->get_description(), description_width()),
                           get_column_width());
  return out.str();
}

}  // namespace haicap::ctl
