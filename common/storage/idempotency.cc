#include "common/storage/idempotency.h"

#include <functional>

#include "common/errors.h"
#include "common/storage/key_codec.h"

namespace haicap::storage {
namespace {
std::string IdempotencyKey(std::string_view method, std::string_view request_id) {
  return KeyBuilder().String(method).String(request_id).Release();
}
}  // namespace

absl::Status ValidateRequestId(std::string_view request_id, std::string_view field) {
  if (request_id.size() > kMaxRequestIdLength) {
    return InvalidArgument(field, "must be at most 100 characters");
  }
  for (char c : request_id) {
    if (c < 0x21 || c > 0x7E) return InvalidArgument(field, "must be printable ASCII without spaces");
  }
  return absl::OkStatus();
}

absl::Mutex& IdempotencyStore::StripeFor(std::string_view method, std::string_view request_id) {
  size_t h = std::hash<std::string_view>()(method) * 31 + std::hash<std::string_view>()(request_id);
  return stripes_[h % stripes_.size()];
}

absl::StatusOr<std::optional<std::string>> IdempotencyStore::Recorded(std::string_view method,
                                                                      std::string_view request_id) const {
  absl::StatusOr<std::string> value = db_->Get(cf_, IdempotencyKey(method, request_id));
  if (absl::IsNotFound(value.status())) return std::nullopt;
  if (!value.ok()) return value.status();
  return std::optional<std::string>(std::move(*value));
}

void IdempotencyStore::Record(rocksdb::WriteBatch* batch, std::string_view method,
                              std::string_view request_id, const std::string& response) {
  batch->Put(cf_, IdempotencyKey(method, request_id), response);
}

}  // namespace haicap::storage
