#include "common/change/assigned_ids.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_format.h"
#include "common/errors.h"
#include "common/status_macros.h"
#include "common/storage/database.h"

namespace haicap::change {

absl::Status AssignedIds::ResumeAfterLastIn(storage::Database& db, rocksdb::ColumnFamilyHandle* family) {
  std::unique_ptr<rocksdb::Iterator> it = db.Scan(family, prefix_);
  it->SeekToLast();
  uint64_t number = 0;
  if (it->Valid() && it->key().starts_with(prefix_) &&
      !absl::SimpleAtoi(it->key().ToString().substr(prefix_.size()), &number)) {
    return Internal("CORRUPT_RECORD", absl::StrCat("the assigned id ", it->key().ToString(), " is malformed"));
  }
  RETURN_IF_ERROR(storage::FromRocksStatus(it->status()));
  last_ = number;
  return absl::OkStatus();
}

std::string AssignedIds::Format(uint64_t number) const { return absl::StrFormat("%s%012u", prefix_, number); }

}  // namespace haicap::change
