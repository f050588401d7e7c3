// How far a long run has got, on stderr: on a terminal a bar redrawn in place
//   [##########----------]  600/1201 rows  49%  850 rows/s
// elsewhere (a log file, a pipe) one line each time another tenth of the way is done, and
// nothing when the run finishes in one step.
#pragma once

#include <cstdint>
#include <functional>
#include <ostream>
#include <string>

#include "absl/time/clock.h"
#include "absl/time/time.h"

namespace haicap::ctl {

// Whether `stream` is the process's stderr and that is a terminal.
bool IsTerminal(const std::ostream& stream);

class ProgressBar {
 public:
  // Counts `unit`s ("rows") up to `total`; `now` is the clock the rate is measured with.
  ProgressBar(std::ostream& out, bool terminal, int64_t total, std::string unit,
              std::function<absl::Time()> now = absl::Now);

  // `done` of the total are finished (never fewer than at the last call).
  void Update(int64_t done);
  // Ends the bar's line on a terminal; call once, after the last Update.
  void Finish();

 private:
  // "600/1201 rows  49%  850 rows/s"
  std::string Status(int64_t done) const;

  std::ostream& out_;
  const bool terminal_;
  const int64_t total_;
  const std::string unit_;
  const std::function<absl::Time()> now_;
  const absl::Time start_;
  // Tenths of the way already reported on a line (not on a terminal).
  int64_t tenths_shown_ = 0;
  // What the bar on a terminal last showed; -1 before the first draw.
  int64_t drawn_ = -1;
};

}  // namespace haicap::ctl
