// A fake deadlines service for running the real haicapctl command line in process: calendars in
// memory (changes versioned like the real service's), due dates and working-day counts answered
// as the test sets them; dossiers in memory with their statuses, supplements, reschedule,
// history and etags; statistics as the test sets them; a WatchEvents stream of the events the
// test queues; on 127.0.0.1:0. And the test fixture that runs `haicapctl --deadlines <fake> ...`.
#pragma once

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_format.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "common/errors.h"
#include "grpcpp/server.h"
#include "gtest/gtest.h"
#include "haicap/deadlines/v1/deadlines.grpc.pb.h"
#include "tests/haicapctl/fake_service.h"

namespace haicap::ctl {

namespace deadlines = ::haicap::deadlines::v1;

class FakeDeadlines final : public deadlines::Deadlines::Service, public RecordingFake {
 public:
  // Adds or replaces a calendar (revision and etag as given).
  void AddCalendar(const deadlines::Calendar& calendar) {
    std::lock_guard lock(mu_);
    calendars_[calendar.id()] = calendar;
  }
  // What ComputeDueDate and CountWorkingDays answer.
  void SetDueDate(const deadlines::ComputeDueDateResponse& answer) {
    std::lock_guard lock(mu_);
    due_date_ = answer;
  }
  void SetWorkingDays(int64_t count) {
    std::lock_guard lock(mu_);
    working_days_ = count;
  }

  // The instant the fake takes for "now" (2026-02-13 10:00 in Vietnam): the default receipt and
  // occurred_at.
  static constexpr int64_t kNow = 1770951600;

  // Adds or replaces a dossier as given.
  void AddDossier(const deadlines::Dossier& dossier) {
    std::lock_guard lock(mu_);
    dossiers_[dossier.id()] = dossier;
  }
  // The dossier as the fake keeps it; empty if there is none.
  deadlines::Dossier dossier(const std::string& id) {
    std::lock_guard lock(mu_);
    auto it = dossiers_.find(id);
    return it == dossiers_.end() ? deadlines::Dossier() : it->second;
  }
  // What GetStatistics answers, with the unit, kind and period of the request.
  void SetStatistics(const deadlines::Statistics& statistics) {
    std::lock_guard lock(mu_);
    statistics_ = statistics;
  }
  // An event for WatchEvents streams, sent to each stream whose cursor and filters it passes.
  void QueueEvent(const deadlines::DeadlineEvent& event) {
    std::lock_guard lock(mu_);
    events_.push_back(event);
    events_changed_.notify_all();
  }
  // How a WatchEvents stream ends once it has sent the queued events: with this status (OK by
  // default), or, after KeepWatchOpen, not until the caller cancels.
  void EndWatchWith(grpc::Status status) {
    std::lock_guard lock(mu_);
    watch_end_ = std::move(status);
  }
  void KeepWatchOpen() {
    std::lock_guard lock(mu_);
    keep_watch_open_ = true;
  }
  // Waits (up to 10 s) until watch streams have sent `count` events in all; false on timeout.
  bool WaitForEventsSent(int count) {
    std::unique_lock lock(mu_);
    return events_changed_.wait_for(lock, std::chrono::seconds(10),
                                    [&] { return events_sent_ >= count; });
  }
  // Waits (up to 10 s) until a watch stream sees its caller cancel; false on timeout.
  bool WaitForWatchCancelled() {
    std::unique_lock lock(mu_);
    return events_changed_.wait_for(lock, std::chrono::seconds(10),
                                    [&] { return watch_cancelled_; });
  }

  grpc::Status GetCalendar(grpc::ServerContext* context,
                           const deadlines::GetCalendarRequest* request,
                           deadlines::Calendar* response) override {
    std::lock_guard lock(mu_);
    if (auto failed = Begin(context); !failed.ok()) return failed;
    Record(*request);
    const deadlines::Calendar* calendar = Find(request->id());
    if (calendar == nullptr) return NotFound(request->id());
    *response = *calendar;
    response->clear_days();
    for (const deadlines::CalendarDay& day : calendar->days()) {
      if (request->year() == 0 || day.date().year() == request->year()) {
        *response->add_days() = day;
      }
    }
    return grpc::Status::OK;
  }

