#include "common/deadlines/event_watcher.h"

#include "absl/time/time.h"
#include "common/logging.h"

namespace haicap::deadlines {
namespace {

constexpr absl::Duration kReconnectDelay = absl::Seconds(1);

}  // namespace

EventWatcher::EventWatcher(std::string actor, v1::WatchEventsRequest filter, Hooks hooks,
                           std::shared_ptr<grpc::Channel> deadlines)
    : actor_(std::move(actor)),
      filter_(std::move(filter)),
      hooks_(std::move(hooks)),
      stub_(v1::Deadlines::NewStub(deadlines)),
      thread_([this] { Run(); }) {}

EventWatcher::~EventWatcher() {
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;  // the unlock wakes Run's wait: its condition is stopping_
    if (context_ != nullptr) context_->TryCancel();
  }
  thread_.join();
}

void EventWatcher::Run() {
  for (;;) {
    WatchOnce();
    absl::MutexLock lock(&mu_);
    if (mu_.AwaitWithTimeout(absl::Condition(&stopping_), kReconnectDelay)) return;
  }
}

void EventWatcher::WatchOnce() {
  absl::StatusOr<int64_t> cursor = hooks_.read_cursor();
  if (!cursor.ok()) {
    LogError("cannot read the deadlines events cursor", {{"error", cursor.status().ToString()}});
    return;
  }
  grpc::ClientContext context;
  context.AddMetadata("x-haicap-actor", actor_);
  {
    absl::MutexLock lock(&mu_);
    if (stopping_) return;
    context_ = &context;
  }
  v1::WatchEventsRequest request = filter_;
  request.set_after_cursor(*cursor);
  auto reader = stub_->WatchEvents(&context, request);
  v1::DeadlineEvent event;
  while (reader->Read(&event)) {
    if (const absl::Status done = hooks_.record(event); !done.ok()) {
      LogError("cannot record a deadlines event", {{"cursor", event.cursor()}, {"error", done.ToString()}});
      context.TryCancel();
      break;
    }
  }
  const grpc::Status status = reader->Finish();
  absl::MutexLock lock(&mu_);
  context_ = nullptr;
  if (!stopping_) LogWarning("deadlines event stream ended; reconnecting", {{"error", status.error_message()}});
}

}  // namespace haicap::deadlines
