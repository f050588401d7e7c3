#include "common/change/etag.h"

#include "common/errors.h"

namespace haicap::change {

absl::Status CheckEtag(std::string_view etag, int64_t revision, std::string_view what) {
  if (etag.empty() || etag == std::string_view(absl::StrCat(revision))) return absl::OkStatus();
  return Aborted("ETAG_MISMATCH",
                 absl::StrCat(std::string(what), " changed since it was read (etag ", std::string(etag), ", now ", revision,
                              "); read it again"));
}

}  // namespace haicap::change
