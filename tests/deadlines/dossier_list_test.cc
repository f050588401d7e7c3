// ListDossiers over real gRPC: by unit (a province lists its communes), kind, status, the overdue
// and due-soon windows, and page tokens.
#include <string>
#include <vector>

#include "tests/deadlines/deadlines_fixture.h"

namespace haicap::deadlines::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

class DossierListTest : public DeadlinesTest {
 protected:
  // Created on Monday 12/1/2026 09:00; looked at on Wednesday 14/1 10:00.
  //   id  unit                   time    due               status then
  //   a   Phúc Lợi               1 day   Tue 13/1 17:00    4 (overdue)
  //   b   Phúc Lợi               3 days  Thu 15/1 17:00    2
  //   c   Việt Hưng (Hà Nội)     2 days  Wed 14/1 17:00    9 (finished)
  //   d   Việt Hưng (Quảng Ninh) 4 hours Mon 12/1 15:00    2 (overdue)
  //   e   Hà Nội's own centre    10 days Mon 26/1 17:00    5 (paused)
  //   f   an organisation        2 days  Wed 14/1 17:00    6 (party obligation)
  //   g   Việt Hưng (Hà Nội)     30 days Mon 2/3 17:00     2
  void SetUp() override {
    DeadlinesTest::SetUp();
    SetNow(2026, 1, 12, 9, 0);
    MustCreate("a", kPhucLoi, 1);
    MustCreate("b", kPhucLoi, 3);
    MustCreate("c", kVietHung, 2);
    EXPECT_EQ(Local(MustCreate("d", kVietHungQuangNinh, 4, WORKING_HOURS).due_at()), "2026-01-12 15:00");
    MustCreate("e", kHanoi, 10);
    CreateDossierRequest obligation = NewDossier("f", "org.chibo-3", 2);
    obligation.mutable_dossier()->set_kind(PARTY_OBLIGATION);
    MustCreate(obligation);
    EXPECT_EQ(Local(MustCreate("g", kVietHung, 30).due_at()), "2026-03-02 17:00");
    MustTransition("a", PROCESSING);
    MustTransition("c", PROCESSING);
    MustTransition("c", PROCESSED);
    MustTransition("e", PROCESSING);
    MustRequestSupplement("e");
    MustTransition("f", PROCESSING);
    MustTransition("f", FINANCIAL_OBLIGATION);
    SetNow(2026, 1, 14, 10, 0);
  }

