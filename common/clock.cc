#include "common/clock.h"

namespace haicap {

absl::TimeZone VietnamTimeZone() {
  // A fixed offset rather than tzdata: containers often ship without /usr/share/zoneinfo.
  return absl::FixedTimeZone(7 * 60 * 60);
}

absl::CivilDay VietnamDay(absl::Time now) {
  return absl::ToCivilDay(now, VietnamTimeZone());
}

}  // namespace haicap
