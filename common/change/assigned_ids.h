// Ids the server assigns ("T-000000000042", "DS-000000000042"): a prefix and 12 digits, so that they
// sort in order of assignment and the last one is found by seeking to the end of the prefix.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "common/storage/database.h"

namespace haicap::change {

class AssignedIds {
 public:
  explicit AssignedIds(std::string prefix) : prefix_(std::move(prefix)) {}

  // Continues after the highest id with the prefix among the keys of `family` (a restart keeps
  // counting where the last process stopped). INTERNAL when that id is not prefix + digits.
  absl::Status ResumeAfterLastIn(storage::Database& db, rocksdb::ColumnFamilyHandle* family);
  // The next id; concurrent callers get different ids.
  std::string Next() { return Format(++last_); }
  const std::string& prefix() const { return prefix_; }

 private:
  std::string Format(uint64_t number) const;

  const std::string prefix_;
  std::atomic<uint64_t> last_{0};
};

}  // namespace haicap::change
