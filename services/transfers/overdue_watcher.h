// Consumes the deadlines service's OVERDUE events for transfer letters (dossiers "TR-<id>") from a
// durable cursor: each event and the cursor past it are committed together, so a restart neither
// misses nor repeats one. Reconnects with a backoff while the deadlines service is away.
#pragma once

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>

#include "grpcpp/grpcpp.h"
#include "haicap/deadlines/v1/deadlines.grpc.pb.h"
#include "services/transfers/transfer_book.h"
#include "services/transfers/transfer_store.h"

namespace haicap::transfers {

class OverdueWatcher {
 public:
  // Starts watching. `book` and `store` are not owned.
  OverdueWatcher(TransferBook* book, TransferStore* store, std::shared_ptr<grpc::Channel> deadlines);
  // Cancels the stream and joins.
  ~OverdueWatcher();

 private:
  void Run();
  // One stream from the stored cursor until it breaks or is cancelled.
  void WatchOnce();

  TransferBook* book_;
  TransferStore* store_;
  std::unique_ptr<deadlines::v1::Deadlines::Stub> stub_;
  std::mutex mu_;
  std::condition_variable stopped_;
  bool stopping_ = false;                  // guarded by mu_
  grpc::ClientContext* context_ = nullptr;  // the open stream's, guarded by mu_
  std::thread thread_;
};

}  // namespace haicap::transfers