  grpc::Status ListCalendars(grpc::ServerContext* context,
                             const deadlines::ListCalendarsRequest* request,
                             deadlines::ListCalendarsResponse* response) override {
    std::lock_guard lock(mu_);
    if (auto failed = Begin(context); !failed.ok()) return failed;
    for (const auto& [id, calendar] : calendars_) {
      deadlines::Calendar* listed = response->add_calendars();
      *listed = calendar;
      listed->clear_days();
    }
    return grpc::Status::OK;
  }

  grpc::Status CreateCalendar(grpc::ServerContext* context,
                              const deadlines::CreateCalendarRequest* request,
                              deadlines::Calendar* response) override {
    std::lock_guard lock(mu_);
    if (auto failed = Begin(context); !failed.ok()) return failed;
    Record(*request);
    deadlines::Calendar& created = calendars_[request->calendar().id()];
    created = request->calendar();
    created.set_revision(1);
    created.set_etag("r1");
    *response = created;
    return grpc::Status::OK;
  }

  // Like the service: an etag that is not the current one is ABORTED; otherwise the days are
  // set or removed, the revision goes up and the change is recorded with the actor.
  grpc::Status UpsertCalendarDays(grpc::ServerContext* context,
                                  const deadlines::UpsertCalendarDaysRequest* request,
                                  deadlines::Calendar* response) override {
    std::lock_guard lock(mu_);
    if (auto failed = Begin(context); !failed.ok()) return failed;
    Record(*request);
    deadlines::Calendar* calendar = Find(request->calendar_id());
    if (calendar == nullptr) return NotFound(request->calendar_id());
    if (!request->etag().empty() && request->etag() != calendar->etag()) {
      return ToGrpcStatus(
          Aborted("ETAG_MISMATCH", "calendar " + calendar->id() + " changed since it was read"),
          "deadlines.haicap");
    }
    auto* days = calendar->mutable_days();
    auto same_date = [](const google::type::Date& a, const google::type::Date& b) {
      return a.year() == b.year() && a.month() == b.month() && a.day() == b.day();
    };
    auto remove = [&](const google::type::Date& date) {
      days->erase(std::remove_if(days->begin(), days->end(),
                                 [&](const auto& day) { return same_date(day.date(), date); }),
                  days->end());
    };
    for (const auto& day : request->days()) {
      remove(day.date());
      *days->Add() = day;
    }
    for (const auto& date : request->remove_dates()) remove(date);
    calendar->set_revision(calendar->revision() + 1);
    calendar->set_etag("r" + std::to_string(calendar->revision()));
    deadlines::CalendarChange change;
    change.set_calendar_id(calendar->id());
    change.set_revision(calendar->revision());
    *change.mutable_upserted() = request->days();
    *change.mutable_removed() = request->remove_dates();
    change.set_actor(ActorOf(context));
    change.mutable_recorded_at()->set_seconds(1767225600);  // 2026-01-01 07:00 in Vietnam
    change.set_request_id(request->request_id());
    changes_.insert(changes_.begin(), change);
    *response = *calendar;
    return grpc::Status::OK;
  }

  grpc::Status ListCalendarChanges(grpc::ServerContext* context,
                                   const deadlines::ListCalendarChangesRequest* request,
                                   deadlines::ListCalendarChangesResponse* response) override {
    std::lock_guard lock(mu_);
    if (auto failed = Begin(context); !failed.ok()) return failed;
    Record(*request);
    for (const auto& change : changes_) {
      if (change.calendar_id() == request->calendar_id()) *response->add_changes() = change;
    }
    return grpc::Status::OK;
  }

