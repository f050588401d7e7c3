// Wakes the WatchEvents streams when new events are committed. Subscribers are called with the
// hub's lock held: they must only schedule work, never call back into the hub. Thread-safe.
#pragma once

#include <atomic>
#include <functional>
#include <map>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"

namespace haicap::deadlines {

class EventHub {
 public:
  using Listener = std::function<void()>;

  // Returns a handle for Unsubscribe.
  int Subscribe(Listener listener) ABSL_LOCKS_EXCLUDED(mu_) {
    absl::MutexLock lock(&mu_);
    listeners_[next_] = std::move(listener);
    return next_++;
  }
  // After this returns, the listener is never called again.
  void Unsubscribe(int handle) ABSL_LOCKS_EXCLUDED(mu_) {
    absl::MutexLock lock(&mu_);
    listeners_.erase(handle);
  }
  void Notify() ABSL_LOCKS_EXCLUDED(mu_) {
    absl::MutexLock lock(&mu_);
    for (auto& [handle, listener] : listeners_) listener();
  }
  // The server is stopping: streams finish (the caller resumes from its cursor elsewhere) instead
  // of holding the drain for the whole grace period.
  void Close() {
    closed_ = true;
    Notify();
  }
  bool closed() const { return closed_; }

 private:
  absl::Mutex mu_;
  std::map<int, Listener> listeners_ ABSL_GUARDED_BY(mu_);
  int next_ ABSL_GUARDED_BY(mu_) = 0;
  std::atomic<bool> closed_ = false;
};

}  // namespace haicap::deadlines
