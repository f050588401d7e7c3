// Etags of records that count their revisions (AIP-154): the etag is the revision as text; a
// change that names an etag applies only to that revision.
#pragma once

#include <cstdint>
#include <string_view>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace haicap::change {

// `record` (a message with `revision` and `etag`) with its etag set.
template <typename Record>
Record WithEtag(Record record) {
  record.set_etag(absl::StrCat(record.revision()));
  return record;
}

// OK when `etag` is empty (the caller does not mind) or names `revision`; otherwise ABORTED
// ETAG_MISMATCH: "<what> changed since it was read (etag 3, now 4); read it again".
absl::Status CheckEtag(std::string_view etag, int64_t revision, std::string_view what);

}  // namespace haicap::change
