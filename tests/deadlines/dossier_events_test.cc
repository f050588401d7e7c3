// WatchEvents over real gRPC with a fake clock moved past near-due and overdue instants: each event
// once, resumable by cursor across a restart, none for finished dossiers, filters by unit and kind,
// timers that follow a new due date, and a DUE_CHANGED event for every move of a running due date.
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "tests/deadlines/deadlines_fixture.h"

namespace haicap::deadlines::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;

// An open WatchEvents stream read on its own thread, so a test can wait for events with a timeout.
// The stream stays open until the watch goes away (TryCancel).
class EventWatch {
 public:
  EventWatch(Deadlines::Stub* stub, const WatchEventsRequest& request) {
    context_.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
    reader_ = stub->WatchEvents(&context_, request);
    thread_ = std::thread([this] {
      DeadlineEvent event;
      while (reader_->Read(&event)) {
        std::lock_guard lock(mu_);
        events_.push_back(event);
        changed_.notify_all();
      }
      grpc::Status status = reader_->Finish();
      std::lock_guard lock(mu_);
      finish_ = status;
      ended_ = true;
      changed_.notify_all();
    });
  }
  ~EventWatch() {
    context_.TryCancel();
    thread_.join();
  }

  // Every event so far once `count` have arrived or `timeout` has passed.
  std::vector<DeadlineEvent> WaitFor(size_t count, absl::Duration timeout = absl::Seconds(5)) {
    std::unique_lock lock(mu_);
    changed_.wait_for(lock, absl::ToChronoMilliseconds(timeout), [&] { return events_.size() >= count || ended_; });
    return events_;
  }
  // Every event so far after a quiet wait: shows that no more arrive.
  std::vector<DeadlineEvent> After(absl::Duration quiet) {
    std::unique_lock lock(mu_);
    changed_.wait_for(lock, absl::ToChronoMilliseconds(quiet), [&] { return ended_; });
    return events_;
  }
  // The stream's end: true and its status once the server closed it.
  bool Ended(absl::Duration timeout, grpc::Status* status) {
    std::unique_lock lock(mu_);
    changed_.wait_for(lock, absl::ToChronoMilliseconds(timeout), [&] { return ended_; });
    *status = finish_;
    return ended_;
  }

 private:
  grpc::ClientContext context_;
  std::unique_ptr<grpc::ClientReader<DeadlineEvent>> reader_;
  std::thread thread_;
  std::mutex mu_;
  std::condition_variable changed_;
  std::vector<DeadlineEvent> events_;
  bool ended_ = false;
  grpc::Status finish_;
};

// "NEAR_DUE e1 at 2026-01-13 17:00": which event, for which dossier, standing for which instant.
std::string Line(const DeadlineEvent& event) {
  return absl::StrCat(DeadlineEventType_Name(event.type()), " ", event.dossier_id(), " at ", Local(event.event_at()));
}
std::vector<std::string> Lines(const std::vector<DeadlineEvent>& events) {
  std::vector<std::string> lines;
  for (const auto& e : events) lines.push_back(Line(e));
  return lines;
}

class DossierEventsTest : public DeadlinesTest {
 protected:
  std::unique_ptr<EventWatch> Watch(int64_t after_cursor, const std::string& unit = "",
                                    DossierKind kind = DOSSIER_KIND_UNSPECIFIED) {
    WatchEventsRequest request;
    request.set_after_cursor(after_cursor);
    request.set_unit_code(unit);
    request.set_kind(kind);
    return std::make_unique<EventWatch>(stub_.get(), request);
  }
  // Every event kept that matches: `count` of them, then a short wait for any more.
  std::vector<std::string> Kept(size_t count, const std::string& unit = "", DossierKind kind = DOSSIER_KIND_UNSPECIFIED) {
    auto watch = Watch(0, unit, kind);
    watch->WaitFor(count);
    return Lines(watch->After(absl::Milliseconds(100)));
  }

  static constexpr absl::Duration kQuiet = absl::Milliseconds(250);
};

