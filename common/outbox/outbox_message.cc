#include "common/outbox/outbox_message.h"

#include "common/storage/key_codec.h"

namespace haicap::outbox {
namespace {

// Bumped when the stored layout changes, so an old binary refuses a newer message instead of
// misreading it.
constexpr uint64_t kFormat = 1;

}  // namespace

// The value reuses the key codec: self-delimiting fields, binary-safe payload, no second format.
std::string EncodeMessage(const OutboxMessage& message) {
  return storage::KeyBuilder()
      .Uint64(kFormat)
      .String(message.destination)
      .String(message.method)
      .String(message.request_id)
      .String(message.reference)
      .String(message.payload)
      .Int64(absl::ToUnixNanos(message.enqueued_at))
      .Uint64(message.attempts)
      .Int64(absl::ToUnixNanos(message.next_attempt_at))
      .String(message.last_error)
      .Release();
}

std::optional<OutboxMessage> DecodeMessage(uint64_t sequence, std::string_view value) {
  storage::KeyReader reader(value);
  if (reader.Uint64() != kFormat) return std::nullopt;
  auto destination = reader.String();
  auto method = reader.String();
  auto request_id = reader.String();
  auto reference = reader.String();
  auto payload = reader.String();
  auto enqueued_at = reader.Int64();
  auto attempts = reader.Uint64();
  auto next_attempt_at = reader.Int64();
  auto last_error = reader.String();
  if (!destination || !method || !request_id || !reference || !payload || !enqueued_at || !attempts ||
      !next_attempt_at || !last_error || !reader.done()) {
    return std::nullopt;
  }
  OutboxMessage message;
  message.destination = std::move(*destination);
  message.method = std::move(*method);
  message.request_id = std::move(*request_id);
  message.reference = std::move(*reference);
  message.payload = std::move(*payload);
  message.sequence = sequence;
  message.enqueued_at = absl::FromUnixNanos(*enqueued_at);
  message.attempts = static_cast<int>(*attempts);
  message.next_attempt_at = absl::FromUnixNanos(*next_attempt_at);
  message.last_error = std::move(*last_error);
  return message;
}

}  // namespace haicap::outbox
