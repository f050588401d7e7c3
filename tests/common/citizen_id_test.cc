#include "common/citizen_id.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace haicap {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

TEST(CitizenIdTest, TwelveDigitsAreACitizenId) { EXPECT_EQ(CitizenIdProblem("001085012345"), ""); }

TEST(CitizenIdTest, ElevenDigitsHintAtALostLeadingZero) {
  // 001085012345 as a spreadsheet number: 1085012345 is 10 digits, 079085012345 → 79085012345.
  EXPECT_THAT(CitizenIdProblem("79085012345"),
              HasSubstr("a leading zero may have been lost: format the column as text"));
}

TEST(CitizenIdTest, OtherShapesAreRefusedWithoutTheHintOrTheId) {
  for (const char* id : {"", "0790850123", "0790850123456", "07908501234x", "7908501234 "}) {
    const std::string problem = CitizenIdProblem(id);
    EXPECT_THAT(problem, HasSubstr("exactly 12 digits")) << id;
    EXPECT_THAT(problem, Not(HasSubstr("leading zero"))) << id;
    if (*id) EXPECT_THAT(problem, Not(HasSubstr(id)));
  }
}

}  // namespace
}  // namespace haicap
