// A transactional outbox: cross-service messages that commit with the change that causes them and
// are delivered at least once, with retries and backoff, while the receivers deduplicate by
// request_id. Together: every message takes effect exactly once, and stopping either side only
// delays the work.
//
// Sending. The sender puts its change and the message into one WriteBatch (Enqueue), commits it,
// then calls Notify(). A batch that never commits sends nothing; a committed one is on disk before
// anything is delivered.
//
// Delivering. A background thread runs delivery rounds after every Notify() and at a real-time
// poll interval. A round walks the pending messages in enqueue order and hands each due one to the
// handler routed for its destination, then records the outcome in one batch:
//   Delivered: the message is deleted (with the handler's follow-up writes, if any);
//   Retry:     attempts and last_error are kept and the message waits an exponential backoff with
//              jitter (capped); there is no attempt limit, as a receiver may be down for days;
//   Fail:      the message moves to the dead letters (with the handler's compensation, if any).
// A message whose destination has no route is retried as well, so a misconfiguration loses
// nothing.
//
// Order. Messages to one destination are delivered in enqueue order: a message waiting for its
// retry holds back the later messages to its destination (a clock must be created before it is
// finished), while other destinations proceed. A failed message does not hold back the later ones.
// Enqueue order is the order of Enqueue calls; messages whose order matters must come from commits
// that are themselves ordered (one thread, or under the sender's record lock).
//
// Crashes. A message whose handler ran but whose outcome was not committed (kill, Stop, storage
// error) is delivered again after restart: handlers must be safe to repeat, which the request_id
// gives for the RPC and FollowUp's contract gives for the sender's own writes.
//
// Handlers run one at a time on the delivery thread, so a handler calling an RPC should set a
// short deadline: a destination that hangs delays the others by that much per attempt.
#pragma once

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "common/clock.h"
#include "common/outbox/delivery_result.h"
#include "common/outbox/outbox_message.h"
#include "common/storage/database.h"
#include "rocksdb/write_batch.h"

namespace haicap::outbox {

// Outside Outbox so that `= {}` can default it (GCC refuses a nested struct there).
struct OutboxOptions {
  // Real time between rounds when nobody calls Notify(); a retry runs at the first round after
  // its backoff.
  absl::Duration poll_interval = absl::Seconds(1);
  // The n-th retry waits a random time in [d/2, d], d = min(initial_backoff * 2^(n-1), max_backoff).
  absl::Duration initial_backoff = absl::Milliseconds(100);
  absl::Duration max_backoff = absl::Seconds(30);
};

class Outbox {
 public:
  // Delivers one message; runs on the delivery thread, and must not call Route or Stop. `message`
  // shows the attempts before this one.
  using Handler = std::function<DeliveryResult(const OutboxMessage& message)>;

  // The outbox kept in `cf`, a column family of the sender's own database used for nothing else.
  // Nothing is owned; `db` and `clock` (which times the backoff) must outlive the outbox.
  static absl::StatusOr<std::unique_ptr<Outbox>> Open(storage::Database* db, rocksdb::ColumnFamilyHandle* cf,
                                                      const Clock* clock, OutboxOptions options = {});
  // Stops the delivery thread.
  ~Outbox();
  Outbox(const Outbox&) = delete;
  Outbox& operator=(const Outbox&) = delete;

  // Adds `message` (its sender's fields; the bookkeeping is reset) to `batch`, due at once. INTERNAL
  // when the destination, the method or the request_id is missing or the request_id is not one a
  // receiver accepts: that is the sender's bug, and committing would break exactly-once.
  // Thread-safe.
  absl::Status Enqueue(rocksdb::WriteBatch* batch, const OutboxMessage& message);
  // Wakes the delivery thread; call after committing a batch with messages. Thread-safe.
  void Notify() ABSL_LOCKS_EXCLUDED(wake_mu_);

  // Delivers the messages for `destination` with `handler` (replacing an earlier route).
  // Thread-safe; waits for a round in progress.
  void Route(const std::string& destination, Handler handler) ABSL_LOCKS_EXCLUDED(round_mu_);
  // Starts the delivery thread, which runs a round at once (messages left by an earlier run).
  // Call once.
  void Start();
  // Joins the delivery thread after the handler in progress returns; the rest of the round is left
  // for the next run. No round runs afterwards. Idempotent.
  void Stop() ABSL_LOCKS_EXCLUDED(wake_mu_);

  // Runs one delivery round now, in the calling thread (the delivery thread calls it too; rounds
  // never overlap). Every failure is logged; the first outcome that could not be recorded (storage
  // or follow-up error) is returned, and its message stays pending as it was.
  absl::Status DeliverDue() ABSL_LOCKS_EXCLUDED(round_mu_);

  // The messages waiting for delivery, in enqueue order.
  absl::StatusOr<std::vector<OutboxMessage>> Pending() const;
  // The messages their receivers refused, in enqueue order, last_error saying why.
  absl::StatusOr<std::vector<OutboxMessage>> DeadLetters() const;

 private:
  Outbox(storage::Database* db, rocksdb::ColumnFamilyHandle* cf, const Clock* clock, OutboxOptions options,
         uint64_t last_sequence);

  absl::StatusOr<std::vector<OutboxMessage>> List(std::string_view area) const;
  // Runs the handler routed for `message`'s destination; Retry when there is none.
  DeliveryResult Attempt(const OutboxMessage& message) ABSL_EXCLUSIVE_LOCKS_REQUIRED(round_mu_);
  // Commits `result` for `message`, with its follow-up when it has one.
  absl::Status Record(const OutboxMessage& message, const DeliveryResult& result)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(round_mu_);
  absl::Duration Backoff(int attempts) ABSL_EXCLUSIVE_LOCKS_REQUIRED(round_mu_);
  // What the delivery thread waits for between rounds (besides the poll interval).
  bool Woken() const ABSL_EXCLUSIVE_LOCKS_REQUIRED(wake_mu_) { return notified_ || stopping_; }
  void Run() ABSL_LOCKS_EXCLUDED(wake_mu_);

  storage::Database* db_;
  rocksdb::ColumnFamilyHandle* cf_;
  const Clock* clock_;
  OutboxOptions options_;
  std::atomic<uint64_t> last_sequence_;

  absl::Mutex round_mu_;  // one round at a time
  std::map<std::string, Handler> routes_ ABSL_GUARDED_BY(round_mu_);
  std::mt19937_64 jitter_ ABSL_GUARDED_BY(round_mu_);

  absl::Mutex wake_mu_;  // the delivery thread waits on it for Woken()
  bool notified_ ABSL_GUARDED_BY(wake_mu_) = false;
  std::atomic<bool> stopping_ = false;  // set under wake_mu_, read by rounds without it
  std::thread thread_;
};

}  // namespace haicap::outbox