  grpc::Status ComputeDueDate(grpc::ServerContext* context,
                              const deadlines::ComputeDueDateRequest* request,
                              deadlines::ComputeDueDateResponse* response) override {
    std::lock_guard lock(mu_);
    if (auto failed = Begin(context); !failed.ok()) return failed;
    Record(*request);
    *response = due_date_;
    return grpc::Status::OK;
  }

  grpc::Status CountWorkingDays(grpc::ServerContext* context,
                                const deadlines::CountWorkingDaysRequest* request,
                                deadlines::CountWorkingDaysResponse* response) override {
    std::lock_guard lock(mu_);
    if (auto failed = Begin(context); !failed.ok()) return failed;
    Record(*request);
    response->set_working_days(working_days_);
    return grpc::Status::OK;
  }

  // The id is the request's or the next "DS-" number; the receipt defaults to kNow and the due
  // instant is the ComputeDueDate answer's (neither while NEW_REGISTERED).
  grpc::Status CreateDossier(grpc::ServerContext* context,
                             const deadlines::CreateDossierRequest* request,
                             deadlines::Dossier* response) override {
    std::lock_guard lock(mu_);
    if (auto failed = Begin(context); !failed.ok()) return failed;
    Record(*request);
    deadlines::Dossier dossier = request->dossier();
    if (dossier.id().empty()) dossier.set_id(absl::StrFormat("DS-%012d", ++dossiers_created_));
    if (dossier.status() == deadlines::DOSSIER_STATUS_UNSPECIFIED) {
      dossier.set_status(deadlines::RECEIVED);
    }
    if (dossier.status() != deadlines::NEW_REGISTERED) {
      if (!dossier.has_received_at()) dossier.mutable_received_at()->set_seconds(kNow);
      *dossier.mutable_due_at() = due_date_.due_at();
    }
    deadlines::DossierChange created;
    created.set_type(deadlines::CREATED);
    created.set_to_status(dossier.status());
    if (dossier.has_due_at()) *created.mutable_due_at_after() = dossier.due_at();
    Stamp(context, request->request_id(), &created, &dossier);
    *response = dossiers_[dossier.id()] = dossier;
    return grpc::Status::OK;
  }

  grpc::Status GetDossier(grpc::ServerContext* context, const deadlines::GetDossierRequest* request,
                          deadlines::Dossier* response) override {
    std::lock_guard lock(mu_);
    if (auto failed = Begin(context); !failed.ok()) return failed;
    Record(*request);
    auto it = dossiers_.find(request->id());
    if (it == dossiers_.end()) return DossierNotFound(request->id());
    *response = it->second;
    return grpc::Status::OK;
  }

  // Filters by unit (the code or a prefix of it, as a province covers its communes), kind and
  // status; `overdue` and the due window are only recorded. Pages by id; the token is an offset.
  grpc::Status ListDossiers(grpc::ServerContext* context,
                            const deadlines::ListDossiersRequest* request,
                            deadlines::ListDossiersResponse* response) override {
    std::lock_guard lock(mu_);
    if (auto failed = Begin(context); !failed.ok()) return failed;
    Record(*request);
    std::vector<const deadlines::Dossier*> matching;
    for (const auto& [id, dossier] : dossiers_) {
      const bool status_ok =
          request->statuses().empty() ||
          std::find(request->statuses().begin(), request->statuses().end(), dossier.status()) !=
              request->statuses().end();
      if (dossier.unit_code().starts_with(request->unit_code()) && status_ok &&
          (request->kind() == deadlines::DOSSIER_KIND_UNSPECIFIED ||
           request->kind() == dossier.kind())) {
        matching.push_back(&dossier);
      }
    }
    size_t offset = 0;
    if (!request->page_token().empty() && !absl::SimpleAtoi(request->page_token(), &offset)) {
      return ToGrpcStatus(InvalidArgument("page_token", "is not a token of this list"),
                          "deadlines.haicap");
    }
    const size_t size = request->page_size() > 0 ? request->page_size() : 100;
    for (size_t i = offset; i < matching.size() && i < offset + size; ++i) {
      deadlines::Dossier* listed = response->add_dossiers();
      *listed = *matching[i];
      listed->clear_history();
    }
    const size_t end = offset + size;
    if (end < matching.size()) response->set_next_page_token(std::to_string(end));
    return grpc::Status::OK;
  }

