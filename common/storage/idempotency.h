// Idempotent mutations keyed by the caller's request_id (AIP-155).
//
// RunIdempotent runs a mutation at most once per (method, request_id): the first call builds a
// WriteBatch, the response is recorded in the same batch, and the batch is committed durably; a
// retry returns the recorded response without running the mutation again. Concurrent calls with
// the same id are serialised. An empty request_id disables the deduplication.
#pragma once

#include <array>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "common/status_macros.h"
#include "common/storage/database.h"
#include "rocksdb/write_batch.h"

namespace haicap::storage {

// The longest request_id accepted.
inline constexpr size_t kMaxRequestIdLength = 100;

// INVALID_ARGUMENT naming `field` when `request_id` is too long or not printable ASCII.
absl::Status ValidateRequestId(std::string_view request_id, std::string_view field = "request_id");

class IdempotencyStore {
 public:
  // `cf` holds the recorded responses; the store does not own either pointer.
  IdempotencyStore(Database* db, rocksdb::ColumnFamilyHandle* cf) : db_(db), cf_(cf) {}

  // Runs `mutate` unless (method, request_id) was seen; see the file comment. `mutate` fills the
  // batch and returns the response, or an error (then nothing is written).
  template <typename Response>
  absl::StatusOr<Response> Run(std::string_view method, std::string_view request_id,
                               const std::function<absl::StatusOr<Response>(rocksdb::WriteBatch*)>& mutate) {
    // The id's stripe, held until the batch is committed; none without an id.
    absl::MutexLockMaybe lock(request_id.empty() ? nullptr : &StripeFor(method, request_id));
    if (!request_id.empty()) {
      ASSIGN_OR_RETURN(std::optional<Response> recorded, Find<Response>(method, request_id));
      if (recorded) return *std::move(recorded);
    }
    rocksdb::WriteBatch batch;
    ASSIGN_OR_RETURN(Response response, mutate(&batch));
    if (!request_id.empty()) Record(&batch, method, request_id, response.SerializeAsString());
    RETURN_IF_ERROR(db_->Commit(&batch));
    return response;
  }

  Database& db() const { return *db_; }

  // The response recorded for (method, request_id); nullopt when there is none or request_id is "".
  template <typename Response>
  absl::StatusOr<std::optional<Response>> Find(std::string_view method, std::string_view request_id) const {
    if (request_id.empty()) return std::nullopt;
    ASSIGN_OR_RETURN(std::optional<std::string> recorded, Recorded(method, request_id));
    if (!recorded) return std::nullopt;
    Response response;
    if (!response.ParseFromString(*recorded)) return absl::InternalError("recorded response is unreadable");
    return response;
  }

 private:
  absl::Mutex& StripeFor(std::string_view method, std::string_view request_id);
  absl::StatusOr<std::optional<std::string>> Recorded(std::string_view method, std::string_view request_id) const;
  void Record(rocksdb::WriteBatch* batch, std::string_view method, std::string_view request_id,
              const std::string& response);

  Database* db_;
  rocksdb::ColumnFamilyHandle* cf_;
  // Serialise the calls with one (method, request_id); they guard stored records, not members, so
  // nothing here is ABSL_GUARDED_BY them.
  std::array<absl::Mutex, 64> stripes_;
};

}  // namespace haicap::storage
