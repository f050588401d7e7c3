// A fake deadlines service for running the real haicapctl command line in process: calendars in
// memory (changes versioned like the real service's), due dates and working-day counts answered
// as the test sets them, on 127.0.0.1:0; and the test fixture that runs
// `haicapctl --deadlines <fake> ...`.
#pragma once

#include <algorithm>
#include <map>
#include <memory>
#include <mutex>
#include <sstream>
#include <string>
#include <vector>

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

 private:
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
};

class DeadlinesCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    int port = 0;
    server_ = StartServer(&fake_, &port);
    ASSERT_NE(server_, nullptr);
    address_ = "127.0.0.1:" + std::to_string(port);
  }
  void TearDown() override { server_->Shutdown(); }

  // Runs `haicapctl --deadlines <fake> --actor clerk.phucloi <args...>`.
  int Run(std::vector<std::string> args) {
    args.insert(args.begin(), {"--deadlines", address_});
    return RunCli(std::move(args), out_, err_);
  }

  FakeDeadlines fake_;
  std::unique_ptr<grpc::Server> server_;
  std::string address_;
  std::ostringstream out_, err_;
};

}  // namespace haicap::ctl
