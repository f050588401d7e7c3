// The path the services' changes take (docs/architecture.md lists the writes that do not yet), in
// this order:
//  1. the request id: a malformed one is refused; a retry of a committed change gets the recorded
//     answer at once — before anything else is read, so it is the first answer whatever has
//     changed since (AIP-155);
//  2. `prepare`: the checks that read other services or state that may block (registry lookups,
//     calendars) — done holding no lock — and the choice of the lock the change needs;
//  3. that lock, held until the batch is committed (released earlier, the next change could read
//     what this one is about to overwrite), and the request id checked again under it;
//  4. `stage`: the service's domain step — read the record, check its etag, mutate, and put into
//     the batch the record, its indexes, its history and its outbox messages;
//  5. one durable commit of the batch with the idempotency record; `committed_locked` while the lock
//     is still held (so that what it records is ordered with the commits), then `after_commit`
//     (wake the outbox, the event streams).
// RunFollowUp is the same path for a change that answers another service (an outbox result, a
// consumed event), which has no request id of its own.
// The kernel holds no domain logic; the caller's authorisation, the audit chain and the change
// metrics hook in here, once for every service.
#pragma once

#include <functional>
#include <optional>
#include <type_traits>
#include <string_view>
#include <utility>

#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "common/status_macros.h"
#include "common/storage/idempotency.h"
#include "rocksdb/write_batch.h"

namespace haicap::change {

// The lock a change holds from before it reads its record until its batch is committed.
struct ChangeLock {
  absl::Mutex* mutex = nullptr;  // null: none (a change that creates what no other can name yet)
  bool shared = false;           // a reader lock: changes that may run side by side (creations)
};

// What a service runs around each committed change (either may be empty).
// Both also run for a concurrent duplicate answered from its record under the lock, which is
// harmless for what they do (count, wake).
struct ChangeHooks {
  std::function<void()> committed_locked;  // after the commit, the change's lock still held
  std::function<void()> after_commit;      // after the lock is released
};

// What names a change: the RPC method and the caller's request id ("" for no deduplication).
struct ChangeName {
  std::string_view method;
  std::string_view request_id;
};

class ChangeKernel {
 public:
  // `idempotency` is not owned.
  explicit ChangeKernel(storage::IdempotencyStore* idempotency, ChangeHooks hooks = {})
      : idempotency_(idempotency), hooks_(std::move(hooks)) {}

  template <typename Response>
  using Stage = std::function<absl::StatusOr<Response>(rocksdb::WriteBatch*)>;
  using Prepare = std::function<absl::StatusOr<ChangeLock>()>;

  // Runs one change (the steps above). An error from `prepare` or `stage` writes nothing and
  // records nothing: the same request id may be retried.
  template <typename Response>
  absl::StatusOr<Response> Run(const ChangeName& name, const Prepare& prepare, const Stage<Response>& stage) {
    RETURN_IF_ERROR(storage::ValidateRequestId(name.request_id));
    ASSIGN_OR_RETURN(std::optional<Response> recorded, idempotency_->Find<Response>(name.method, name.request_id));
    if (recorded) return *std::move(recorded);
    ASSIGN_OR_RETURN(const ChangeLock lock, prepare());
    absl::StatusOr<Response> response = Locked(lock, [&] {
      absl::StatusOr<Response> committed = idempotency_->Run<Response>(name.method, name.request_id, stage);
      if (committed.ok() && hooks_.committed_locked) hooks_.committed_locked();
      return committed;
    });
    if (response.ok() && hooks_.after_commit) hooks_.after_commit();
    return response;
  }

  // The same, for a change whose lock needs no preparation.
  template <typename Response>
  absl::StatusOr<Response> Run(const ChangeName& name, ChangeLock lock, const Stage<Response>& stage) {
    return Run<Response>(name, [lock]() -> absl::StatusOr<ChangeLock> { return lock; }, stage);
  }

  // A follow-up: `batch` already holds what makes it happen once (the outbox message's removal,
  // the event consumer's cursor); `stage` adds the change under `lock`, and the batch commits
  // with the same hooks as Run. On an error nothing is committed, not even `batch`'s own writes.
  absl::Status RunFollowUp(ChangeLock lock, rocksdb::WriteBatch* batch,
                           const std::function<absl::Status(rocksdb::WriteBatch*)>& stage) {
    absl::Status status = Locked(lock, [&]() -> absl::Status {
      RETURN_IF_ERROR(stage(batch));
      RETURN_IF_ERROR(idempotency_->db().Commit(batch));
      if (hooks_.committed_locked) hooks_.committed_locked();
      return absl::OkStatus();
    });
    if (status.ok() && hooks_.after_commit) hooks_.after_commit();
    return status;
  }

 private:
  template <typename Fn>
  static std::invoke_result_t<Fn> Locked(const ChangeLock& lock, Fn&& fn) {
    if (lock.mutex == nullptr) return fn();
    if (lock.shared) {
      absl::ReaderMutexLock held(lock.mutex);
      return fn();
    }
    absl::MutexLock held(lock.mutex);
    return fn();
  }

  storage::IdempotencyStore* idempotency_;
  ChangeHooks hooks_;
};

}  // namespace haicap::change