  // The ids of one page.
  std::vector<std::string> Ids(const ListDossiersRequest& request, std::string* next = nullptr) {
    ListDossiersResponse response;
    const grpc::Status status = Call(&Deadlines::Stub::ListDossiers, request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    std::vector<std::string> ids;
    for (const auto& d : response.dossiers()) {
      ids.push_back(d.id());
      EXPECT_EQ(d.history_size(), 0) << d.id();
    }
    if (next) *next = response.next_page_token();
    return ids;
  }
  std::vector<std::string> Of(const std::string& unit) {
    ListDossiersRequest request;
    request.set_unit_code(unit);
    return Ids(request);
  }
};

TEST_F(DossierListTest, ByUnitKindAndStatus) {
  EXPECT_THAT(Of(""), ElementsAre("a", "b", "c", "d", "e", "f", "g"));
  EXPECT_THAT(Of(kPhucLoi), ElementsAre("a", "b"));
  EXPECT_THAT(Of(kVietHung), ElementsAre("c", "g"));
  EXPECT_THAT(Of(kHanoi), ElementsAre("a", "b", "c", "e", "g"));  // its communes and its own centre
  EXPECT_THAT(Of("22"), ElementsAre("d"));
  EXPECT_THAT(Of("org.chibo-3"), ElementsAre("f"));
  EXPECT_THAT(Of("79"), IsEmpty());

  ListDossiersRequest request;
  request.set_kind(PARTY_OBLIGATION);
  EXPECT_THAT(Ids(request), ElementsAre("f"));
  request.set_kind(ADMIN_PROCEDURE);
  request.set_unit_code(kVietHung);
  EXPECT_THAT(Ids(request), ElementsAre("c", "g"));

  ListDossiersRequest statuses;
  statuses.add_statuses(PROCESSING);
  EXPECT_THAT(Ids(statuses), ElementsAre("a"));
  statuses.add_statuses(SUPPLEMENT_REQUESTED);
  statuses.add_statuses(RECEIVED);
  EXPECT_THAT(Ids(statuses), ElementsAre("a", "b", "d", "e", "g"));
  statuses.set_unit_code(kPhucLoi);
  EXPECT_THAT(Ids(statuses), ElementsAre("a", "b"));
}

TEST_F(DossierListTest, OverdueAndDueSoonAreRunningDossiersByDueInstant) {
  ListDossiersRequest overdue;
  overdue.set_overdue(true);
  EXPECT_THAT(Ids(overdue), ElementsAre("d", "a"));
  overdue.set_unit_code(kHanoi);
  EXPECT_THAT(Ids(overdue), ElementsAre("a"));

  // Due by closing time today (Wednesday 14/1), overdue ones included; c is finished, e paused.
  ListDossiersRequest soon;
  soon.set_due_within_working_days(0);
  EXPECT_THAT(Ids(soon), ElementsAre("d", "a", "f"));
  // ... or by Thursday 15/1.
  soon.set_due_within_working_days(1);
  EXPECT_THAT(Ids(soon), ElementsAre("d", "a", "f", "b"));
  soon.set_kind(ADMIN_PROCEDURE);
  EXPECT_THAT(Ids(soon), ElementsAre("d", "a", "b"));

  // Finishing takes a dossier out of the window.
  MustTransition("a", PROCESSED);
  EXPECT_THAT(Ids(soon), ElementsAre("d", "b"));

  ListDossiersRequest both;
  both.set_overdue(true);
  both.set_due_within_working_days(1);
  ListDossiersResponse ignored;
  EXPECT_EQ(Call(&Deadlines::Stub::ListDossiers, both, &ignored).error_code(), grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(DossierListTest, TheDueOrderFollowsDueDateChanges) {
  // b gets a new date, Tuesday 20/1. e resumes on 14/1 10:00 after 17 paused office hours (12/1
  // 09:00–11:30 and 13:30–17:00, 13/1, 14/1 07:00–10:00): 26/1 17:00 moves to 29/1 08:00, rounded
  // to its closing time.
  RescheduleRequest reschedule;
  reschedule.set_id("b");
  *reschedule.mutable_new_due_date() = D(2026, 1, 20);
  reschedule.set_reason("Chờ ý kiến của Sở Tư pháp");
  Dossier rescheduled;
  ASSERT_TRUE(Call(&Deadlines::Stub::Reschedule, reschedule, &rescheduled).ok());
  EXPECT_EQ(Local(MustResume("e").due_at()), "2026-01-29 17:00");

  ListDossiersRequest soon;
  soon.set_due_within_working_days(1);
  EXPECT_THAT(Ids(soon), ElementsAre("d", "a", "f"));
  // Twelve working days from Wednesday 14/1 reach Friday 30/1; g (2/3) is further.
  soon.set_due_within_working_days(12);
  EXPECT_THAT(Ids(soon), ElementsAre("d", "a", "f", "b", "e"));
}

TEST_F(DossierListTest, PagesFollowTheirTokens) {
  ListDossiersRequest request;
  request.set_unit_code(kHanoi);
  request.set_page_size(2);
  std::string next;
  EXPECT_THAT(Ids(request, &next), ElementsAre("a", "b"));
  ASSERT_FALSE(next.empty());
  const std::string second_token = next;
  request.set_page_token(next);
  EXPECT_THAT(Ids(request, &next), ElementsAre("c", "e"));
  ASSERT_FALSE(next.empty());
  request.set_page_token(next);
  EXPECT_THAT(Ids(request, &next), ElementsAre("g"));
  EXPECT_TRUE(next.empty());

  // A token belongs to its query.
  ListDossiersRequest other = request;
  other.set_page_token(second_token);
  other.set_unit_code(kPhucLoi);
  ListDossiersResponse ignored;
  EXPECT_THAT(BadFields(Call(&Deadlines::Stub::ListDossiers, other, &ignored)), ElementsAre("page_token"));
  other = request;
  other.set_page_token("garbage");
  EXPECT_THAT(BadFields(Call(&Deadlines::Stub::ListDossiers, other, &ignored)), ElementsAre("page_token"));
  other = request;
  other.clear_page_token();
  other.set_page_size(-1);
  EXPECT_THAT(BadFields(Call(&Deadlines::Stub::ListDossiers, other, &ignored)), ElementsAre("page_size"));

  // Pages of the due window follow the due order.
  ListDossiersRequest soon;
  soon.set_due_within_working_days(1);
  soon.set_page_size(2);
  EXPECT_THAT(Ids(soon, &next), ElementsAre("d", "a"));
  soon.set_page_token(next);
  EXPECT_THAT(Ids(soon, &next), ElementsAre("f", "b"));
  EXPECT_TRUE(next.empty());
}

}  // namespace
}  // namespace haicap::deadlines::testing
