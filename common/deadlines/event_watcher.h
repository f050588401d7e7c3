// Follows the deadlines service's events (WatchEvents) from a durable cursor, for a service that
// acts on them: `record` commits what an event means together with the cursor past it, so a
// restart neither misses nor repeats one. Reconnects with a backoff while the deadlines service
// is away; events are handled one at a time, in cursor order.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <thread>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "grpcpp/grpcpp.h"
#include "haicap/deadlines/v1/deadlines.grpc.pb.h"

namespace haicap::deadlines {

class EventWatcher {
 public:
  struct Hooks {
    // The cursor of the last event recorded (0 before the first).
    std::function<absl::StatusOr<int64_t>()> read_cursor;
    // Commits the event's effects and its cursor as one batch. An error stops the stream; it is
    // opened again from the stored cursor after the backoff.
    std::function<absl::Status(const v1::DeadlineEvent&)> record;
  };

  // Starts watching the events `filter` selects (its after_cursor is ignored), calling as `actor`.
  EventWatcher(std::string actor, v1::WatchEventsRequest filter, Hooks hooks,
               std::shared_ptr<grpc::Channel> deadlines);
  // Cancels the stream and joins.
  ~EventWatcher();

 private:
  void Run() ABSL_LOCKS_EXCLUDED(mu_);
  // One stream from the stored cursor until it breaks or is cancelled.
  void WatchOnce() ABSL_LOCKS_EXCLUDED(mu_);

  const std::string actor_;
  const v1::WatchEventsRequest filter_;
  const Hooks hooks_;
  std::unique_ptr<v1::Deadlines::Stub> stub_;
  absl::Mutex mu_;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;  // Run waits for it between streams
  grpc::ClientContext* context_ ABSL_GUARDED_BY(mu_) = nullptr;  // the open stream's
  std::thread thread_;
};

}  // namespace haicap::deadlines
