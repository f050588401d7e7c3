// A fixed array of mutexes picked by hashing a key: changes to one record run one at a time, changes
// to different records mostly in parallel, without a mutex per record.
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <functional>
#include <string_view>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"

namespace haicap::change {

// The stripes of several keys, held together until it goes away.
class HeldStripes {
 public:
  explicit HeldStripes(std::vector<absl::Mutex*> held) : held_(std::move(held)) {}
  HeldStripes(HeldStripes&& other) noexcept : held_(std::move(other.held_)) { other.held_.clear(); }
  HeldStripes(const HeldStripes&) = delete;
  HeldStripes& operator=(const HeldStripes&) = delete;
  HeldStripes& operator=(HeldStripes&&) = delete;
  ~HeldStripes() {
    for (auto it = held_.rbegin(); it != held_.rend(); ++it) (*it)->Unlock();
  }

 private:
  std::vector<absl::Mutex*> held_;
};

template <size_t kStripes>
class StripedLocks {
 public:
  absl::Mutex& For(std::string_view key) { return stripes_[Index(key)]; }
  // Locks the stripes of every key, each once, in stripe order (so that two callers holding
  // several stripes cannot deadlock).
  // Not analysed: the locks taken in the loop are handed to HeldStripes, which the analysis cannot
  // follow.
  template <typename Keys>
  HeldStripes LockAll(const Keys& keys) ABSL_NO_THREAD_SAFETY_ANALYSIS {
    std::vector<size_t> indexes;
    for (const auto& key : keys) indexes.push_back(Index(key));
    std::sort(indexes.begin(), indexes.end());
    indexes.erase(std::unique(indexes.begin(), indexes.end()), indexes.end());
    std::vector<absl::Mutex*> held;
    for (size_t index : indexes) {
      stripes_[index].Lock();
      held.push_back(&stripes_[index]);
    }
    return HeldStripes(std::move(held));
  }

 private:
  static size_t Index(std::string_view key) { return std::hash<std::string_view>()(key) % kStripes; }

  std::array<absl::Mutex, kStripes> stripes_;
};

}  // namespace haicap::change