TEST_F(DossierEventsTest, NearDueAndOverdueArriveOnceAndResumeByCursor) {
  // Monday 12/1/2026 09:00. Two working days (13, 14/1) → due Wednesday 14/1 17:00: near due on the
  // previous working day at the same time, Tuesday 13/1 17:00; overdue at midnight after the due day,
  // Thursday 15/1 00:00. Five working days → due Monday 19/1 17:00: near due on Friday 16/1 17:00 (the
  // working day before, not Sunday), overdue Tuesday 20/1 00:00.
  SetNow(2026, 1, 12, 9, 0);
  MustCreate("e1", kPhucLoi, 2);
  MustCreate("e2", kVietHung, 5);
  MustCreate("e3", kPhucLoi, 2);  // finished before its due date
  MustCreate("e4", kVietHungQuangNinh, 2);
  CreateDossierRequest obligation = NewDossier("e5", "org.chibo-3", 2);
  obligation.mutable_dossier()->set_kind(PARTY_OBLIGATION);
  obligation.mutable_dossier()->set_subject("transfers/123");
  MustCreate(obligation);
  MustCreate("e6", kPhucLoi, 1);  // finished before it is even near due

  auto watch = Watch(0);
  SetNow(2026, 1, 12, 16, 0);  // e6 would be near due at 17:00
  MustTransition("e6", PROCESSED);
  SetNow(2026, 1, 13, 16, 59);
  EXPECT_THAT(watch->After(kQuiet), IsEmpty());

  SetNow(2026, 1, 13, 17, 1);
  std::vector<DeadlineEvent> events = watch->WaitFor(4);
  EXPECT_THAT(Lines(events), UnorderedElementsAre("NEAR_DUE e1 at 2026-01-13 17:00", "NEAR_DUE e3 at 2026-01-13 17:00",
                                                  "NEAR_DUE e4 at 2026-01-13 17:00", "NEAR_DUE e5 at 2026-01-13 17:00"));
  for (const auto& e : events) {
    if (e.dossier_id() != "e5") continue;
    EXPECT_EQ(e.unit_code(), "org.chibo-3");
    EXPECT_EQ(e.kind(), PARTY_OBLIGATION);
    EXPECT_EQ(e.subject(), "transfers/123");
    EXPECT_EQ(Local(e.due_at()), "2026-01-14 17:00");
    EXPECT_EQ(Local(e.recorded_at()), "2026-01-13 17:01");
  }

  SetNow(2026, 1, 14, 10, 0);
  MustTransition("e3", PROCESSED);
  SetNow(2026, 1, 15, 0, 1);
  // Nothing for e3 (finished) nor e6, nothing twice.
  events = watch->WaitFor(7);
  ASSERT_EQ(events.size(), 7u);
  EXPECT_THAT(Lines({events.begin() + 4, events.end()}),
              UnorderedElementsAre("OVERDUE e1 at 2026-01-15 00:00", "OVERDUE e4 at 2026-01-15 00:00",
                                   "OVERDUE e5 at 2026-01-15 00:00"));
  EXPECT_EQ(watch->After(kQuiet).size(), 7u);
  for (size_t i = 1; i < events.size(); ++i) EXPECT_GT(events[i].cursor(), events[i - 1].cursor());
  const int64_t last = events.back().cursor();
  watch.reset();

  // A watcher left open does not keep the server from stopping; it sees the stream end.
  auto abandoned = Watch(last);
  Restart();
  grpc::Status closed;
  EXPECT_TRUE(abandoned->Ended(absl::Seconds(5), &closed));
  EXPECT_FALSE(closed.ok());

  // Resumed after the last cursor: nothing repeated.
  watch = Watch(last);
  EXPECT_THAT(watch->After(kQuiet), IsEmpty());
  // e2's timers, kept across the restart, fire once each.
  SetNow(2026, 1, 16, 17, 1);
  EXPECT_THAT(Lines(watch->WaitFor(1)), ElementsAre("NEAR_DUE e2 at 2026-01-16 17:00"));
  SetNow(2026, 1, 20, 0, 1);
  EXPECT_THAT(Lines(watch->WaitFor(2)),
              ElementsAre("NEAR_DUE e2 at 2026-01-16 17:00", "OVERDUE e2 at 2026-01-20 00:00"));
  events = watch->After(kQuiet);
  ASSERT_EQ(events.size(), 2u);
  EXPECT_GT(events[0].cursor(), last);

  // The log keeps everything, and the filters select by unit (a province: its communes) and kind.
  EXPECT_EQ(Kept(9).size(), 9u);
  EXPECT_THAT(Kept(3, kPhucLoi), UnorderedElementsAre("NEAR_DUE e1 at 2026-01-13 17:00",
                                                      "NEAR_DUE e3 at 2026-01-13 17:00",
                                                      "OVERDUE e1 at 2026-01-15 00:00"));
  EXPECT_EQ(Kept(5, kHanoi).size(), 5u);  // e1, e3 and e2
  EXPECT_THAT(Kept(2, "22"), ElementsAre("NEAR_DUE e4 at 2026-01-13 17:00", "OVERDUE e4 at 2026-01-15 00:00"));
  EXPECT_THAT(Kept(2, "", PARTY_OBLIGATION),
              ElementsAre("NEAR_DUE e5 at 2026-01-13 17:00", "OVERDUE e5 at 2026-01-15 00:00"));
  auto filtered = Watch(0, kVietHungQuangNinh);
  EXPECT_EQ(filtered->After(kQuiet).size(), 2u);
}

