// What a delivery handler decided about one outbox message, and how an RPC's status maps to it.
#pragma once

#include <functional>
#include <string>

#include "absl/status/status.h"
#include "grpcpp/support/status.h"
#include "rocksdb/write_batch.h"

namespace haicap::outbox {

// Commits the outbox's own change for a message (already in `batch`: its deletion, or its move to
// the dead letters) together with the sender's change, e.g. the transfer marked COMPLETED when the
// registry acknowledged the move, or compensation when the receiver refused. It adds its writes to
// `batch` and commits it with Database::Commit itself, so it can hold the lock that serialises
// changes to its record from read to commit. An error leaves the message pending as it was: it is
// delivered again later (the receiver deduplicates), so a follow-up must be safe to repeat.
using FollowUp = std::function<absl::Status(rocksdb::WriteBatch* batch)>;

class DeliveryResult {
 public:
  enum class Outcome {
    kDelivered,  // the receiver has it: the message is deleted
    kRetry,      // try again after a backoff; later messages to the destination wait
    kFailed,     // the receiver refused it for good: the message moves to the dead letters
  };

  static DeliveryResult Delivered(FollowUp follow_up = nullptr) {
    return DeliveryResult(Outcome::kDelivered, "", std::move(follow_up));
  }
  static DeliveryResult Retry(std::string error) { return DeliveryResult(Outcome::kRetry, std::move(error), nullptr); }
  static DeliveryResult Fail(std::string error, FollowUp compensation = nullptr) {
    return DeliveryResult(Outcome::kFailed, std::move(error), std::move(compensation));
  }

  Outcome outcome() const { return outcome_; }
  const std::string& error() const { return error_; }
  // Null when the outbox commits its change alone.
  const FollowUp& follow_up() const { return follow_up_; }

 private:
  DeliveryResult(Outcome outcome, std::string error, FollowUp follow_up)
      : outcome_(outcome), error_(std::move(error)), follow_up_(std::move(follow_up)) {}

  Outcome outcome_;
  std::string error_;
  FollowUp follow_up_;
};

// The result of a message sent as an RPC that returned `status`: OK is Delivered (with
// `on_delivered`); a refusal of the request itself (INVALID_ARGUMENT, FAILED_PRECONDITION,
// NOT_FOUND, ALREADY_EXISTS, PERMISSION_DENIED, OUT_OF_RANGE) is Fail (with `on_failed`); anything
// else says the receiver could not be reached or was unwell, and is Retry.
//
// ALREADY_EXISTS fails rather than counts as delivered: receivers answer a repeated request_id
// with the first answer, so it never comes from our own retry but from a conflicting change that
// the sender must hear about. UNAUTHENTICATED and UNIMPLEMENTED retry: a credential or a receiver
// not upgraded yet is fixed by an operator, and failing would trigger compensation for it.
DeliveryResult ResultOfRpc(const grpc::Status& status, FollowUp on_delivered = nullptr, FollowUp on_failed = nullptr);

}  // namespace haicap::outbox
