// Dossiers over real gRPC: a whole life on the real 2026 calendar, the 766 classification, online
// registrations and the statutory units.
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "tests/deadlines/deadlines_fixture.h"

namespace haicap::deadlines::testing {
namespace {

using ::testing::ElementsAre;

// One history entry as a line: what, by whom, when.
std::string Line(const DossierChange& change) {
  std::string line = DossierEventType_Name(change.type());
  if (change.type() == STATUS_CHANGED) {
    absl::StrAppend(&line, " ", DossierStatus_Name(change.from_status()), "→", DossierStatus_Name(change.to_status()));
  }
  absl::StrAppend(&line, " by ", change.actor(), " at ", Local(change.occurred_at()));
  return line;
}

std::vector<std::string> History(const Dossier& dossier) {
  std::vector<std::string> lines;
  for (const auto& change : dossier.history()) lines.push_back(Line(change));
  return lines;
}

using DossiersTest = DeadlinesTest;

TEST_F(DossiersTest, AWholeLifeFromReceiptToReturnedResult) {
  // Received Friday 9/1/2026 10:00 with 30 working days. Counting starts on the next working day,
  // the make-up Saturday 10/1 (day 1); 12–16/1 are days 2–6, 19–23/1 days 7–11, 26–30/1 days 12–16,
  // 2–6/2 days 17–21, 9–13/2 days 22–26; Tết (Saturday 14/2 – Sunday 22/2) is skipped; 23/2 is day
  // 27, 24/2 day 28, 25/2 day 29, Thursday 26/2 day 30. Due at its closing time, 17:00.
  SetNow(2026, 1, 9, 10, 0);
  actor_ = "motcua@phucloi";
  const Dossier created = MustCreate(NewDossier("H26.0001", kPhucLoi, 30));
  EXPECT_EQ(created.id(), "H26.0001");
  EXPECT_EQ(created.status(), RECEIVED);
  EXPECT_EQ(created.calendar_id(), "VN");
  EXPECT_EQ(Local(created.received_at()), "2026-01-09 10:00");
  EXPECT_EQ(Local(created.due_at()), "2026-02-26 17:00");
  EXPECT_FALSE(created.has_finished_at());
  EXPECT_EQ(created.outcome(), OUTCOME_UNSPECIFIED);
  EXPECT_FALSE(created.etag().empty());

  SetNow(2026, 1, 12, 8, 0);
  actor_ = "chuyenvien@phucloi";
  const Dossier processing = MustTransition("H26.0001", PROCESSING);
  EXPECT_EQ(processing.status(), PROCESSING);
  EXPECT_GT(processing.revision(), created.revision());
  EXPECT_NE(processing.etag(), created.etag());
  EXPECT_FALSE(processing.has_finished_at());
  EXPECT_EQ(processing.history_size(), 0);  // history only in GetDossier

  // Processed after the due instant but on the due date: on time, as 766 compares dates.
  SetNow(2026, 2, 26, 18, 30);
  const Dossier processed = MustTransition("H26.0001", PROCESSED);
  EXPECT_EQ(Local(processed.finished_at()), "2026-02-26 18:30");
  EXPECT_EQ(processed.outcome(), ON_TIME);

  // The result is returned the next day: processing had already ended, nothing is reclassified.
  SetNow(2026, 2, 27, 9, 0);
  actor_ = "motcua@phucloi";
  const Dossier returned = MustTransition("H26.0001", RESULT_RETURNED);
  EXPECT_EQ(returned.status(), RESULT_RETURNED);
  EXPECT_EQ(Local(returned.finished_at()), "2026-02-26 18:30");
  EXPECT_EQ(returned.outcome(), ON_TIME);
  EXPECT_EQ(Local(returned.last_event_at()), "2026-02-27 09:00");

  const Dossier read = MustGet("H26.0001");
  EXPECT_EQ(read.revision(), returned.revision());
  EXPECT_EQ(read.etag(), returned.etag());
  EXPECT_THAT(History(read), ElementsAre("CREATED by motcua@phucloi at 2026-01-09 10:00",
                                         "STATUS_CHANGED RECEIVED→PROCESSING by chuyenvien@phucloi at 2026-01-12 08:00",
                                         "STATUS_CHANGED PROCESSING→PROCESSED by chuyenvien@phucloi at 2026-02-26 18:30",
                                         "STATUS_CHANGED PROCESSED→RESULT_RETURNED by motcua@phucloi at 2026-02-27 09:00"));
  for (int i = 1; i < read.history_size(); ++i) EXPECT_GT(read.history(i).sequence(), read.history(i - 1).sequence());
  EXPECT_EQ(Local(read.history(3).recorded_at()), "2026-02-27 09:00");

  // Everything survives a restart.
  Restart();
  EXPECT_EQ(Snapshot("H26.0001"), read.SerializeAsString());
}

TEST_F(DossiersTest, TheOutcomeComparesTheDateProcessingEndedWithTheDueDate) {
  // Received Monday 12/1/2026 09:00 with 3 working days: 13, 14, 15/1 → due Thursday 15/1 17:00.
  struct End {
    const char* id;
    int day, hour, minute;  // of January 2026
    DossierStatus status;
    const char* reason;
    Outcome outcome;
  };
  const End ends[] = {
      {"early", 14, 16, 0, PROCESSED, "", EARLY},
      // Stopping ends processing too; 23:00 on the due date is still the due date.
      {"stopped-on-the-day", 15, 23, 0, STOPPED, "Hồ sơ không đủ điều kiện", ON_TIME},
      // Before opening time on the next day is already the next date.
      {"late", 16, 6, 30, PROCESSED, "", LATE},
      {"withdrawn-late", 16, 8, 0, WITHDRAWN, "Công dân rút hồ sơ", LATE},
  };
  SetNow(2026, 1, 12, 9, 0);
  for (const End& end : ends) EXPECT_EQ(Local(MustCreate(end.id, kPhucLoi, 3).due_at()), "2026-01-15 17:00");
  MustTransition("late", PROCESSING);
  for (const End& end : ends) {
    SetNow(2026, 1, end.day, end.hour, end.minute);
    const Dossier ended = MustTransition(end.id, end.status, end.reason);
    EXPECT_EQ(ended.outcome(), end.outcome) << end.id;
    EXPECT_EQ(ended.finished_at().seconds(), At(2026, 1, end.day, end.hour, end.minute).seconds()) << end.id;
  }
}

TEST_F(DossiersTest, AnOnlineRegistrationStartsTheClockWhenAccepted) {
  SetNow(2026, 1, 11, 20, 0);  // Sunday evening, on the national portal
  CreateDossierRequest online = NewDossier("online-1", kPhucLoi, 3, WORKING_DAYS, ONLINE);
  online.mutable_dossier()->set_status(NEW_REGISTERED);
  const Dossier registered = MustCreate(online);
  EXPECT_EQ(registered.status(), NEW_REGISTERED);
  EXPECT_FALSE(registered.has_received_at());
  EXPECT_FALSE(registered.has_due_at());
  online.mutable_dossier()->set_id("online-2");
  MustCreate(online);

  // Accepted Monday 12/1 09:00: the clock starts then; 3 working days 13, 14, 15/1.
  SetNow(2026, 1, 12, 9, 0);
  const Dossier accepted = MustTransition("online-1", RECEIVED);
  EXPECT_EQ(Local(accepted.received_at()), "2026-01-12 09:00");
  EXPECT_EQ(Local(accepted.due_at()), "2026-01-15 17:00");

  // Refused before receipt: never received, so processing never ended and nothing is classified.
  const Dossier refused = MustTransition("online-2", NOT_ACCEPTED, "Sai thành phần hồ sơ");
  EXPECT_EQ(refused.status(), NOT_ACCEPTED);
  EXPECT_FALSE(refused.has_finished_at());
  EXPECT_EQ(refused.outcome(), OUTCOME_UNSPECIFIED);
}

TEST_F(DossiersTest, DueDatesFollowTheStatutoryUnit) {
  // 4 working hours from Monday 12/1 10:00: 10:00–11:30 (1.5 h) and 13:30–16:00 (2.5 h).
  SetNow(2026, 1, 12, 10, 0);
  EXPECT_EQ(Local(MustCreate("hours", kPhucLoi, 4, WORKING_HOURS).due_at()), "2026-01-12 16:00");
  // After closing: treated as received on Tuesday 13/1 morning, so one working day is Wednesday 14/1.
  SetNow(2026, 1, 12, 17, 30);
  EXPECT_EQ(Local(MustCreate("after-closing", kPhucLoi, 1).due_at()), "2026-01-14 17:00");
  // 3 calendar days from Friday 13/2 is Monday 16/2, a Tết holiday: the next working day is 23/2.
  SetNow(2026, 2, 13, 10, 0);
  EXPECT_EQ(Local(MustCreate("calendar-days", kPhucLoi, 3, CALENDAR_DAYS).due_at()), "2026-02-23 17:00");
  // Received in the past (a postal dossier logged late): the clock started then.
  CreateDossierRequest postal = NewDossier("postal", kPhucLoi, 2, WORKING_DAYS, POSTAL);
  *postal.mutable_dossier()->mutable_received_at() = At(2026, 2, 11, 15, 0);
  const Dossier logged = MustCreate(postal);
  EXPECT_EQ(Local(logged.received_at()), "2026-02-11 15:00");
  EXPECT_EQ(Local(logged.due_at()), "2026-02-13 17:00");  // 12/2, 13/2
}

}  // namespace
}  // namespace haicap::deadlines::testing
