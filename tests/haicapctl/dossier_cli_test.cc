// Runs the real haicapctl command line in process against the fake deadlines service for the
// dossier commands, `report` and `watch`: what reaches the service (ids, durations, statuses,
// instants, etags, request ids, filters, cursors) and what the user sees (due dates in Vietnam
// time, statuses with their portal numbers, history, the 766 table, CSV, JSON lines, the resume
// hint, exit codes).
#include <csignal>
#include <sstream>
#include <thread>
#include <vector>

#include "common/errors.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/haicapctl/fake_deadlines.h"
#include "tools/haicapctl/core/args.h"

namespace haicap::ctl {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::MatchesRegex;
using ::testing::Not;

// Vietnam-time instants used below.
constexpr int64_t k13Feb10h = 1770951600;  // 2026-02-13 10:00, Friday (FakeDeadlines::kNow)
constexpr int64_t k27Feb17h = 1772186400;  // 2026-02-27 17:00, Friday
constexpr int64_t k20Feb09h = 1771552800;
constexpr int64_t k24Feb14h = 1771916400;
constexpr int64_t k05Mar08h = 1772672400;
constexpr int64_t k09Mar17h = 1773050400;  // Monday
constexpr int64_t k12Mar16h = 1773306000;  // Thursday
constexpr int64_t k13Mar17h = 1773396000;  // Friday

google::protobuf::Timestamp At(int64_t seconds) {
  google::protobuf::Timestamp at;
  at.set_seconds(seconds);
  return at;
}

// A dossier received on 13 Feb 2026 at 10:00 with 10 working days, due 27 Feb at 17:00.
deadlines::Dossier Received(std::string id, std::string unit, deadlines::DossierStatus status) {
  deadlines::Dossier dossier;
  dossier.set_id(std::move(id));
  dossier.set_kind(deadlines::ADMIN_PROCEDURE);
  dossier.set_unit_code(std::move(unit));
  dossier.set_procedure_code("1.001612");
  dossier.set_channel(deadlines::DIRECT);
  *dossier.mutable_received_at() = At(k13Feb10h);
  dossier.mutable_duration()->set_amount(10);
  dossier.mutable_duration()->set_unit(deadlines::WORKING_DAYS);
  dossier.set_calendar_id("VN");
  *dossier.mutable_due_at() = At(k27Feb17h);
  dossier.set_status(status);
  dossier.set_revision(3);
  dossier.set_etag("r3");
  return dossier;
}

// The fields every change of dossier DS-000000000042 sends, with a generated request id.
template <typename Request>
void ExpectChangeOf42(const Request& request, int64_t occurred_at, const std::string& etag) {
  EXPECT_EQ(request.id(), "DS-000000000042");
  EXPECT_EQ(request.occurred_at().seconds(), occurred_at);
  EXPECT_EQ(request.etag(), etag);
  EXPECT_THAT(request.request_id(), MatchesRegex("[0-9a-f-]{36}"));
}

class DossierCliTest : public DeadlinesCliTest {
 protected:
  void SetUp() override {
    DeadlinesCliTest::SetUp();
    deadlines::ComputeDueDateResponse due;
    *due.mutable_due_at() = At(k27Feb17h);
    fake_.SetDueDate(due);
  }
};

TEST_F(DossierCliTest, ReceiveSendsEveryFieldAndPrintsIdDueAndStatus) {
  ASSERT_EQ(Run({"dossier", "receive", "00136", "10wd", "--kind", "admin", "--procedure",
                 "1.001612", "--channel", "online", "--subject", "Đăng ký khai sinh",
                 "--received-at", "13/02/2026 10:00", "--calendar", "VN-01", "--id",
                 "G22.26-0001", "--request-id", "rq-1"}),
            0)
      << err_.str();
  const auto request = fake_.last<deadlines::CreateDossierRequest>();
  const deadlines::Dossier& sent = request.dossier();
  EXPECT_EQ(sent.id(), "G22.26-0001");
  EXPECT_EQ(sent.unit_code(), "00136");
  EXPECT_EQ(sent.kind(), deadlines::ADMIN_PROCEDURE);
  EXPECT_EQ(sent.procedure_code(), "1.001612");
  EXPECT_EQ(sent.channel(), deadlines::ONLINE);
  EXPECT_EQ(sent.subject(), "Đăng ký khai sinh");
  EXPECT_EQ(sent.received_at().seconds(), k13Feb10h);
  EXPECT_EQ(sent.duration().amount(), 10);
  EXPECT_EQ(sent.duration().unit(), deadlines::WORKING_DAYS);
  EXPECT_EQ(sent.calendar_id(), "VN-01");
  EXPECT_EQ(sent.status(), deadlines::DOSSIER_STATUS_UNSPECIFIED);  // RECEIVED by default
  EXPECT_EQ(request.request_id(), "rq-1");
  EXPECT_EQ(fake_.seen().back().actor, "clerk.phucloi");
  EXPECT_EQ(out_.str(),
            "Dossier:   G22.26-0001\n"
            "Status:    2 received (được tiếp nhận)\n"
            "Due:       2026-02-27 17:00 (Thứ Sáu, Friday)\n"
            "Revision:  1 (etag r1)\n");
}

TEST_F(DossierCliTest, ReceiveDefaultsLeaveTheReceiptAndIdToTheService) {
  ASSERT_EQ(Run({"dossier", "receive", "104", "30 WD", "--kind", "party"}), 0) << err_.str();
  const auto request = fake_.last<deadlines::CreateDossierRequest>();
  EXPECT_EQ(request.dossier().kind(), deadlines::PARTY_OBLIGATION);
  EXPECT_EQ(request.dossier().duration().amount(), 30);
  EXPECT_EQ(request.dossier().calendar_id(), "VN");
  EXPECT_TRUE(request.dossier().id().empty());
  EXPECT_FALSE(request.dossier().has_received_at());
  EXPECT_EQ(request.dossier().channel(), deadlines::CHANNEL_UNSPECIFIED);
  EXPECT_THAT(request.request_id(), MatchesRegex("[0-9a-f-]{36}"));
  EXPECT_THAT(out_.str(), HasSubstr("Dossier:   DS-000000000001\n"));

  ASSERT_EQ(Run({"dossier", "receive", "00136", "8wh"}), 0) << err_.str();
  EXPECT_EQ(fake_.last<deadlines::CreateDossierRequest>().dossier().kind(),
            deadlines::ADMIN_PROCEDURE);
  EXPECT_EQ(fake_.last<deadlines::CreateDossierRequest>().dossier().duration().unit(),
            deadlines::WORKING_HOURS);
}

TEST_F(DossierCliTest, ReceiveRegisteredOnlyHasNoClockYet) {
  ASSERT_EQ(Run({"dossier", "receive", "00136", "5wd", "--channel", "online", "--registered-only"}),
            0)
      << err_.str();
  EXPECT_EQ(fake_.last<deadlines::CreateDossierRequest>().dossier().status(),
            deadlines::NEW_REGISTERED);
  EXPECT_EQ(out_.str(),
            "Dossier:   DS-000000000001\n"
            "Status:    1 new-registered (mới đăng ký)\n"
            "Due:       not yet: the clock starts when the dossier is accepted (status 2 "
            "received)\n"
            "Revision:  1 (etag r1)\n");
}

// Returned early after one supplement request and a reschedule.
deadlines::Dossier Finished() {
  deadlines::Dossier dossier = Received("DS-000000000042", "00136", deadlines::RESULT_RETURNED);
  dossier.set_subject("Cấp giấy phép xây dựng");
  *dossier.mutable_due_at() = At(k13Mar17h);
  deadlines::SupplementRecord* supplement = dossier.add_supplements();
  *supplement->mutable_requested_at() = At(k20Feb09h);
  *supplement->mutable_resumed_at() = At(k24Feb14h);
  supplement->set_reason("thiếu bản sao giấy khai sinh");
  supplement->set_paused_working_seconds(9000);
  deadlines::RescheduleRecord* reschedule = dossier.mutable_reschedule();
  *reschedule->mutable_issued_at() = At(k05Mar08h);
  reschedule->set_reason("chờ ý kiến Sở Xây dựng");
  *reschedule->mutable_previous_due_at() = At(k09Mar17h);
  *reschedule->mutable_new_due_at() = At(k13Mar17h);
  *dossier.mutable_finished_at() = At(k12Mar16h);
  dossier.set_outcome(deadlines::EARLY);
  *dossier.mutable_last_event_at() = At(k12Mar16h);
  auto change = [&](deadlines::DossierEventType type, deadlines::DossierStatus from,
                    deadlines::DossierStatus to, int64_t occurred, std::string reason) {
    deadlines::DossierChange* entry = dossier.add_history();
    entry->set_sequence(dossier.history_size());
    entry->set_type(type);
    entry->set_from_status(from);
    entry->set_to_status(to);
    *entry->mutable_occurred_at() = At(occurred);
    entry->set_actor("clerk.phucloi");
    entry->set_reason(std::move(reason));
    return entry;
  };
  *change(deadlines::CREATED, deadlines::DOSSIER_STATUS_UNSPECIFIED, deadlines::RECEIVED,
          k13Feb10h, "")
       ->mutable_due_at_after() = At(k27Feb17h);
  change(deadlines::SUPPLEMENT_REQUESTED_EVENT, deadlines::RECEIVED,
         deadlines::SUPPLEMENT_REQUESTED, k20Feb09h, "thiếu bản sao giấy khai sinh");
  deadlines::DossierChange* rescheduled = change(deadlines::RESCHEDULED, deadlines::PROCESSING,
                                                 deadlines::PROCESSING, k05Mar08h, "chờ ý kiến");
  *rescheduled->mutable_due_at_before() = At(k09Mar17h);
  *rescheduled->mutable_due_at_after() = At(k13Mar17h);
  return dossier;
}

TEST_F(DossierCliTest, GetShowsTheFieldsSupplementsRescheduleOutcomeAndHistory) {
  fake_.AddDossier(Finished());
  ASSERT_EQ(Run({"dossier", "get", "DS-000000000042"}), 0) << err_.str();
  EXPECT_EQ(fake_.last<deadlines::GetDossierRequest>().id(), "DS-000000000042");
  EXPECT_EQ(out_.str(),
            "ID:          DS-000000000042\n"
            "Kind:        admin\n"
            "Subject:     Cấp giấy phép xây dựng\n"
            "Unit:        00136\n"
            "Procedure:   1.001612\n"
            "Channel:     direct\n"
            "Status:      10 result-returned (đã trả kết quả)\n"
            "Received:    2026-02-13 10:00 (Thứ Sáu, Friday)\n"
            "Duration:    10 working days\n"
            "Calendar:    VN\n"
            "Due:         2026-03-13 17:00 (Thứ Sáu, Friday)\n"
            "Finished:    2026-03-12 16:00 (Thứ Năm, Thursday)\n"
            "Outcome:     early (trước hạn)\n"
            "Last event:  2026-03-12 16:00\n"
            "Revision:    3 (etag r3)\n"
            "\n"
            "Supplement requests (yêu cầu bổ sung; the clock pauses, more than one counts as "
            "late):\n"
            "REQUESTED         RESUMED           PAUSED      FORCED  REASON\n"
            "2026-02-20 09:00  2026-02-24 14:00  2 h 30 min          thiếu bản sao giấy khai "
            "sinh\n"
            "\n"
            "Rescheduled (phiếu xin lỗi và hẹn lại):\n"
            "Issued:      2026-03-05 08:00 (Thứ Năm, Thursday)\n"
            "Due before:  2026-03-09 17:00 (Thứ Hai, Monday)\n"
            "New due:     2026-03-13 17:00 (Thứ Sáu, Friday)\n"
            "Reason:      chờ ý kiến Sở Xây dựng\n"
            "\n"
            "History:\n"
            "SEQ  OCCURRED          EVENT                 STATUS  DUE                          "
            "        ACTOR          REASON\n"
            "1    2026-02-13 10:00  created               2       2026-02-27 17:00             "
            "        clerk.phucloi\n"
            "2    2026-02-20 09:00  supplement requested  2 → 5                                "
            "        clerk.phucloi  thiếu bản sao giấy khai sinh\n"
            "3    2026-03-05 08:00  rescheduled           4 → 4   2026-03-09 17:00 → 2026-03-13 "
            "17:00  clerk.phucloi  chờ ý kiến\n");
}

TEST_F(DossierCliTest, GetAsJsonAndAnUnknownDossier) {
  fake_.AddDossier(Finished());
  ASSERT_EQ(Run({"dossier", "get", "DS-000000000042", "-o", "json"}), 0) << err_.str();
  EXPECT_THAT(out_.str(), HasSubstr("\"status\": \"RESULT_RETURNED\""));
  EXPECT_THAT(out_.str(), HasSubstr("\"etag\": \"r3\""));
  EXPECT_THAT(out_.str(), HasSubstr("\"pausedWorkingSeconds\": \"9000\""));

  EXPECT_EQ(Run({"dossier", "get", "DS-000000000099"}), 1);
  EXPECT_EQ(err_.str(),
            "error: NOT_FOUND (DOSSIER_NOT_FOUND): dossier DS-000000000099 does not exist\n");
}

TEST_F(DossierCliTest, ListSendsTheFiltersAndFollowsEveryPage) {
  fake_.AddDossier(Received("DS-000000000001", "00136", deadlines::RECEIVED));
  fake_.AddDossier(Received("DS-000000000002", "00136", deadlines::PROCESSING));
  fake_.AddDossier(Received("DS-000000000003", "00136", deadlines::RESULT_RETURNED));
  deadlines::Dossier finished = Finished();
  finished.set_id("DS-000000000004");
  fake_.AddDossier(finished);
  fake_.AddDossier(Received("DS-000000000005", "00139", deadlines::PROCESSING));
  ASSERT_EQ(Run({"dossier", "list", "--unit", "00136", "--kind", "admin", "--status",
                 "2,processing", "--status", "returned", "--page-size", "2", "--all"}),
            0)
      << err_.str();
  const auto request = fake_.last<deadlines::ListDossiersRequest>();
  EXPECT_EQ(request.unit_code(), "00136");
  EXPECT_EQ(request.kind(), deadlines::ADMIN_PROCEDURE);
  EXPECT_THAT(request.statuses(),
              ElementsAre(deadlines::RECEIVED, deadlines::PROCESSING, deadlines::RESULT_RETURNED));
  EXPECT_FALSE(request.overdue());
  EXPECT_FALSE(request.has_due_within_working_days());
  EXPECT_EQ(request.page_size(), 2);
  EXPECT_EQ(request.page_token(), "2");  // the second page was asked for
  EXPECT_EQ(out_.str(),
            "ID               UNIT   PROCEDURE  STATUS                               RECEIVED     "
            "     DUE               OUTCOME\n"
            "DS-000000000001  00136  1.001612   2 received (được tiếp nhận)          2026-02-13 "
            "10:00  2026-02-27 17:00\n"
            "DS-000000000002  00136  1.001612   4 processing (đang xử lý)            2026-02-13 "
            "10:00  2026-02-27 17:00\n"
            "DS-000000000003  00136  1.001612   10 result-returned (đã trả kết quả)  2026-02-13 "
            "10:00  2026-02-27 17:00\n"
            "DS-000000000004  00136  1.001612   10 result-returned (đã trả kết quả)  2026-02-13 "
            "10:00  2026-03-13 17:00  early (trước hạn)\n");
  EXPECT_THAT(err_.str(), IsEmpty());
}

TEST_F(DossierCliTest, ListOnePageSaysHowToGetTheNext) {
  for (const char* id : {"DS-000000000001", "DS-000000000002", "DS-000000000003"}) {
    fake_.AddDossier(Received(id, "00136", deadlines::PROCESSING));
  }
  ASSERT_EQ(Run({"dossier", "list", "--page-size", "2"}), 0) << err_.str();
  EXPECT_THAT(out_.str(), Not(HasSubstr("DS-000000000003")));
  EXPECT_EQ(err_.str(), "(more results: repeat with --page-token 2, or use --all)\n");
}

TEST_F(DossierCliTest, ListDueWindowsAndJson) {
  fake_.AddDossier(Received("DS-000000000001", "00136", deadlines::PROCESSING));
  // 0 (today) is a window too: it must be sent, not dropped as a default.
  ASSERT_EQ(Run({"dossier", "list", "--due-within", "0"}), 0) << err_.str();
  auto request = fake_.last<deadlines::ListDossiersRequest>();
  ASSERT_TRUE(request.has_due_within_working_days());
  EXPECT_EQ(request.due_within_working_days(), 0);
  EXPECT_FALSE(request.overdue());

  ASSERT_EQ(Run({"dossier", "list", "--overdue", "-o", "json"}), 0) << err_.str();
  request = fake_.last<deadlines::ListDossiersRequest>();
  EXPECT_TRUE(request.overdue());
  EXPECT_FALSE(request.has_due_within_working_days());
  EXPECT_THAT(out_.str(), HasSubstr("\"id\": \"DS-000000000001\""));
  EXPECT_THAT(out_.str(), HasSubstr("\"status\": \"PROCESSING\""));
}

TEST_F(DossierCliTest, SupplementAndResumeSendTheirFieldsAndMoveTheClock) {
  fake_.AddDossier(Received("DS-000000000042", "00136", deadlines::PROCESSING));
  ASSERT_EQ(Run({"dossier", "supplement", "DS-000000000042", "--reason",
                 "thiếu bản sao giấy khai sinh", "--at", "2026-02-20T09:00", "--etag", "r3"}),
            0)
      << err_.str();
  const auto supplement = fake_.last<deadlines::RequestSupplementRequest>();
  ExpectChangeOf42(supplement, k20Feb09h, "r3");
  EXPECT_EQ(supplement.reason(), "thiếu bản sao giấy khai sinh");
  EXPECT_FALSE(supplement.force());
  EXPECT_EQ(out_.str(),
            "Dossier:   DS-000000000042\n"
            "Status:    5 supplement-requested (yêu cầu bổ sung)\n"
            "Due:       2026-02-27 17:00 (Thứ Sáu, Friday)\n"
            "Revision:  4 (etag r4)\n");

  // Without --at the service takes the time it records the change.
  ASSERT_EQ(Run({"dossier", "resume", "DS-000000000042"}), 0) << err_.str();
  const auto resume = fake_.last<deadlines::ResumeProcessingRequest>();
  EXPECT_EQ(resume.id(), "DS-000000000042");
  EXPECT_FALSE(resume.has_occurred_at());
  EXPECT_TRUE(resume.etag().empty());
  EXPECT_THAT(resume.request_id(), MatchesRegex("[0-9a-f-]{36}"));
  EXPECT_NE(resume.request_id(), supplement.request_id());
  EXPECT_THAT(out_.str(), HasSubstr("Status:    4 processing (đang xử lý)\n"));
}

TEST_F(DossierCliTest, ASecondSupplementNeedsForce) {
  deadlines::Dossier dossier = Received("DS-000000000042", "00136", deadlines::PROCESSING);
  dossier.add_supplements()->set_reason("lần 1");
  fake_.AddDossier(dossier);
  EXPECT_EQ(Run({"dossier", "supplement", "DS-000000000042", "--reason", "lần 2"}), 1);
  EXPECT_THAT(err_.str(), HasSubstr("error: FAILED_PRECONDITION (SUPPLEMENT_ALREADY_REQUESTED)"));
  ASSERT_EQ(Run({"dossier", "supplement", "DS-000000000042", "--reason", "lần 2", "--force"}), 0)
      << err_.str();
  EXPECT_TRUE(fake_.last<deadlines::RequestSupplementRequest>().force());
}

TEST_F(DossierCliTest, RescheduleSendsTheNewDateAndReason) {
  fake_.AddDossier(Received("DS-000000000042", "00136", deadlines::PROCESSING));
  ASSERT_EQ(Run({"dossier", "reschedule", "DS-000000000042", "13/03/2026", "--reason",
                 "chờ ý kiến Sở Xây dựng", "--at", "05/03/2026 08:00", "--request-id", "rs-1"}),
            0)
      << err_.str();
  const auto request = fake_.last<deadlines::RescheduleRequest>();
  EXPECT_EQ(request.id(), "DS-000000000042");
  EXPECT_EQ(FormatDate(request.new_due_date()), "2026-03-13");
  EXPECT_EQ(request.reason(), "chờ ý kiến Sở Xây dựng");
  EXPECT_EQ(request.occurred_at().seconds(), k05Mar08h);
  EXPECT_EQ(request.request_id(), "rs-1");
  EXPECT_THAT(out_.str(), HasSubstr("Due:       2026-03-13 17:00 (Thứ Sáu, Friday)\n"));
  // The history tells who moved the date, from what to what.
  ASSERT_EQ(Run({"dossier", "get", "DS-000000000042"}), 0) << err_.str();
  EXPECT_THAT(out_.str(),
              MatchesRegex("(.|\n)*1 +2026-03-05 08:00 +rescheduled +4 → 4 +2026-02-27 17:00 → "
                           "2026-03-13 17:00 +clerk.phucloi +chờ ý kiến Sở Xây dựng\n"));
}

TEST_F(DossierCliTest, StatusTakesNumbersOrNamesAndShowsTheOutcome) {
  fake_.AddDossier(Received("DS-000000000042", "00136", deadlines::PROCESSING));
  ASSERT_EQ(Run({"dossier", "status", "DS-000000000042", "9", "--at", "26/02/2026 16:40", "--etag",
                 "r3"}),
            0)
      << err_.str();
  auto request = fake_.last<deadlines::TransitionDossierRequest>();
  ExpectChangeOf42(request, 1772098800, "r3");  // 2026-02-26 16:40
  EXPECT_EQ(request.status(), deadlines::PROCESSED);
  EXPECT_EQ(out_.str(),
            "Dossier:   DS-000000000042\n"
            "Status:    9 processed (đã xử lý xong)\n"
            "Due:       2026-02-27 17:00 (Thứ Sáu, Friday)\n"
            "Outcome:   early (trước hạn)\n"
            "Revision:  4 (etag r4)\n");

  ASSERT_EQ(Run({"dossier", "status", "DS-000000000042", "returned"}), 0) << err_.str();
  EXPECT_EQ(fake_.last<deadlines::TransitionDossierRequest>().status(),
            deadlines::RESULT_RETURNED);
  ASSERT_EQ(Run({"dossier", "status", "DS-000000000042", "Not_Accepted", "--reason", "sai thẩm "
                 "quyền"}),
            0)
      << err_.str();
  request = fake_.last<deadlines::TransitionDossierRequest>();
  EXPECT_EQ(request.status(), deadlines::NOT_ACCEPTED);
  EXPECT_EQ(request.reason(), "sai thẩm quyền");
}

TEST_F(DossierCliTest, AStaleEtagIsRefused) {
  fake_.AddDossier(Received("DS-000000000042", "00136", deadlines::PROCESSING));
  EXPECT_EQ(Run({"dossier", "status", "DS-000000000042", "processed", "--etag", "r1"}), 1);
  EXPECT_EQ(err_.str(),
            "error: ABORTED (ETAG_MISMATCH): dossier DS-000000000042 changed since it was read\n");
  EXPECT_EQ(fake_.dossier("DS-000000000042").status(), deadlines::PROCESSING);
}

TEST_F(DossierCliTest, AChangeWithoutAnAnswerTellsHowToRetrySafely) {
  fake_.AddDossier(Received("DS-000000000042", "00136", deadlines::PROCESSING));
  fake_.SetDelay(std::chrono::milliseconds(1500));
  EXPECT_EQ(Run({"--timeout", "0.2", "dossier", "resume", "DS-000000000042", "--request-id",
                 "rz-7"}),
            1);
  EXPECT_THAT(err_.str(), HasSubstr("repeat the same command with --request-id rz-7\n"));
}

TEST_F(DossierCliTest, UsageErrorsExitTwoBeforeAnyCall) {
  EXPECT_EQ(Run({"dossier", "receive", "00136", "10 weeks"}), 2);
  EXPECT_THAT(err_.str(), HasSubstr("\"10 weeks\" is not a duration"));
  EXPECT_THAT(err_.str(), HasSubstr("Run 'haicapctl dossier receive --help'"));
  EXPECT_EQ(Run({"dossier", "receive", "00136", "10wd", "--kind", "citizen"}), 2);
  EXPECT_THAT(err_.str(), HasSubstr("unknown dossier kind \"citizen\""));
  EXPECT_EQ(Run({"dossier", "receive", "00136", "10wd", "--channel", "fax"}), 2);
  EXPECT_EQ(Run({"dossier", "receive", "00136", "10wd", "--received-at", "13/02/2026 25:00"}), 2);
  EXPECT_THAT(err_.str(), HasSubstr("\"25:00\" is not a time of day"));
  EXPECT_EQ(Run({"dossier", "receive", "00136", "10wd", "--registered-only", "--received-at",
                 "now"}),
            2);
  EXPECT_EQ(Run({"dossier", "receive", "00136"}), 2);
  EXPECT_EQ(Run({"dossier", "status", "DS-1", "11"}), 2);
  EXPECT_THAT(err_.str(), HasSubstr("no dossier status has the number 11; they are 1 to 10"));
  EXPECT_EQ(Run({"dossier", "status", "DS-1", "finished"}), 2);
  EXPECT_THAT(err_.str(), HasSubstr("unknown dossier status \"finished\"; use one of "
                                    "new-registered, received,"));
  EXPECT_THAT(err_.str(), HasSubstr(", or a number 1–10"));
  EXPECT_EQ(Run({"dossier", "status", "DS-1", "5"}), 2);
  EXPECT_THAT(err_.str(), HasSubstr("ask for a supplement with 'haicapctl dossier supplement"));
  EXPECT_EQ(Run({"dossier", "supplement", "DS-1"}), 2);  // no --reason
  EXPECT_EQ(Run({"dossier", "supplement", "DS-1", "--reason", "x", "--at", "yesterday"}), 2);
  EXPECT_EQ(Run({"dossier", "reschedule", "DS-1", "31/02/2026", "--reason", "x"}), 2);
  EXPECT_EQ(Run({"dossier", "reschedule", "DS-1", "13/03/2026"}), 2);  // no --reason
  EXPECT_EQ(Run({"dossier", "list", "--overdue", "--due-within", "1"}), 2);
  EXPECT_EQ(Run({"dossier", "list", "--status", "2,x"}), 2);
  EXPECT_EQ(Run({"dossier", "list", "--due-within", "-1"}), 2);
  EXPECT_EQ(Run({"dossier", "list", "-o", "csv"}), 2);
  EXPECT_THAT(err_.str(), HasSubstr("csv is only for 'haicapctl report'"));
  EXPECT_EQ(Run({"dossier", "status", "DS-1", "processed", "-o", "csv"}), 2);
  EXPECT_EQ(Run({"report", "--from", "31/02/2026"}), 2);
  EXPECT_EQ(Run({"report", "--kind", "all"}), 2);
  EXPECT_EQ(Run({"watch", "--after", "-5"}), 2);
  EXPECT_EQ(Run({"watch", "--kind", "x"}), 2);
  EXPECT_EQ(Run({"dossier"}), 2);
  EXPECT_TRUE(fake_.seen().empty());
}

deadlines::Statistics FirstQuarter() {
  deadlines::Statistics stats;
  stats.set_carried_over(3);
  stats.set_received_direct(12);
  stats.set_received_online(7);
  stats.set_received_postal(1);
  stats.set_received_total(20);
  stats.set_finished_early(9);
  stats.set_finished_on_time(4);
  stats.set_finished_late(2);
  stats.set_finished_total(15);
  stats.set_in_progress_within_time(6);
  stats.set_in_progress_overdue(1);
  stats.set_waiting_supplement(1);
  stats.set_on_time_rate_percent(13.0 / 15.0 * 100);
  return stats;
}

TEST_F(DossierCliTest, ReportSendsUnitKindAndPeriodAndPrintsThe766Table) {
  fake_.SetStatistics(FirstQuarter());
  ASSERT_EQ(Run({"report", "--unit", "00136", "--kind", "admin", "--from", "01/01/2026", "--to",
                 "2026-03-31"}),
            0)
      << err_.str();
  const auto request = fake_.last<deadlines::GetStatisticsRequest>();
  EXPECT_EQ(request.unit_code(), "00136");
  EXPECT_EQ(request.kind(), deadlines::ADMIN_PROCEDURE);
  EXPECT_EQ(FormatDate(request.from_date()), "2026-01-01");
  EXPECT_EQ(FormatDate(request.to_date()), "2026-03-31");
  EXPECT_EQ(out_.str(),
            "Unit:    00136\n"
            "Kind:    admin\n"
            "Period:  2026-01-01 to 2026-03-31, both included\n"
            "\n"
            "FIGURE                                  VALUE\n"
            "Carried over (tồn kỳ trước)             3\n"
            "Received (tiếp nhận)                    20\n"
            "  direct (trực tiếp)                    12\n"
            "  online (trực tuyến)                   7\n"
            "  postal (bưu chính)                    1\n"
            "Finished (đã giải quyết)                15\n"
            "  early (trước hạn)                     9\n"
            "  on time (đúng hạn)                    4\n"
            "  late (quá hạn)                        2\n"
            "In progress within time (trong hạn)     6\n"
            "In progress overdue (quá hạn)           1\n"
            "Waiting for a supplement (chờ bổ sung)  1\n"
            "On-time rate (đúng và trước hạn)        86.7%\n");
}

TEST_F(DossierCliTest, ReportDefaultsLeaveThePeriodToTheService) {
  deadlines::Statistics nothing_finished;
  nothing_finished.set_on_time_rate_percent(100);  // what the service answers then
  fake_.SetStatistics(nothing_finished);
  ASSERT_EQ(Run({"report"}), 0) << err_.str();
  const auto request = fake_.last<deadlines::GetStatisticsRequest>();
  EXPECT_FALSE(request.has_from_date());
  EXPECT_FALSE(request.has_to_date());
  EXPECT_EQ(request.kind(), deadlines::DOSSIER_KIND_UNSPECIFIED);
  EXPECT_THAT(out_.str(), HasSubstr("Unit:    every unit\nKind:    every kind\n"));
  // No rate without a finished dossier: a dash, not 100%.
  EXPECT_THAT(out_.str(), HasSubstr("On-time rate (đúng và trước hạn)        — (nothing finished)\n"));
  EXPECT_THAT(out_.str(), Not(HasSubstr("100")));
}

TEST_F(DossierCliTest, ReportAsJsonPrintsZeroesToo) {
  deadlines::Statistics all_late;
  all_late.set_finished_total(2);
  all_late.set_finished_late(2);
  fake_.SetStatistics(all_late);
  ASSERT_EQ(Run({"report", "-o", "json"}), 0) << err_.str();
  EXPECT_THAT(out_.str(), HasSubstr("\"onTimeRatePercent\": 0"));
  EXPECT_THAT(out_.str(), HasSubstr("\"finishedEarly\": \"0\""));
  EXPECT_THAT(out_.str(), HasSubstr("\"finishedLate\": \"2\""));
  ASSERT_EQ(Run({"report"}), 0) << err_.str();
  EXPECT_THAT(out_.str(), HasSubstr("On-time rate (đúng và trước hạn)        0.0%\n"));
}

TEST_F(DossierCliTest, ReportAsCsvIsAHeaderAndOneRow) {
  fake_.SetStatistics(FirstQuarter());
  ASSERT_EQ(Run({"-o", "csv", "report", "--unit", "00136", "--from", "01/01/2026", "--to",
                 "31/03/2026"}),
            0)
      << err_.str();
  EXPECT_EQ(out_.str(),
            "unit_code,kind,from_date,to_date,carried_over,received_direct,received_online,"
            "received_postal,received_total,finished_early,finished_on_time,finished_late,"
            "finished_total,in_progress_within_time,in_progress_overdue,waiting_supplement,"
            "on_time_rate_percent\n"
            "00136,,2026-01-01,2026-03-31,3,12,7,1,20,9,4,2,15,6,1,1,86.6667\n");
  ASSERT_EQ(Run({"report", "--kind", "party", "-o", "json"}), 0) << err_.str();
  EXPECT_THAT(out_.str(), HasSubstr("\"kind\": \"PARTY_OBLIGATION\""));
  EXPECT_THAT(out_.str(), HasSubstr("\"finishedOnTime\": \"4\""));
}

deadlines::DeadlineEvent Event(int64_t cursor, deadlines::DeadlineEventType type,
                               std::string dossier, std::string unit) {
  deadlines::DeadlineEvent event;
  event.set_cursor(cursor);
  event.set_type(type);
  event.set_dossier_id(std::move(dossier));
  event.set_unit_code(std::move(unit));
  event.set_kind(deadlines::ADMIN_PROCEDURE);
  *event.mutable_due_at() = At(k27Feb17h);
  return event;
}

class WatchCliTest : public DossierCliTest {
 protected:
  void SetUp() override {
    DossierCliTest::SetUp();
    fake_.QueueEvent(Event(41, deadlines::NEAR_DUE, "DS-000000000001", "00136"));
    deadlines::DeadlineEvent overdue = Event(42, deadlines::OVERDUE, "DS-000000000002", "00136");
    overdue.set_subject("Cấp giấy phép xây dựng");
    fake_.QueueEvent(overdue);
    fake_.QueueEvent(Event(43, deadlines::NEAR_DUE, "DS-000000000003", "00139"));
  }
};

TEST_F(WatchCliTest, PrintsALinePerEventThenHowToResume) {
  ASSERT_EQ(Run({"watch", "--after", "40", "--unit", "00136", "--kind", "admin"}), 0)
      << err_.str();
  const auto request = fake_.last<deadlines::WatchEventsRequest>();
  EXPECT_EQ(request.after_cursor(), 40);
  EXPECT_EQ(request.unit_code(), "00136");
  EXPECT_EQ(request.kind(), deadlines::ADMIN_PROCEDURE);
  EXPECT_EQ(fake_.seen().back().actor, "clerk.phucloi");
  EXPECT_EQ(out_.str(),
            "41  near-due     DS-000000000001  00136  due 2026-02-27 17:00\n"
            "42  overdue      DS-000000000002  00136  due 2026-02-27 17:00  Cấp giấy phép xây "
            "dựng\n");
  EXPECT_EQ(err_.str(),
            "The service ended the stream. To resume: haicapctl watch --after 42 --unit 00136 "
            "--kind admin\n");
}

TEST_F(WatchCliTest, AMovedDueDateIsALineOfItsOwn) {
  fake_.QueueEvent(Event(44, deadlines::DUE_CHANGED, "DS-000000000001", "00136"));
  ASSERT_EQ(Run({"watch", "--after", "43"}), 0) << err_.str();
  EXPECT_EQ(out_.str(), "44  due-changed  DS-000000000001  00136  due 2026-02-27 17:00\n");
}

// Remembers what had been written at each flush.
class FlushRecorder : public std::stringbuf {
 public:
  std::vector<std::string> flushed;

