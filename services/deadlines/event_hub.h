// Wakes the WatchEvents streams when new events are committed. Subscribers are called with the
// hub's lock held: they must only schedule work, never call back into the hub. Thread-safe.
#pragma once

#include <atomic>
#include <functional>
#include <map>
#include <mutex>

namespace haicap::deadlines {

class EventHub {
 public:
  using Listener = std::function<void()>;

  // Returns a handle for Unsubscribe.
  int Subscribe(Listener listener) {
    std::lock_guard lock(mu_);
    listeners_[next_] = std::move(listener);
    return next_++;
  }
  // After this returns, the listener is never called again.
  void Unsubscribe(int handle) {
    std::lock_guard lock(mu_);
    listeners_.erase(handle);
  }
  void Notify() {
    std::lock_guard lock(mu_);
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
  std::mutex mu_;
  std::map<int, Listener> listeners_;
  int next_ = 0;
  std::atomic<bool> closed_ = false;
};

}  // namespace haicap::deadlines
