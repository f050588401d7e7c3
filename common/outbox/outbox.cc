#include "common/outbox/outbox.h"

#include <algorithm>
#include <optional>
#include <set>

#include "absl/strings/str_cat.h"
#include "common/errors.h"
#include "common/logging.h"
#include "common/status_macros.h"
#include "common/storage/idempotency.h"
#include "common/storage/key_codec.h"

namespace haicap::outbox {
namespace {

// The two areas of the family; a message keeps its sequence when it moves to the dead letters.
constexpr std::string_view kPending = "pending";
constexpr std::string_view kDead = "dead";

std::string AreaPrefix(std::string_view area) { return storage::KeyBuilder().String(area).Release(); }

std::string MessageKey(std::string_view area, uint64_t sequence) {
  return storage::KeyBuilder().String(area).Uint64(sequence).Release();
}

// The sequence in `key` when it is a message key of `area`.
std::optional<uint64_t> SequenceIn(std::string_view area, std::string_view key) {
  storage::KeyReader reader(key);
  if (reader.String() != area) return std::nullopt;
  std::optional<uint64_t> sequence = reader.Uint64();
  if (!sequence || !reader.done()) return std::nullopt;
  return sequence;
}

std::string_view View(const rocksdb::Slice& slice) { return {slice.data(), slice.size()}; }

// The highest sequence stored in `area`, 0 when it is empty.
absl::StatusOr<uint64_t> LastSequence(storage::Database* db, rocksdb::ColumnFamilyHandle* cf, std::string_view area) {
  std::unique_ptr<rocksdb::Iterator> it = db->Scan(cf, AreaPrefix(area));
  it->SeekToLast();  // bounded above by the area; may land in an area sorting before it
  if (!it->Valid()) {
    RETURN_IF_ERROR(storage::FromRocksStatus(it->status()));
    return 0;
  }
  return SequenceIn(area, View(it->key())).value_or(0);
}

// The message under the iterator, nullopt when its key or value is malformed.
std::optional<OutboxMessage> MessageAt(std::string_view area, const rocksdb::Iterator& it) {
  std::optional<uint64_t> sequence = SequenceIn(area, View(it.key()));
  if (!sequence) return std::nullopt;
  return DecodeMessage(*sequence, View(it.value()));
}

nlohmann::json LogFields(const OutboxMessage& message) {
  return {{"destination", message.destination}, {"method", message.method},
          {"request_id", message.request_id},   {"reference", message.reference},
          {"attempts", message.attempts},       {"error", message.last_error}};
}

}  // namespace

absl::StatusOr<std::unique_ptr<Outbox>> Outbox::Open(storage::Database* db, rocksdb::ColumnFamilyHandle* cf,
                                                     const Clock* clock, OutboxOptions options) {
  // Dead letters count too: a reused sequence would overwrite one when its message failed as well.
  ASSIGN_OR_RETURN(uint64_t last_pending, LastSequence(db, cf, kPending));
  ASSIGN_OR_RETURN(uint64_t last_dead, LastSequence(db, cf, kDead));
  return std::unique_ptr<Outbox>(new Outbox(db, cf, clock, options, std::max(last_pending, last_dead)));
}

Outbox::Outbox(storage::Database* db, rocksdb::ColumnFamilyHandle* cf, const Clock* clock, OutboxOptions options,
               uint64_t last_sequence)
    : db_(db),
      cf_(cf),
      clock_(clock),
      options_(options),
      last_sequence_(last_sequence),
      jitter_(std::random_device()()) {}

Outbox::~Outbox() { Stop(); }

absl::Status Outbox::Enqueue(rocksdb::WriteBatch* batch, const OutboxMessage& message) {
  if (message.destination.empty() || message.method.empty() || message.request_id.empty() ||
      !storage::ValidateRequestId(message.request_id).ok()) {
    return Internal("OUTBOX_MESSAGE_INVALID",
                    absl::StrCat("outbox message ", message.method, " to '", message.destination,
                                 "' needs a destination, a method and a valid request_id"));
  }
  OutboxMessage stored;
  stored.destination = message.destination;
  stored.method = message.method;
  stored.request_id = message.request_id;
  stored.reference = message.reference;
  stored.payload = message.payload;
  stored.sequence = ++last_sequence_;
  stored.enqueued_at = clock_->Now();
  stored.next_attempt_at = stored.enqueued_at;
  batch->Put(cf_, MessageKey(kPending, stored.sequence), EncodeMessage(stored));
  return absl::OkStatus();
}

void Outbox::Notify() {
  absl::MutexLock lock(&wake_mu_);
  notified_ = true;  // the unlock wakes the delivery thread: Woken() is true
}

void Outbox::Route(const std::string& destination, Handler handler) {
  absl::MutexLock round(&round_mu_);
  routes_[destination] = std::move(handler);
}

void Outbox::Start() {
  thread_ = std::thread([this] { Run(); });
}

void Outbox::Stop() {
  {
    absl::MutexLock lock(&wake_mu_);
    stopping_ = true;  // the unlock wakes the delivery thread: Woken() is true
  }
  if (thread_.joinable()) thread_.join();
}

void Outbox::Run() {
  absl::MutexLock lock(&wake_mu_);
  while (!stopping_) {
    notified_ = false;  // a Notify() from now on runs another round
    wake_mu_.Unlock();
    DeliverDue().IgnoreError();  // every failure is logged where it happens
    wake_mu_.Lock();
    wake_mu_.AwaitWithTimeout(absl::Condition(this, &Outbox::Woken), options_.poll_interval);
  }
}

absl::Status Outbox::DeliverDue() {
  absl::MutexLock round(&round_mu_);
  absl::Status first_error;
  std::set<std::string> held;  // destinations whose earliest message waits: later ones wait too
  std::unique_ptr<rocksdb::Iterator> it = db_->Scan(cf_, AreaPrefix(kPending));
  for (; it->Valid() && !stopping_; it->Next()) {
    std::optional<OutboxMessage> message = MessageAt(kPending, *it);
    if (!message) {
      LogError("unreadable outbox message skipped");  // a bug: messages are only written here
      continue;
    }
    if (held.contains(message->destination)) continue;
    if (message->next_attempt_at > clock_->Now()) {
      held.insert(message->destination);
      continue;
    }
    DeliveryResult result = Attempt(*message);
    absl::Status recorded = Record(*message, result);
    if (!recorded.ok()) {
      // The message stays as it was, and its destination keeps its order.
      nlohmann::json fields = LogFields(*message);
      fields["error"] = recorded.ToString();
      LogError("outbox outcome not recorded; the message will be delivered again", fields);
      if (first_error.ok()) first_error = recorded;
    }
    if (!recorded.ok() || result.outcome() == DeliveryResult::Outcome::kRetry) held.insert(message->destination);
  }
  if (!it->status().ok()) {
    LogError("outbox scan failed", {{"error", it->status().ToString()}});
    if (first_error.ok()) first_error = storage::FromRocksStatus(it->status());
  }
  return first_error;
}

DeliveryResult Outbox::Attempt(const OutboxMessage& message) {
  auto route = routes_.find(message.destination);
  if (route == routes_.end()) {
    return DeliveryResult::Retry(absl::StrCat("no route to '", message.destination, "'"));
  }
  return route->second(message);
}

absl::Status Outbox::Record(const OutboxMessage& message, const DeliveryResult& result) {
  rocksdb::WriteBatch batch;
  const std::string key = MessageKey(kPending, message.sequence);
  OutboxMessage after = message;
  ++after.attempts;
  after.last_error = result.error();
  switch (result.outcome()) {
    case DeliveryResult::Outcome::kDelivered:
      batch.Delete(cf_, key);
      break;
    case DeliveryResult::Outcome::kRetry:
      after.next_attempt_at = clock_->Now() + Backoff(after.attempts);
      batch.Put(cf_, key, EncodeMessage(after));
      break;
    case DeliveryResult::Outcome::kFailed:
      batch.Delete(cf_, key);
      batch.Put(cf_, MessageKey(kDead, message.sequence), EncodeMessage(after));
      break;
  }
  RETURN_IF_ERROR(result.follow_up() ? result.follow_up()(&batch) : db_->Commit(&batch));
  if (result.outcome() == DeliveryResult::Outcome::kRetry) {
    LogWarning("outbox message not delivered; will retry", LogFields(after));
  } else if (result.outcome() == DeliveryResult::Outcome::kFailed) {
    LogError("outbox message refused; moved to the dead letters", LogFields(after));
  }
  return absl::OkStatus();
}

absl::Duration Outbox::Backoff(int attempts) {
  // Past 2^30 steps any sane initial backoff is above the cap; the shift stays defined.
  absl::Duration doubled = options_.initial_backoff * (int64_t{1} << std::min(attempts - 1, 30));
  absl::Duration full = std::min(options_.max_backoff, doubled);
  // Jitter spreads the retries of many messages that failed together.
  return full * std::uniform_real_distribution<double>(0.5, 1.0)(jitter_);
}

absl::StatusOr<std::vector<OutboxMessage>> Outbox::Pending() const { return List(kPending); }

absl::StatusOr<std::vector<OutboxMessage>> Outbox::DeadLetters() const { return List(kDead); }

absl::StatusOr<std::vector<OutboxMessage>> Outbox::List(std::string_view area) const {
  std::vector<OutboxMessage> messages;
  std::unique_ptr<rocksdb::Iterator> it = db_->Scan(cf_, AreaPrefix(area));
  for (; it->Valid(); it->Next()) {
    std::optional<OutboxMessage> message = MessageAt(area, *it);
    if (!message) {
      return Internal("OUTBOX_MESSAGE_UNREADABLE", absl::StrCat("unreadable outbox message in ", std::string(area)));
    }
    messages.push_back(std::move(*message));
  }
  RETURN_IF_ERROR(storage::FromRocksStatus(it->status()));
  return messages;
}

}  // namespace haicap::outbox
