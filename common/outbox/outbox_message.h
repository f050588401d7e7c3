// One cross-service message waiting in a service's outbox, with its delivery bookkeeping.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "absl/time/time.h"

namespace haicap::outbox {

struct OutboxMessage {
  // Set by the sender.
  std::string destination;  // the receiving service, e.g. "registry", "deadlines", "registry/31"
  std::string method;       // e.g. "MoveMember"
  std::string request_id;   // the receiver deduplicates by it: required, stable across retries
  std::string reference;    // the sender's own key, e.g. the transfer id
  std::string payload;      // the serialized request

  // Kept by the outbox.
  uint64_t sequence = 0;          // enqueue order (FIFO per destination)
  absl::Time enqueued_at;
  int attempts = 0;               // attempts that ended in Retry (or Fail)
  absl::Time next_attempt_at;     // not delivered before this instant
  std::string last_error;         // why the last attempt did not deliver
};

// The stored form of `message`, its sequence excepted (that is in the key).
std::string EncodeMessage(const OutboxMessage& message);
// The message stored as `value` under `sequence`; nullopt when `value` is malformed.
std::optional<OutboxMessage> DecodeMessage(uint64_t sequence, std::string_view value);

}  // namespace haicap::outbox