 protected:
  int sync() override {
    flushed.push_back(str());
    return std::stringbuf::sync();
  }
};

TEST_F(WatchCliTest, EachLineIsFlushedAsItComes) {
  FlushRecorder recorder;
  std::ostream out(&recorder);
  std::ostringstream err;
  const std::vector<const char*> argv = {"haicapctl", "--deadlines", address_.c_str(), "watch",
                                         "--after", "41"};
  ASSERT_EQ(RunHaicapctl(static_cast<int>(argv.size()), argv.data(), out, err), 0) << err.str();
  ASSERT_GE(recorder.flushed.size(), 2u);
  EXPECT_THAT(recorder.flushed[0], MatchesRegex("42  overdue [^\n]*\n"));
  EXPECT_THAT(recorder.flushed[1], MatchesRegex("42  overdue [^\n]*\n43  near-due [^\n]*\n"));
}

TEST_F(WatchCliTest, JsonIsOneObjectPerLine) {
  ASSERT_EQ(Run({"watch", "--after", "41", "-o", "json"}), 0) << err_.str();
  EXPECT_EQ(out_.str(),
            "{\"cursor\":\"42\",\"type\":\"OVERDUE\",\"dossierId\":\"DS-000000000002\","
            "\"unitCode\":\"00136\",\"kind\":\"ADMIN_PROCEDURE\",\"subject\":\"Cấp giấy phép xây "
            "dựng\",\"dueProvisional\":false,\"dueAt\":\"2026-02-27T10:00:00Z\"}\n"
            "{\"cursor\":\"43\",\"type\":\"NEAR_DUE\",\"dossierId\":\"DS-000000000003\","
            "\"unitCode\":\"00139\",\"kind\":\"ADMIN_PROCEDURE\",\"subject\":\"\",\"dueProvisional\":false,"
            "\"dueAt\":\"2026-02-27T10:00:00Z\"}\n");  // an empty subject is printed too
  EXPECT_EQ(err_.str(), "The service ended the stream. To resume: haicapctl watch --after 43\n");
}

TEST_F(WatchCliTest, ABrokenStreamNamesTheLastCursor) {
  fake_.EndWatchWith(grpc::Status(grpc::StatusCode::UNAVAILABLE, "connection reset"));
  EXPECT_EQ(Run({"watch"}), 1);
  EXPECT_THAT(out_.str(), HasSubstr("\n43  near-due     DS-000000000003  00139"));
  EXPECT_THAT(err_.str(), HasSubstr("error: cannot reach the deadlines service at " + address_));
  EXPECT_THAT(err_.str(), HasSubstr("  the stream broke after cursor 43; to resume without "
                                    "missing an event: haicapctl watch --after 43\n"));
}

TEST_F(WatchCliTest, CtrlCStopsTheStreamAndSaysWhereToResume) {
  fake_.KeepWatchOpen();
  int code = -1;
  std::thread watch([&] { code = Run({"watch", "--unit", "00136"}); });
  ASSERT_TRUE(fake_.WaitForEventsSent(2));
  std::raise(SIGINT);
  watch.join();
  EXPECT_EQ(code, 0);
  EXPECT_TRUE(fake_.WaitForWatchCancelled());
  EXPECT_THAT(out_.str(), HasSubstr("\n42  overdue "));
  EXPECT_EQ(err_.str(), "Stopped. To resume: haicapctl watch --after 42 --unit 00136\n");
}

TEST_F(DossierCliTest, HelpExplainsStatusesAndTheirChanges) {
  EXPECT_EQ(Run({"dossier", "--help"}), 0);
  EXPECT_THAT(out_.str(), HasSubstr("5 supplement-requested (yêu cầu bổ sung)"));
  EXPECT_THAT(out_.str(), HasSubstr("2, 4, 6 → 5 only by 'dossier supplement'"));
  EXPECT_THAT(out_.str(), HasSubstr("receive"));
  EXPECT_THAT(out_.str(), HasSubstr("reschedule"));
  EXPECT_EQ(Run({"dossier", "receive", "--help"}), 0);
  EXPECT_THAT(out_.str(), HasSubstr("30wd"));
  EXPECT_THAT(out_.str(), HasSubstr("Examples:\n  haicapctl dossier receive"));
  EXPECT_EQ(Run({"report", "--help"}), 0);
  EXPECT_THAT(out_.str(), HasSubstr("(early + on time) / finished"));
  EXPECT_EQ(Run({"watch", "--help"}), 0);
  EXPECT_THAT(out_.str(), HasSubstr("--after CURSOR"));
  EXPECT_EQ(Run({"--help"}), 0);
  EXPECT_THAT(out_.str(), HasSubstr("table|json|csv"));
  EXPECT_THAT(out_.str(), HasSubstr("haicapctl watch"));
}

}  // namespace
}  // namespace haicap::ctl
