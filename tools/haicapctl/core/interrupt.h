// Ctrl-C for a command that runs until it is stopped (`watch`): while an InterruptCancels lives,
// SIGINT cancels one gRPC call instead of ending the process, so the command can still say where
// to resume and exit normally.
#pragma once

#include <atomic>
#include <csignal>
#include <thread>

#include "grpcpp/client_context.h"

namespace haicap::ctl {

// One at a time: SIGINT has one handler per process.
class InterruptCancels {
 public:
  explicit InterruptCancels(grpc::ClientContext* context);
  // Puts back the SIGINT handling that was there before.
  ~InterruptCancels();
  InterruptCancels(const InterruptCancels&) = delete;
  InterruptCancels& operator=(const InterruptCancels&) = delete;

  // Whether Ctrl-C was pressed (and the call cancelled).
  bool interrupted() const { return cancelled_; }

 private:
  // The handler may only set a flag; this thread turns the flag into TryCancel.
  void CancelOnInterrupt();

  grpc::ClientContext* context_;
  struct sigaction previous_ {};
  std::atomic<bool> done_{false};
  std::atomic<bool> cancelled_{false};
  std::thread canceller_;
};

}  // namespace haicap::ctl
