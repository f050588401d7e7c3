// An injectable source of the current time, so tests control "today".
#pragma once

#include <atomic>

#include "absl/time/civil_time.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"

namespace haicap {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual absl::Time Now() const = 0;
};

// The wall clock. Thread-safe.
class SystemClock final : public Clock {
 public:
  absl::Time Now() const override { return absl::Now(); }
};

// A clock that stands still until told otherwise. Thread-safe.
class FakeClock final : public Clock {
 public:
  explicit FakeClock(absl::Time now) : nanos_(absl::ToUnixNanos(now)) {}
  absl::Time Now() const override { return absl::FromUnixNanos(nanos_.load()); }
  void Set(absl::Time now) { nanos_.store(absl::ToUnixNanos(now)); }
  void Advance(absl::Duration d) { nanos_.fetch_add(absl::ToInt64Nanoseconds(d)); }

 private:
  std::atomic<int64_t> nanos_;
};

// Asia/Ho_Chi_Minh: UTC+7 all year, no daylight saving.
absl::TimeZone VietnamTimeZone();
// The civil date in Vietnam at `now`.
absl::CivilDay VietnamDay(absl::Time now);

}  // namespace haicap
