#include "common/proto_time.h"

namespace haicap {

google::protobuf::Timestamp ToTimestamp(absl::Time t) {
  // absl rounds towards the infinite past: nanos stays in [0, 1e9), before 1970 too.
  const int64_t seconds = absl::ToUnixSeconds(t);
  google::protobuf::Timestamp ts;
  ts.set_seconds(seconds);
  ts.set_nanos(static_cast<int32_t>(absl::ToInt64Nanoseconds(t - absl::FromUnixSeconds(seconds))));
  return ts;
}

absl::Time FromTimestamp(const google::protobuf::Timestamp& ts) {
  return absl::FromUnixSeconds(ts.seconds()) + absl::Nanoseconds(ts.nanos());
}

}  // namespace haicap