  // Any change the request names is made (the fake does not check the legal ones); the first end
  // of processing is early when on or before the due instant, else late.
  grpc::Status TransitionDossier(grpc::ServerContext* context,
                                 const deadlines::TransitionDossierRequest* request,
                                 deadlines::Dossier* response) override {
    return Change(context, *request, deadlines::STATUS_CHANGED, response,
                  [&](deadlines::Dossier& dossier, deadlines::DossierChange& change) {
                    const auto status = request->status();
                    const bool ends =
                        status == deadlines::NOT_ACCEPTED || status == deadlines::WITHDRAWN ||
                        status == deadlines::STOPPED || status == deadlines::PROCESSED;
                    if (ends && !dossier.has_finished_at()) {
                      const int64_t at = change.occurred_at().seconds();
                      *dossier.mutable_finished_at() = change.occurred_at();
                      dossier.set_outcome(at <= dossier.due_at().seconds() ? deadlines::EARLY
                                                                           : deadlines::LATE);
                    }
                    dossier.set_status(status);
                    change.set_reason(request->reason());
                    return grpc::Status::OK;
                  });
  }

  // A second request without `force` is FAILED_PRECONDITION, as in the service.
  grpc::Status RequestSupplement(grpc::ServerContext* context,
                                 const deadlines::RequestSupplementRequest* request,
                                 deadlines::Dossier* response) override {
    return Change(context, *request, deadlines::SUPPLEMENT_REQUESTED_EVENT, response,
                  [&](deadlines::Dossier& dossier, deadlines::DossierChange& change) {
                    if (!dossier.supplements().empty() && !request->force()) {
                      return Refused("SUPPLEMENT_ALREADY_REQUESTED",
                                     "already had its one supplement request; a second needs "
                                     "force and counts as late",
                                     dossier);
                    }
                    deadlines::SupplementRecord* supplement = dossier.add_supplements();
                    *supplement->mutable_requested_at() = change.occurred_at();
                    supplement->set_reason(request->reason());
                    supplement->set_forced(request->force());
                    dossier.set_status(deadlines::SUPPLEMENT_REQUESTED);
                    change.set_reason(request->reason());
                    return grpc::Status::OK;
                  });
  }

  // The due instant moves by the whole pause (the fake has no office hours).
  grpc::Status ResumeProcessing(grpc::ServerContext* context,
                                const deadlines::ResumeProcessingRequest* request,
                                deadlines::Dossier* response) override {
    return Change(context, *request, deadlines::PROCESSING_RESUMED, response,
                  [&](deadlines::Dossier& dossier, deadlines::DossierChange& change) {
                    if (dossier.status() != deadlines::SUPPLEMENT_REQUESTED ||
                        dossier.supplements().empty()) {
                      return Refused("NOT_WAITING_FOR_SUPPLEMENT",
                                     "is not waiting for a supplement", dossier);
                    }
                    deadlines::SupplementRecord* supplement =
                        dossier.mutable_supplements(dossier.supplements_size() - 1);
                    *supplement->mutable_resumed_at() = change.occurred_at();
                    const int64_t paused =
                        change.occurred_at().seconds() - supplement->requested_at().seconds();
                    supplement->set_paused_working_seconds(paused);
                    dossier.mutable_due_at()->set_seconds(dossier.due_at().seconds() + paused);
                    dossier.set_status(deadlines::PROCESSING);
                    return grpc::Status::OK;
                  });
  }

