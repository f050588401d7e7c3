#include "tools/haicapctl/core/progress.h"

#include <sstream>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace haicap::ctl {
namespace {

// A clock that moves only when told.
struct FakeClock {
  absl::Time now = absl::FromUnixSeconds(1751328000);
  std::function<absl::Time()> Function() {
    return [this] { return now; };
  }
};

TEST(ProgressBarTest, ElsewhereOneLinePerTenthReachedWithTheRate) {
  FakeClock clock;
  std::ostringstream out;
  ProgressBar bar(out, /*terminal=*/false, 1201, "rows", clock.Function());
  clock.now += absl::Seconds(1);
  bar.Update(50);  // not yet a tenth
  bar.Update(500);
  clock.now += absl::Seconds(1);
  bar.Update(1000);
  bar.Update(1201);
  bar.Finish();
  EXPECT_EQ(out.str(),
            "500/1201 rows  41%  500 rows/s\n"
            "1000/1201 rows  83%  500 rows/s\n"
            "1201/1201 rows  100%  600 rows/s\n");
}

TEST(ProgressBarTest, ElsewhereNothingForARunDoneInOneStep) {
  FakeClock clock;
  std::ostringstream out;
  ProgressBar bar(out, /*terminal=*/false, 5, "rows", clock.Function());
  bar.Update(5);
  bar.Finish();
  EXPECT_EQ(out.str(), "");
}

TEST(ProgressBarTest, OnATerminalRedrawsOneLine) {
  FakeClock clock;
  std::ostringstream out;
  ProgressBar bar(out, /*terminal=*/true, 1000, "rows", clock.Function());
  clock.now += absl::Seconds(2);
  bar.Update(500);
  bar.Update(1000);
  bar.Update(1000);  // nothing new: not drawn again
  bar.Finish();
  EXPECT_EQ(out.str(),
            "\r[##########----------]  500/1000 rows  50%  250 rows/s\033[K"
            "\r[####################]  1000/1000 rows  100%  500 rows/s\033[K\n");
}

TEST(ProgressBarTest, AStringStreamIsNoTerminal) {
  std::ostringstream out;
  EXPECT_FALSE(IsTerminal(out));
}

}  // namespace
}  // namespace haicap::ctl
