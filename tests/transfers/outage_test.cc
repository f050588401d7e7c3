// The deadlines service and the registry down while letters are issued and receipts confirmed: the
// outbox keeps the work, and once they are back every transfer completes with exactly one move
// and one clock.
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "tests/transfers/suite_fixture.h"

namespace haicap::transfers::testing {
namespace {

using ::testing::ElementsAre;

TEST_F(SuiteTest, LettersAndReceiptsDuringOutagesEachTakeEffectOnce) {
  const Wards w = MustCreateWards();
  std::vector<std::string> members, ids;
  for (const char* citizen_id : {"001088004321", "001090001111", "001091002222"}) {
    members.push_back(MustRegisterMember("Đảng viên " + std::string(citizen_id).substr(8), citizen_id, w.ubnd_cell));
    ids.push_back(MustEndorse(MustCreate(members.back(), w.office_cell).id(), w.ubnd_cell).id());
  }

  // The letters while the deadlines service is down: no present_by yet.
  deadlines_.reset();
  for (const std::string& id : ids) {
    EXPECT_EQ(MustIssue(id).state(), INTRODUCED);
    MustEndorse(id, w.dong_da);
  }
  // The receipts while the registry is down too.
  registry_.reset();
  for (const std::string& id : ids) EXPECT_EQ(MustConfirm(id).state(), RECEIVED);
  for (const std::string& id : ids) {
    const Transfer t = MustGet(id);
    EXPECT_EQ(t.state(), RECEIVED);
    EXPECT_FALSE(t.has_present_by());
  }

  StartDeadlines();
  StartRegistry();
  // Retries back off in the services' time: let it pass, a second per round, until both the
  // registry and the deadlines service have everything.
  EXPECT_TRUE(Await(
      [&] {
        for (const std::string& id : ids) {
          const Transfer t = MustGet(id);
          dl::Dossier clock;
          if (t.state() != COMPLETED || !t.has_present_by()) return false;
          if (!GetClock(id, &clock).ok() || clock.status() != dl::PROCESSED) return false;
        }
        return true;
      },
      &clock_, absl::Seconds(1)));

  for (size_t i = 0; i < ids.size(); ++i) {
    const Transfer t = MustGet(ids[i]);
    EXPECT_EQ(t.state(), COMPLETED) << ids[i];
    EXPECT_EQ(Ymd(t.present_by()), "2026-03-31") << ids[i];
    EXPECT_EQ(GetMember(members[i]).organization_id(), w.office_cell);
    EXPECT_THAT(MemberEvents(members[i]), ElementsAre(reg::REGISTERED, reg::MEMBER_TRANSFERRED)) << ids[i];
    const dl::Dossier clock = EventuallyClock(ids[i], dl::PROCESSED);
    int created = 0;
    for (const dl::DossierChange& change : clock.history()) created += change.type() == dl::CREATED;
    EXPECT_EQ(created, 1) << ids[i];
  }
  EXPECT_EQ(MembersUnder(w.tay_tuu, Day(2026, 2, 10)), 0);
  EXPECT_EQ(MembersUnder(w.dong_da, Day(2026, 2, 10)), 3);
}

}  // namespace
}  // namespace haicap::transfers::testing