  // Due at 17:00 of the new date; a second reschedule is FAILED_PRECONDITION.
  grpc::Status Reschedule(grpc::ServerContext* context, const deadlines::RescheduleRequest* request,
                          deadlines::Dossier* response) override {
    return Change(context, *request, deadlines::RESCHEDULED, response,
                  [&](deadlines::Dossier& dossier, deadlines::DossierChange& change) {
                    if (dossier.has_reschedule()) {
                      return Refused("ALREADY_RESCHEDULED", "was already rescheduled", dossier);
                    }
                    const google::type::Date& date = request->new_due_date();
                    const absl::Time due = absl::FromCivil(
                        absl::CivilSecond(date.year(), date.month(), date.day(), 17, 0, 0),
                        absl::FixedTimeZone(7 * 3600));
                    deadlines::RescheduleRecord* reschedule = dossier.mutable_reschedule();
                    *reschedule->mutable_issued_at() = change.occurred_at();
                    reschedule->set_reason(request->reason());
                    *reschedule->mutable_previous_due_at() = dossier.due_at();
                    reschedule->mutable_new_due_at()->set_seconds(absl::ToUnixSeconds(due));
                    *dossier.mutable_due_at() = reschedule->new_due_at();
                    change.set_reason(request->reason());
                    return grpc::Status::OK;
                  });
  }

  grpc::Status GetStatistics(grpc::ServerContext* context,
                             const deadlines::GetStatisticsRequest* request,
                             deadlines::Statistics* response) override {
    std::lock_guard lock(mu_);
    if (auto failed = Begin(context); !failed.ok()) return failed;
    Record(*request);
    *response = statistics_;
    response->set_unit_code(request->unit_code());
    response->set_kind(request->kind());
    *response->mutable_from_date() = request->from_date();
    *response->mutable_to_date() = request->to_date();
    return grpc::Status::OK;
  }

  grpc::Status WatchEvents(grpc::ServerContext* context,
                           const deadlines::WatchEventsRequest* request,
                           grpc::ServerWriter<deadlines::DeadlineEvent>* writer) override {
    std::unique_lock lock(mu_);
    if (auto failed = Begin(context); !failed.ok()) return failed;
    Record(*request);
    size_t next = 0;
    for (;;) {
      for (; next < events_.size(); ++next) {
        const deadlines::DeadlineEvent& event = events_[next];
        if (event.cursor() <= request->after_cursor() ||
            !event.unit_code().starts_with(request->unit_code()) ||
            (request->kind() != deadlines::DOSSIER_KIND_UNSPECIFIED &&
             request->kind() != event.kind())) {
          continue;
        }
        if (!writer->Write(event)) return grpc::Status::CANCELLED;
        ++events_sent_;
        events_changed_.notify_all();
      }
      if (!keep_watch_open_) return watch_end_;
      // Wakes for a queued event, and now and then to see whether the caller cancelled.
      events_changed_.wait_for(lock, std::chrono::milliseconds(20));
      if (context->IsCancelled()) {
        watch_cancelled_ = true;
        events_changed_.notify_all();
        return grpc::Status::CANCELLED;
      }
    }
  }

