// One precision for instants in every service: nanoseconds survive the round trip, and an instant
// before 1970 keeps its nanos within [0, 1e9) as google.protobuf.Timestamp requires.
#include "common/proto_time.h"

#include "gmock/gmock.h"

namespace haicap {
namespace {

TEST(ProtoTimeTest, NanosecondsRoundTrip) {
  const absl::Time t = absl::FromUnixSeconds(1'796'000'000) + absl::Nanoseconds(123'456'789);
  const google::protobuf::Timestamp ts = ToTimestamp(t);
  EXPECT_EQ(ts.seconds(), 1'796'000'000);
  EXPECT_EQ(ts.nanos(), 123'456'789);
  EXPECT_EQ(FromTimestamp(ts), t);
}

TEST(ProtoTimeTest, BeforeNineteenSeventyTheNanosArePositive) {
  const absl::Time t = absl::FromUnixSeconds(-10) - absl::Milliseconds(250);
  const google::protobuf::Timestamp ts = ToTimestamp(t);
  EXPECT_EQ(ts.seconds(), -11);
  EXPECT_EQ(ts.nanos(), 750'000'000);
  EXPECT_EQ(FromTimestamp(ts), t);
}

}  // namespace
}  // namespace haicap
