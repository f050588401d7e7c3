// The --help layout: CLI11's, with option and subcommand descriptions wrapped to the width of a
// terminal (CLI11 2.1 prints each on one long line).
#pragma once

#include <string>
#include <string_view>

#include "CLI/CLI.hpp"

namespace haicap::ctl {

// The terminal width the help is laid out for.
inline constexpr int kHelpLineWidth = 100;

// Greedy word wrap of `text` into lines of at most `width` display columns (a longer word gets
// a line of its own); existing line breaks are kept.
std::string WrapText(std::string_view text, int width);

class WrappingFormatter : public CLI::Formatter {
 public:
  // Help lines are at most `line_width` columns where the words allow.
  explicit WrappingFormatter(int line_width);

  std::string make_option_desc(const CLI::Option* option) const override;
  std::string make_subcommand(const CLI::App* subcommand) const override;

 private:
  int description_width() const;
  int line_width_;
};

}  // namespace haicap::ctl
