#include "tools/haicapctl/core/progress.h"

#include <unistd.h>

#include <iostream>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace haicap::ctl {
namespace {

constexpr int kBarWidth = 20;

}  // namespace

bool IsTerminal(const std::ostream& stream) {
  return (&stream == &std::cerr || &stream == &std::clog) && isatty(STDERR_FILENO) == 1;
}

ProgressBar::ProgressBar(std::ostream& out, bool terminal, int64_t total, std::string unit,
                         std::function<absl::Time()> now)
    : out_(out),
      terminal_(terminal),
      total_(total),
      unit_(std::move(unit)),
      now_(std::move(now)),
      start_(now_()) {}

std::string ProgressBar::Status(int64_t done) const {
  const int64_t percent = total_ > 0 ? done * 100 / total_ : 100;
  std::string status = absl::StrCat(done, "/", total_, " ", unit_, "  ", percent, "%");
  const double seconds = absl::ToDoubleSeconds(now_() - start_);
  if (seconds > 0) absl::StrAppendFormat(&status, "  %.0f %s/s", done / seconds, unit_);
  return status;
}

void ProgressBar::Update(int64_t done) {
  if (terminal_) {
    if (done == drawn_) return;
    const int filled = total_ > 0 ? static_cast<int>(done * kBarWidth / total_) : kBarWidth;
    // "\r" redraws the line; "\033[K" clears what a longer previous status left behind.
    out_ << "\r[" << std::string(filled, '#') << std::string(kBarWidth - filled, '-') << "]  "
         << Status(done) << "\033[K" << std::flush;
    drawn_ = done;
    return;
  }
  const int64_t tenths = total_ > 0 ? done * 10 / total_ : 10;
  if (tenths <= tenths_shown_) return;
  // A run done in one step prints nothing: the final report says it all.
  if (tenths_shown_ > 0 || tenths < 10) out_ << Status(done) << '\n' << std::flush;
  tenths_shown_ = tenths;
}

void ProgressBar::Finish() {
  if (drawn_ >= 0) out_ << '\n';
}

}  // namespace haicap::ctl