TEST_F(DossierEventsTest, TimersFollowTheDueDate) {
  // Both due Monday 19/1/2026 17:00 (5 working days from Monday 12/1). On Thursday 15/1 09:00 one
  // gets a new date, Wednesday 21/1: near due Tuesday 20/1 17:00, overdue Thursday 22/1 00:00. The
  // other waits for the citizen from then until Tuesday 20/1 09:30: 15/1 09:00–17:00 (6 h), 16/1 and
  // 19/1 (16 h), 20/1 07:00–09:30 (2.5 h) = 24.5 office hours move 19/1 17:00 to 23/1 07:30, rounded
  // to Friday 23/1 17:00: near due Thursday 22/1 17:00, overdue Saturday 24/1 00:00. No event fires
  // while it waits.
  SetNow(2026, 1, 12, 9, 0);
  MustCreate("hen-lai", kPhucLoi, 5);
  MustCreate("tam-dung", kPhucLoi, 5);
  SetNow(2026, 1, 15, 9, 0);
  RescheduleRequest reschedule;
  reschedule.set_id("hen-lai");
  *reschedule.mutable_new_due_date() = D(2026, 1, 21);
  reschedule.set_reason("Chờ xác minh");
  Dossier rescheduled;
  ASSERT_TRUE(Call(&Deadlines::Stub::Reschedule, reschedule, &rescheduled).ok());
  MustRequestSupplement("tam-dung");

  // Each move of a running dossier's due instant is an event of its own, standing for the move.
  auto watch = Watch(0);
  std::vector<DeadlineEvent> events = watch->WaitFor(1);
  EXPECT_THAT(Lines(events), ElementsAre("DUE_CHANGED hen-lai at 2026-01-15 09:00"));
  ASSERT_FALSE(events.empty());
  EXPECT_EQ(Local(events[0].due_at()), "2026-01-21 17:00");
  SetNow(2026, 1, 16, 17, 1);
  EXPECT_EQ(watch->After(kQuiet).size(), 1u);
  SetNow(2026, 1, 20, 0, 1);
  EXPECT_EQ(watch->After(kQuiet).size(), 1u);
  SetNow(2026, 1, 20, 9, 30);
  EXPECT_EQ(Local(MustResume("tam-dung").due_at()), "2026-01-23 17:00");
  events = watch->WaitFor(2);
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(Line(events[1]), "DUE_CHANGED tam-dung at 2026-01-20 09:30");
  EXPECT_EQ(Local(events[1].due_at()), "2026-01-23 17:00");
  SetNow(2026, 1, 20, 17, 1);
  events = watch->WaitFor(3);
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(Line(events[2]), "NEAR_DUE hen-lai at 2026-01-20 17:00");
  EXPECT_EQ(Local(events[2].due_at()), "2026-01-21 17:00");
  SetNow(2026, 1, 22, 0, 1);
  watch->WaitFor(4);
  SetNow(2026, 1, 22, 17, 1);
  watch->WaitFor(5);
  SetNow(2026, 1, 24, 0, 1);
  watch->WaitFor(6);
  EXPECT_THAT(Lines(watch->After(kQuiet)),
              ElementsAre("DUE_CHANGED hen-lai at 2026-01-15 09:00", "DUE_CHANGED tam-dung at 2026-01-20 09:30",
                          "NEAR_DUE hen-lai at 2026-01-20 17:00", "OVERDUE hen-lai at 2026-01-22 00:00",
                          "NEAR_DUE tam-dung at 2026-01-22 17:00", "OVERDUE tam-dung at 2026-01-24 00:00"));
}

TEST_F(DossierEventsTest, ACalendarChangeThatMovesADueDateIsAnEvent) {
  // Monday 12/1/2026 10:00, 3 working days: 13, 14, 15/1 → due Thursday 15/1 17:00. A day off
  // declared for Wednesday 14/1 moves it to Friday 16/1 17:00. The finished one and the one that
  // waits for a supplement are not running: no event for them.
  SetNow(2026, 1, 12, 10, 0);
  MustCreate("mo", kPhucLoi, 3);
  MustCreate("xong", kPhucLoi, 3);
  MustCreate("cho", kPhucLoi, 3);
  MustTransition("xong", PROCESSED);
  MustRequestSupplement("cho");
  auto watch = Watch(0);
  SetNow(2026, 1, 12, 11, 0);
  UpsertCalendarDaysRequest day_off;
  day_off.set_calendar_id("VN");
  CalendarDay* day = day_off.add_days();
  *day->mutable_date() = D(2026, 1, 14);
  day->set_type(HOLIDAY);
  day->set_note("Nghỉ đột xuất");
  day_off.set_request_id("day-off-14-1");
  Calendar vn;
  ASSERT_TRUE(Call(&Deadlines::Stub::UpsertCalendarDays, day_off, &vn).ok());
  std::vector<DeadlineEvent> events = watch->WaitFor(1);
  EXPECT_THAT(Lines(events), ElementsAre("DUE_CHANGED mo at 2026-01-12 11:00"));
  ASSERT_FALSE(events.empty());
  EXPECT_EQ(Local(events[0].due_at()), "2026-01-16 17:00");
  EXPECT_EQ(watch->After(kQuiet).size(), 1u);
}

}  // namespace
}  // namespace haicap::deadlines::testing
