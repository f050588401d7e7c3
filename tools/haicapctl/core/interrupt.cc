#include "tools/haicapctl/core/interrupt.h"

#include <chrono>

namespace haicap::ctl {
namespace {

volatile std::sig_atomic_t interrupt_pending = 0;

void OnInterrupt(int) { interrupt_pending = 1; }

}  // namespace

InterruptCancels::InterruptCancels(grpc::ClientContext* context) : context_(context) {
  interrupt_pending = 0;
  struct sigaction action {};
  action.sa_handler = OnInterrupt;
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, &previous_);
  canceller_ = std::thread([this] { CancelOnInterrupt(); });
}

InterruptCancels::~InterruptCancels() {
  done_ = true;
  canceller_.join();
  sigaction(SIGINT, &previous_, nullptr);
}

void InterruptCancels::CancelOnInterrupt() {
  // Polling keeps the handler async-signal-safe; a twentieth of a second is quick for a person.
  while (!done_) {
    if (interrupt_pending != 0) {
      cancelled_ = true;
      context_->TryCancel();
      return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

}  // namespace haicap::ctl
