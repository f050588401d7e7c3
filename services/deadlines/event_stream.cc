#include "services/deadlines/event_stream.h"

#include <algorithm>

namespace haicap::deadlines {
namespace {

constexpr size_t kEventsPerRead = 256;

}  // namespace

EventStream::EventStream(const DossierStore* store, EventHub* hub, const DossierBook* book,
                         const v1::WatchEventsRequest& request)
    : store_(store), hub_(hub), book_(book), request_(request), cursor_(request.after_cursor()) {
  subscription_ = hub_->Subscribe([this] { Pump(); });
  Pump();
}

bool EventStream::Matches(const v1::DeadlineEvent& event) const {
  if (request_.kind() != v1::DOSSIER_KIND_UNSPECIFIED && event.kind() != request_.kind()) return false;
  if (request_.unit_code().empty()) return true;
  const std::vector<std::string> scopes = book_->ScopesOf(event.unit_code());
  return std::find(scopes.begin(), scopes.end(), request_.unit_code()) != scopes.end();
}

void EventStream::Pump() {
  const v1::DeadlineEvent* next = nullptr;
  {
    absl::MutexLock lock(&mu_);
    if (writing_ || finished_) return;
    if (hub_->closed()) {
      FinishOnce(grpc::Status(grpc::StatusCode::UNAVAILABLE,
                              "the server is stopping; resume after the last cursor received"));
      return;
    }
    while (queue_.empty()) {
      absl::StatusOr<std::vector<v1::DeadlineEvent>> events = store_->EventsAfter(cursor_, kEventsPerRead);
      if (!events.ok()) {
        FinishOnce(grpc::Status(grpc::StatusCode::UNAVAILABLE, "the event log could not be read"));
        return;
      }
      if (events->empty()) return;  // caught up: the hub wakes us for the next one
      cursor_ = events->back().cursor();
      for (v1::DeadlineEvent& event : *events) {
        if (Matches(event)) queue_.push_back(std::move(event));
      }
    }
    writing_ = true;
    next = &queue_.front();  // stays put until OnWriteDone pops it
  }
  StartWrite(next);
}

void EventStream::OnWriteDone(bool ok) {
  {
    absl::MutexLock lock(&mu_);
    writing_ = false;
    queue_.pop_front();
    if (!ok) {
      FinishOnce(grpc::Status(grpc::StatusCode::UNAVAILABLE, "the stream broke"));
      return;
    }
  }
  Pump();
}

void EventStream::OnCancel() {
  absl::MutexLock lock(&mu_);
  FinishOnce(grpc::Status::CANCELLED);
}

void EventStream::FinishOnce(const grpc::Status& status) {
  if (finished_) return;
  finished_ = true;
  Finish(status);
}

void EventStream::OnDone() {
  hub_->Unsubscribe(subscription_);
  delete this;
}

}  // namespace haicap::deadlines