 private:
  // Applies `apply` to the dossier named by `request` as a change of type `type`: the etag must
  // match; the change is recorded in the history with the actor, occurred_at (the request's or
  // kNow), the status and due instant before and after, and the request id.
  template <typename Request>
  grpc::Status Change(
      grpc::ServerContext* context, const Request& request, deadlines::DossierEventType type,
      deadlines::Dossier* response,
      const std::function<grpc::Status(deadlines::Dossier&, deadlines::DossierChange&)>& apply) {
    std::lock_guard lock(mu_);
    if (auto failed = Begin(context); !failed.ok()) return failed;
    Record(request);
    auto it = dossiers_.find(request.id());
    if (it == dossiers_.end()) return DossierNotFound(request.id());
    deadlines::Dossier dossier = it->second;
    if (!request.etag().empty() && request.etag() != dossier.etag()) {
      return ToGrpcStatus(
          Aborted("ETAG_MISMATCH", "dossier " + dossier.id() + " changed since it was read"),
          "deadlines.haicap");
    }
    deadlines::DossierChange change;
    change.set_type(type);
    change.set_from_status(dossier.status());
    if (request.has_occurred_at()) {
      *change.mutable_occurred_at() = request.occurred_at();
    } else {
      change.mutable_occurred_at()->set_seconds(kNow);
    }
    const deadlines::Dossier before = dossier;
    if (auto refused = apply(dossier, change); !refused.ok()) return refused;
    change.set_to_status(dossier.status());
    if (dossier.due_at().seconds() != before.due_at().seconds()) {
      *change.mutable_due_at_before() = before.due_at();
      *change.mutable_due_at_after() = dossier.due_at();
    }
    Stamp(context, request.request_id(), &change, &dossier);
    *response = it->second = dossier;
    return grpc::Status::OK;
  }

  // Appends `change` to the history with its sequence, actor, record time and request id, and
  // moves the dossier to the next revision.
  void Stamp(grpc::ServerContext* context, const std::string& request_id,
             deadlines::DossierChange* change, deadlines::Dossier* dossier) {
    change->set_sequence(dossier->history_size() + 1);
    if (!change->has_occurred_at()) change->mutable_occurred_at()->set_seconds(kNow);
    change->mutable_recorded_at()->set_seconds(kNow);
    change->set_actor(ActorOf(context));
    change->set_request_id(request_id);
    *dossier->add_history() = *change;
    *dossier->mutable_last_event_at() = change->occurred_at();
    dossier->set_revision(dossier->revision() + 1);
    dossier->set_etag("r" + std::to_string(dossier->revision()));
  }

  // FAILED_PRECONDITION "dossier <id> <what>".
  static grpc::Status Refused(const char* reason, const std::string& what,
                              const deadlines::Dossier& dossier) {
    return ToGrpcStatus(FailedPrecondition(reason, "dossier " + dossier.id() + " " + what),
                        "deadlines.haicap");
  }
  static grpc::Status DossierNotFound(const std::string& id) {
    return ToGrpcStatus(
        ::haicap::NotFound("DOSSIER_NOT_FOUND", "dossier " + id + " does not exist"),
        "deadlines.haicap");
  }

  deadlines::Calendar* Find(const std::string& id) {
    auto it = calendars_.find(id);
    return it == calendars_.end() ? nullptr : &it->second;
  }
  static grpc::Status NotFound(const std::string& id) {
    return ToGrpcStatus(
        ::haicap::NotFound("CALENDAR_NOT_FOUND", "calendar " + id + " does not exist"),
        "deadlines.haicap");
  }

  std::map<std::string, deadlines::Calendar> calendars_;
  std::vector<deadlines::CalendarChange> changes_;  // newest first
  deadlines::ComputeDueDateResponse due_date_;
  int64_t working_days_ = 0;
  std::map<std::string, deadlines::Dossier> dossiers_;
  int dossiers_created_ = 0;
  deadlines::Statistics statistics_;
  std::vector<deadlines::DeadlineEvent> events_;
  std::condition_variable events_changed_;
  grpc::Status watch_end_;
  bool keep_watch_open_ = false;
  int events_sent_ = 0;
  bool watch_cancelled_ = false;
};

inline constexpr char kDeadlinesAddressFlag[] = "--deadlines";
// Runs `haicapctl --deadlines <fake> --actor clerk.phucloi <args...>`.
using DeadlinesCliTest = FakeServiceCliTest<FakeDeadlines, kDeadlinesAddressFlag>;

}  // namespace haicap::ctl
