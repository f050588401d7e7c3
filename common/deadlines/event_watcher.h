// Follows the deadlines service's events (WatchEvents) from a durable cursor, for a service that
// acts on them: `record` commits what an event means together with the cursor past it, so a
// restart neither misses nor repeats one. Reconnects with a backoff while the deadlines service
// is away; events are handled one at a time, in cursor order.
#pragma once

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "absl/status/statusor.h"
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
  void Run();
  // One stream from the stored cursor until it breaks or is cancelled.
  void WatchOnce();

  const std::string actor_;
  const v1::WatchEventsRequest filter_;
  const Hooks hooks_;
  std::unique_ptr<v1::Deadlines::Stub> stub_;
  std::mutex mu_;
  std::condition_variable stopped_;
  bool stopping_ = false;                  // guarded by mu_
  grpc::ClientContext* context_ = nullptr;  // the open stream's, guarded by mu_
  std::thread thread_;
};

}  // namespace haicap::deadlines
