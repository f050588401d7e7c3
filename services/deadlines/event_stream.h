// The server side of one WatchEvents call: sends the logged events after the caller's cursor that
// match its filters, then waits for new ones (woken by the EventHub) until the caller cancels or
// the server shuts down.
#pragma once

#include <deque>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "grpcpp/grpcpp.h"
#include "haicap/deadlines/v1/deadlines.pb.h"
#include "services/deadlines/dossier_book.h"
#include "services/deadlines/dossier_store.h"
#include "services/deadlines/event_hub.h"

namespace haicap::deadlines {

class EventStream final : public grpc::ServerWriteReactor<v1::DeadlineEvent> {
 public:
  // Starts streaming; deletes itself when the call is done. Nothing is owned.
  EventStream(const DossierStore* store, EventHub* hub, const DossierBook* book, const v1::WatchEventsRequest& request);

  void OnWriteDone(bool ok) override;
  void OnCancel() override;
  void OnDone() override;

 private:
  // Starts the next write when none is in flight, reading more of the log when the queue is empty.
  void Pump() ABSL_LOCKS_EXCLUDED(mu_);
  bool Matches(const v1::DeadlineEvent& event) const;
  void FinishOnce(const grpc::Status& status) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  const DossierStore* store_;
  EventHub* hub_;
  const DossierBook* book_;
  const v1::WatchEventsRequest request_;
  int subscription_ = -1;

  absl::Mutex mu_;
  int64_t cursor_ ABSL_GUARDED_BY(mu_);  // the last event read from the log
  std::deque<v1::DeadlineEvent> queue_ ABSL_GUARDED_BY(mu_);
  bool writing_ ABSL_GUARDED_BY(mu_) = false;
  bool finished_ ABSL_GUARDED_BY(mu_) = false;
};

}  // namespace haicap::deadlines
