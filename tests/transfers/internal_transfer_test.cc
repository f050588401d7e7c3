// Internal transfers (docs/domain.md §3): between two cells of one grassroots committee, which issues
// the shorter letter itself; the committee's count stays, the cells' change.
#include "gmock/gmock.h"
#include "tests/transfers/suite_fixture.h"

namespace haicap::transfers::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::Pair;

TEST_F(SuiteTest, AnInternalTransferBetweenTwoCellsOfASchoolCommittee) {
  const Wards w = MustCreateWards();
  const std::string school = MustCreateOrg("Đảng bộ Trường THPT Tây Tựu", reg::GRASSROOTS_COMMITTEE, w.tay_tuu);
  const std::string teachers = MustCreateOrg("Chi bộ Giáo viên", reg::CELL, school);
  const std::string staff = MustCreateOrg("Chi bộ Hành chính", reg::CELL, school);
  const std::string teacher = MustRegisterMember("Đỗ Thị Hoa", "001190003333", teachers);
  MustRegisterMember("Vũ Văn Nam", "001087004444", teachers);
  MustRegisterMember("Ngô Thị Mai", "001192006666", staff);
  const google::type::Date today = Day(2026, 2, 10);

  Transfer t = MustCreate(teacher, staff, INTERNAL);
  std::vector<std::pair<ChainRole, std::string>> chain;
  for (const ChainStep& step : t.chain()) chain.emplace_back(step.role(), step.organization_id());
  EXPECT_THAT(chain, ElementsAre(Pair(SENDING_ORGANIZATION, teachers), Pair(ISSUING_COMMITTEE, school),
                                 Pair(RECEIVING_ORGANIZATION, staff)));

  t = MustIntroduce(t);
  EXPECT_EQ(t.letter().issued_by_organization_id(), school);
  t = MustComplete(t);
  EXPECT_EQ(t.state(), COMPLETED);

  EXPECT_EQ(GetMember(teacher).organization_id(), staff);
  EXPECT_THAT(MemberEvents(teacher), ElementsAre(reg::REGISTERED, reg::MEMBER_TRANSFERRED));
  EXPECT_EQ(MembersUnder(school, Day(2026, 2, 9)), 3);
  EXPECT_EQ(MembersUnder(school, today), 3);
  EXPECT_EQ(MembersUnder(teachers, Day(2026, 2, 9)), 2);
  EXPECT_EQ(MembersUnder(teachers, today), 1);
  EXPECT_EQ(MembersUnder(staff, Day(2026, 2, 9)), 1);
  EXPECT_EQ(MembersUnder(staff, today), 2);
  EXPECT_EQ(EventuallyClock(t.id(), dl::PROCESSED).unit_code(), "org-" + school);
}

}  // namespace
}  // namespace haicap::transfers::testing
