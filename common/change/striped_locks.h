// A fixed array of mutexes picked by hashing a key: changes to one record run one at a time, changes
// to different records mostly in parallel, without a mutex per record.
#pragma once

#include <array>
#include <cstddef>
#include <functional>
#include <string_view>

#include "absl/synchronization/mutex.h"

namespace haicap::change {

template <size_t kStripes>
class StripedLocks {
 public:
  absl::Mutex& For(std::string_view key) { return stripes_[Index(key)]; }
  // Which stripe `key` uses: two keys with the same index share a lock.
  static size_t Index(std::string_view key) { return std::hash<std::string_view>()(key) % kStripes; }

 private:
  std::array<absl::Mutex, kStripes> stripes_;
};

}  // namespace haicap::change
