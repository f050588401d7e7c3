// Instants between absl::Time and google.protobuf.Timestamp, in one precision for every service:
// the Timestamp's own (nanoseconds), rounded down, so an instant written and read back is the same.
#pragma once

#include "absl/time/time.h"
#include "google/protobuf/timestamp.pb.h"

namespace haicap {

google::protobuf::Timestamp ToTimestamp(absl::Time t);
absl::Time FromTimestamp(const google::protobuf::Timestamp& ts);

}  // namespace haicap
