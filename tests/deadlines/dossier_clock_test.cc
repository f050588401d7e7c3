// What moves a dossier's due date, over real gRPC: the supplement pause (once, or forced and then
// late), the apology with a new date (once, early enough), back-dated events, calendar changes.
#include <string>

#include "tests/deadlines/deadlines_fixture.h"

namespace haicap::deadlines::testing {
namespace {

using ::testing::ElementsAre;

class DossierClockTest : public DeadlinesTest {
 protected:
  grpc::Status Reschedule(const std::string& id, const google::type::Date& date, const std::string& reason,
                          Dossier* out) {
    RescheduleRequest request;
    request.set_id(id);
    *request.mutable_new_due_date() = date;
    request.set_reason(reason);
    return Call(&Deadlines::Stub::Reschedule, request, out);
  }

  // A copy: callers pass temporaries.
  static DossierChange LastChange(const Dossier& d) { return d.history(d.history_size() - 1); }
};

TEST_F(DossierClockTest, ASupplementRequestPausesTheClockOnce) {
  // Monday 12/1/2026 09:00, 5 working days: 13, 14, 15, 16, 19/1 → due Monday 19/1 17:00.
  SetNow(2026, 1, 12, 9, 0);
  EXPECT_EQ(Local(MustCreate("khai-sinh", kPhucLoi, 5).due_at()), "2026-01-19 17:00");
  MustTransition("khai-sinh", PROCESSING);

  Dossier ignored;
  EXPECT_THAT(BadFields(Call(&Deadlines::Stub::RequestSupplement, SupplementOf("khai-sinh", ""), &ignored)),
              ElementsAre("reason"));
  ResumeProcessingRequest resume;
  resume.set_id("khai-sinh");
  ExpectPrecondition(Call(&Deadlines::Stub::ResumeProcessing, resume, &ignored), "NOT_WAITING_FOR_SUPPLEMENT");

  SetNow(2026, 1, 14, 10, 0);
  const Dossier paused = MustRequestSupplement("khai-sinh");
  EXPECT_EQ(paused.status(), SUPPLEMENT_REQUESTED);
  ASSERT_EQ(paused.supplements_size(), 1);
  EXPECT_EQ(Local(paused.supplements(0).requested_at()), "2026-01-14 10:00");
  EXPECT_FALSE(paused.supplements(0).has_resumed_at());
  EXPECT_FALSE(paused.supplements(0).forced());

  // Two working days later. Paused office time: 14/1 10:00–11:30 and 13:30–17:00 (5 h), 15/1 (8 h),
  // 16/1 07:00–10:30 (3.5 h) = 16.5 h. From 19/1 17:00 that is 20/1 (8 h), 21/1 (8 h) and 30 minutes
  // of 22/1; a days-based due instant is the closing time of its day: Thursday 22/1 17:00.
  SetNow(2026, 1, 16, 10, 30);
  const Dossier resumed = MustResume("khai-sinh");
  EXPECT_EQ(resumed.status(), PROCESSING);
  ASSERT_EQ(resumed.supplements_size(), 1);
  EXPECT_EQ(Local(resumed.supplements(0).resumed_at()), "2026-01-16 10:30");
  EXPECT_EQ(resumed.supplements(0).paused_working_seconds(), 16 * 3600 + 1800);
  EXPECT_EQ(Local(resumed.due_at()), "2026-01-22 17:00");
  const Dossier read = MustGet("khai-sinh");
  const DossierChange resumption = LastChange(read);
  EXPECT_EQ(resumption.type(), PROCESSING_RESUMED);
  EXPECT_EQ(Local(resumption.due_at_before()), "2026-01-19 17:00");
  EXPECT_EQ(Local(resumption.due_at_after()), "2026-01-22 17:00");
  EXPECT_EQ(read.history(read.history_size() - 2).type(), SUPPLEMENT_REQUESTED_EVENT);

  // Only one request per dossier; a second one needs `force` and a reason.
  SetNow(2026, 1, 19, 9, 0);
  const std::string before = Snapshot("khai-sinh");
  ExpectPrecondition(Call(&Deadlines::Stub::RequestSupplement, SupplementOf("khai-sinh", "Thiếu CCCD"), &ignored),
                     "SUPPLEMENT_ALREADY_REQUESTED");
  EXPECT_THAT(BadFields(Call(&Deadlines::Stub::RequestSupplement, SupplementOf("khai-sinh", "", true), &ignored)),
              ElementsAre("reason"));
  EXPECT_EQ(Snapshot("khai-sinh"), before);

  const Dossier forced = MustRequestSupplement("khai-sinh", /*force=*/true);
  ASSERT_EQ(forced.supplements_size(), 2);
  EXPECT_TRUE(forced.supplements(1).forced());
  SetNow(2026, 1, 19, 10, 0);
  MustResume("khai-sinh");
  // Finished days before its due date, yet late: more than one supplement request (766).
  SetNow(2026, 1, 19, 11, 0);
  const Dossier finished = MustTransition("khai-sinh", PROCESSED);
  EXPECT_LT(finished.finished_at().seconds(), finished.due_at().seconds());
  EXPECT_EQ(finished.outcome(), LATE);
}

TEST_F(DossierClockTest, EndingWhileWaitingForTheCitizenExcludesTheWait) {
  // Due Monday 19/1/2026 17:00 (5 working days from Monday 12/1); paused on Wednesday 14/1 10:00, well
  // within time. The citizen never supplements and the office stops on Monday 26/1: the clock has
  // stood still since 14/1, so the dossier is not late (docs/domain.md §4: supplement time is excluded).
  SetNow(2026, 1, 12, 9, 0);
  MustCreate("khong-bo-sung", kPhucLoi, 5);
  SetNow(2026, 1, 14, 10, 0);
  MustRequestSupplement("khong-bo-sung");
  SetNow(2026, 1, 26, 10, 0);
  const Dossier stopped = MustTransition("khong-bo-sung", STOPPED, "Công dân không bổ sung hồ sơ");
  EXPECT_EQ(Local(stopped.finished_at()), "2026-01-26 10:00");
  EXPECT_EQ(stopped.outcome(), EARLY) << "due " << Local(stopped.due_at());
}

TEST_F(DossierClockTest, AnHoursBasedDossierMovesByExactlyThePausedOfficeTime) {
  // 16 working hours from Monday 12/1/2026 08:00: 08:00–11:30 and 13:30–17:00 (7 h), Tuesday 13/1
  // (8 h) and one hour of Wednesday 14/1 → due 14/1 08:00.
  SetNow(2026, 1, 12, 8, 0);
  EXPECT_EQ(Local(MustCreate("gio", kPhucLoi, 16, WORKING_HOURS).due_at()), "2026-01-14 08:00");
  // Paused 10:00–14:00, recorded later: 10:00–11:30 and 13:30–14:00 are 2 office hours (the lunch
  // break does not count) → due 14/1 10:00, not rounded to the closing time.
  SetNow(2026, 1, 12, 15, 0);
  RequestSupplementRequest request = SupplementOf("gio", "Thiếu tờ khai");
  *request.mutable_occurred_at() = At(2026, 1, 12, 10, 0);
  Dossier paused;
  ASSERT_TRUE(Call(&Deadlines::Stub::RequestSupplement, request, &paused).ok());
  ResumeProcessingRequest resume;
  resume.set_id("gio");
  *resume.mutable_occurred_at() = At(2026, 1, 12, 9, 0);  // before the request
  Dossier resumed;
  EXPECT_THAT(BadFields(Call(&Deadlines::Stub::ResumeProcessing, resume, &resumed)), ElementsAre("occurred_at"));
  *resume.mutable_occurred_at() = At(2026, 1, 12, 14, 0);
  ASSERT_TRUE(Call(&Deadlines::Stub::ResumeProcessing, resume, &resumed).ok());
  EXPECT_EQ(resumed.supplements(0).paused_working_seconds(), 2 * 3600);
  EXPECT_EQ(Local(resumed.due_at()), "2026-01-14 10:00");
}

TEST_F(DossierClockTest, ANewDateIsIssuedOnceWithAReasonAndEarlyEnough) {
  // Both due Monday 19/1/2026 17:00 (5 working days from Monday 12/1).
  SetNow(2026, 1, 12, 9, 0);
  MustCreate("hen-lai", kVietHung, 5);
  MustCreate("qua-muon", kVietHung, 5);

  SetNow(2026, 1, 15, 10, 0);
  const std::string before = Snapshot("hen-lai");
  Dossier ignored;
  EXPECT_THAT(BadFields(Reschedule("hen-lai", D(2026, 1, 21), "", &ignored)), ElementsAre("reason"));
  EXPECT_THAT(BadFields(Reschedule("hen-lai", D(2026, 1, 19), "Chờ xác minh", &ignored)),
              ElementsAre("new_due_date"));  // not later
  EXPECT_THAT(BadFields(Reschedule("hen-lai", D(2026, 1, 16), "Chờ xác minh", &ignored)),
              ElementsAre("new_due_date"));  // earlier
  EXPECT_THAT(BadFields(Reschedule("hen-lai", D(2026, 1, 24), "Chờ xác minh", &ignored)),
              ElementsAre("new_due_date"));  // a Saturday
  EXPECT_EQ(Snapshot("hen-lai"), before);

  // Friday 16/1 is a working day before Monday's due date: in time.
  SetNow(2026, 1, 16, 10, 0);
  Dossier rescheduled;
  ASSERT_TRUE(Reschedule("hen-lai", D(2026, 1, 21), "Chờ xác minh của Công an phường", &rescheduled).ok());
  EXPECT_EQ(Local(rescheduled.due_at()), "2026-01-21 17:00");
  EXPECT_EQ(Local(rescheduled.reschedule().issued_at()), "2026-01-16 10:00");
  EXPECT_EQ(Local(rescheduled.reschedule().previous_due_at()), "2026-01-19 17:00");
  EXPECT_EQ(Local(rescheduled.reschedule().new_due_at()), "2026-01-21 17:00");
  EXPECT_EQ(rescheduled.reschedule().reason(), "Chờ xác minh của Công an phường");
  const DossierChange change = LastChange(MustGet("hen-lai"));
  EXPECT_EQ(change.type(), RESCHEDULED);
  EXPECT_EQ(Local(change.due_at_before()), "2026-01-19 17:00");
  EXPECT_EQ(Local(change.due_at_after()), "2026-01-21 17:00");

  // The new date may be set only once.
  SetNow(2026, 1, 16, 11, 0);
  const std::string after = Snapshot("hen-lai");
  ExpectPrecondition(Reschedule("hen-lai", D(2026, 1, 23), "Vẫn chờ xác minh", &ignored), "ALREADY_RESCHEDULED");
  EXPECT_EQ(Snapshot("hen-lai"), after);

  // On the due date itself it is too late for the apology.
  SetNow(2026, 1, 19, 9, 0);
  const std::string late_before = Snapshot("qua-muon");
  ExpectPrecondition(Reschedule("qua-muon", D(2026, 1, 21), "Chờ xác minh", &ignored), "TOO_LATE_TO_RESCHEDULE");
  EXPECT_EQ(Snapshot("qua-muon"), late_before);

  // Finished on the new date: on time, where the first date would have made it late.
  SetNow(2026, 1, 21, 15, 0);
  EXPECT_EQ(MustTransition("hen-lai", PROCESSED).outcome(), ON_TIME);
  EXPECT_EQ(MustTransition("qua-muon", PROCESSED).outcome(), LATE);
}

TEST_F(DossierClockTest, EventsMayBeBackDatedButNotReordered) {
  // Monday 12/1/2026 09:00, 5 working days → due Monday 19/1 17:00.
  SetNow(2026, 1, 12, 9, 0);
  const Dossier created = MustCreate("ghi-bu", kPhucLoi, 5);
  const std::string untouched = Snapshot("ghi-bu");

  Dossier ignored;
  TransitionDossierRequest future = TransitionTo("ghi-bu", PROCESSING);
  *future.mutable_occurred_at() = At(2026, 1, 12, 10, 0);
  EXPECT_THAT(BadFields(Call(&Deadlines::Stub::TransitionDossier, future, &ignored)), ElementsAre("occurred_at"));
  RequestSupplementRequest future_supplement = SupplementOf("ghi-bu", "Thiếu tờ khai");
  *future_supplement.mutable_occurred_at() = At(2026, 1, 12, 10, 0);
  EXPECT_THAT(BadFields(Call(&Deadlines::Stub::RequestSupplement, future_supplement, &ignored)),
              ElementsAre("occurred_at"));
  TransitionDossierRequest stale = TransitionTo("ghi-bu", PROCESSING);
  stale.set_etag("not-the-etag");
  const grpc::Status aborted = Call(&Deadlines::Stub::TransitionDossier, stale, &ignored);
  EXPECT_EQ(aborted.error_code(), grpc::StatusCode::ABORTED);
  EXPECT_EQ(Reason(aborted), "ETAG_MISMATCH");
  EXPECT_EQ(Snapshot("ghi-bu"), untouched);

  // The clerk records on Tuesday 20/1 what happened last week.
  SetNow(2026, 1, 20, 12, 0);
  TransitionDossierRequest started = TransitionTo("ghi-bu", PROCESSING);
  *started.mutable_occurred_at() = At(2026, 1, 13, 8, 0);
  started.set_etag(created.etag());
  Dossier processing;
  ASSERT_TRUE(Call(&Deadlines::Stub::TransitionDossier, started, &processing).ok());
  EXPECT_EQ(Local(processing.last_event_at()), "2026-01-13 08:00");

  const std::string before = Snapshot("ghi-bu");
  TransitionDossierRequest reordered = TransitionTo("ghi-bu", PROCESSED);
  *reordered.mutable_occurred_at() = At(2026, 1, 12, 10, 0);  // before the previous event
  EXPECT_THAT(BadFields(Call(&Deadlines::Stub::TransitionDossier, reordered, &ignored)), ElementsAre("occurred_at"));
  EXPECT_EQ(Snapshot("ghi-bu"), before);

  // Processed on Friday 16/1: early, although recorded after the due date.
  TransitionDossierRequest finished = reordered;
  *finished.mutable_occurred_at() = At(2026, 1, 16, 15, 0);
  Dossier processed;
  ASSERT_TRUE(Call(&Deadlines::Stub::TransitionDossier, finished, &processed).ok());
  EXPECT_EQ(Local(processed.finished_at()), "2026-01-16 15:00");
  EXPECT_EQ(processed.outcome(), EARLY);
  const DossierChange change = LastChange(MustGet("ghi-bu"));
  EXPECT_EQ(Local(change.occurred_at()), "2026-01-16 15:00");
  EXPECT_EQ(Local(change.recorded_at()), "2026-01-20 12:00");
}

TEST_F(DossierClockTest, ACalendarChangeMovesTheDueDatesOfOpenDossiers) {
  MustCreateHanoiCalendar();

  // Monday 2/11/2026 09:00, 5 working days: 3, 4, 5, 6, 9/11 → due Monday 9/11 17:00.
  SetNow(2026, 11, 2, 9, 0);
  MustCreate("open", kPhucLoi, 5);
  MustCreate("finished", kPhucLoi, 5);
  MustCreate("due-before-the-change", kPhucLoi, 1);  // due Tuesday 3/11
  CreateDossierRequest on_hanoi = NewDossier("on-hanoi-calendar", kPhucLoi, 5);
  on_hanoi.mutable_dossier()->set_calendar_id("VN-01");
  EXPECT_EQ(Local(MustCreate(on_hanoi).due_at()), "2026-11-09 17:00");
  SetNow(2026, 11, 4, 10, 0);
  EXPECT_EQ(MustTransition("finished", PROCESSED).outcome(), EARLY);
  const std::string finished_before = Snapshot("finished");
  const std::string earlier_before = Snapshot("due-before-the-change");

  // Thursday 5/11 becomes a holiday: 3, 4, 6, 9, 10/11 → due Tuesday 10/11, also on Hà Nội's calendar
  // layered on "VN".
  UpsertCalendarDaysRequest holiday;
  holiday.set_calendar_id("VN");
  auto* day = holiday.add_days();
  *day->mutable_date() = D(2026, 11, 5);
  day->set_type(HOLIDAY);
  day->set_note("Ngày lễ bổ sung");
  Calendar vn;
  ASSERT_TRUE(Call(&Deadlines::Stub::UpsertCalendarDays, holiday, &vn).ok());
  const Dossier moved = MustGet("open");
  EXPECT_EQ(Local(moved.due_at()), "2026-11-10 17:00");
  const DossierChange change = LastChange(moved);
  EXPECT_EQ(change.type(), DUE_DATE_RECOMPUTED);
  EXPECT_EQ(Local(change.due_at_before()), "2026-11-09 17:00");
  EXPECT_EQ(Local(change.due_at_after()), "2026-11-10 17:00");
  EXPECT_EQ(Local(MustGet("on-hanoi-calendar").due_at()), "2026-11-10 17:00");
  // A finished dossier keeps its date and classification; a change after the due date moves nothing.
  EXPECT_EQ(Snapshot("finished"), finished_before);
  EXPECT_EQ(Snapshot("due-before-the-change"), earlier_before);

  // Hà Nội works Saturday 7/11: 3, 4, 6, 7, 9/11 on its calendar; the national one is untouched.
  UpsertCalendarDaysRequest makeup;
  makeup.set_calendar_id("VN-01");
  day = makeup.add_days();
  *day->mutable_date() = D(2026, 11, 7);
  day->set_type(MAKEUP_WORKDAY);
  const std::string open_before = Snapshot("open");
  Calendar hanoi;
  ASSERT_TRUE(Call(&Deadlines::Stub::UpsertCalendarDays, makeup, &hanoi).ok());
  EXPECT_EQ(Local(MustGet("on-hanoi-calendar").due_at()), "2026-11-09 17:00");
  EXPECT_EQ(Snapshot("open"), open_before);

  // The holiday is withdrawn: back to Monday 9/11.
  UpsertCalendarDaysRequest removal;
  removal.set_calendar_id("VN");
  *removal.add_remove_dates() = D(2026, 11, 5);
  ASSERT_TRUE(Call(&Deadlines::Stub::UpsertCalendarDays, removal, &vn).ok());
  const Dossier back = MustGet("open");
  EXPECT_EQ(Local(back.due_at()), "2026-11-09 17:00");
  EXPECT_EQ(LastChange(back).type(), DUE_DATE_RECOMPUTED);
  EXPECT_EQ(back.history_size(), moved.history_size() + 1);
}

}  // namespace
}  // namespace haicap::deadlines::testing
