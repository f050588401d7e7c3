// July 2025 in Phúc Lợi ward (Hà Nội): Quận ủy Long Biên's grassroots organisations are handed over
// to the new Đảng bộ phường Phúc Lợi, 41 more are established, and every as-of answer follows.
#include <algorithm>

#include "tests/registry/registry_fixture.h"

namespace haicap::registry::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::UnorderedElementsAreArray;

class PhucLoiTest : public RegistryTest {
 protected:
  void SetUp() override {
    RegistryTest::SetUp();
    hanoi_ = MustCreate("Đảng bộ Thành phố Hà Nội", PROVINCIAL_COMMITTEE, "", "01", D(1930, 3, 1)).id();
    long_bien_ = MustCreate("Đảng bộ quận Long Biên", DISTRICT_COMMITTEE, hanoi_, "004", D(2004, 1, 1)).id();
    for (int i = 1; i <= 11; ++i) {
      // The first three are grassroots committees with two cells each; the rest are grassroots cells.
      const bool committee = i <= 3;
      const std::string id = MustCreate("Đảng bộ cơ sở số " + std::to_string(i),
                                        committee ? GRASSROOTS_COMMITTEE : GRASSROOTS_CELL, long_bien_, "",
                                        D(2010, 1, 1)).id();
      handed_over_.push_back(id);
      if (committee) {
        for (int c = 1; c <= 2; ++c) cells_.push_back(MustCreate("Chi bộ " + std::to_string(c), CELL, id, "", D(2012, 5, 1)).id());
      }
    }
    phuc_loi_ = MustCreate("Đảng bộ phường Phúc Lợi", COMMUNE_COMMITTEE, hanoi_, "00136", D(2025, 7, 1)).id();

    MoveOrganizationsRequest move;
    for (const auto& id : handed_over_) move.add_organization_ids(id);
    move.set_new_parent_id(phuc_loi_);
    *move.mutable_effective_date() = D(2025, 7, 1);
    move.mutable_decision()->set_number("05-QĐ/TU");
    *move.mutable_decision()->mutable_date() = D(2025, 6, 30);
    move.set_request_id("handover-long-bien-phuc-loi");
    MoveOrganizationsResponse moved;
    ASSERT_TRUE(Call(&Registry::Stub::MoveOrganizations, move, &moved).ok());
    ASSERT_EQ(moved.organizations_size(), 11);

    for (int i = 1; i <= 41; ++i) {
      established_.push_back(MustCreate("Chi bộ khu dân cư số " + std::to_string(i), GRASSROOTS_CELL, phuc_loi_,
                                        "00136", D(2025, 7, 1)).id());
    }
    DissolveOrganizationRequest dissolve;
    dissolve.set_id(long_bien_);
    *dissolve.mutable_effective_date() = D(2025, 7, 1);
    Organization dissolved;
    ASSERT_TRUE(Call(&Registry::Stub::DissolveOrganization, dissolve, &dissolved).ok());
  }

  SubtreeSummary Summary(const std::string& id, google::type::Date as_of) {
    SummarizeSubtreeRequest request;
    request.set_organization_id(id);
    *request.mutable_as_of() = as_of;
    SubtreeSummary summary;
    grpc::Status status = Call(&Registry::Stub::SummarizeSubtree, request, &summary);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return summary;
  }

  static int64_t CountOf(const SubtreeSummary& summary, OrganizationKind kind) {
    for (const auto& k : summary.organizations_by_kind()) {
      if (k.kind() == kind) return k.count();
    }
    return 0;
  }

  std::string hanoi_, long_bien_, phuc_loi_;
  std::vector<std::string> handed_over_, cells_, established_;
};

TEST_F(PhucLoiTest, OnJune30TheElevenAreUnderLongBien) {
  const auto june30 = D(2025, 6, 30);
  EXPECT_THAT(ChildIds(long_bien_, &june30), UnorderedElementsAreArray(handed_over_));
  EXPECT_THAT(ChildIds(phuc_loi_, &june30), IsEmpty());
  EXPECT_EQ(MustGet(handed_over_[0], &june30).parent_id(), long_bien_);
  EXPECT_EQ(MustGet(long_bien_, &june30).state(), ACTIVE);

  GetOrganizationRequest before_ward;
  before_ward.set_id(phuc_loi_);
  *before_ward.mutable_as_of() = june30;
  Organization ignored;
  grpc::Status status = Call(&Registry::Stub::GetOrganization, before_ward, &ignored);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(Reason(status), "NOT_YET_ESTABLISHED");
}

TEST_F(PhucLoiTest, OnJuly1TheyAreUnderPhucLoiWithTheFortyOneNewOnes) {
  const auto july1 = D(2025, 7, 1);
  std::vector<std::string> expected = handed_over_;
  expected.insert(expected.end(), established_.begin(), established_.end());
  EXPECT_THAT(ChildIds(phuc_loi_, &july1), UnorderedElementsAreArray(expected));
  EXPECT_THAT(ChildIds(phuc_loi_), UnorderedElementsAreArray(expected));  // latest state
  EXPECT_THAT(ChildIds(long_bien_, &july1), IsEmpty());
  EXPECT_EQ(MustGet(handed_over_[0], &july1).parent_id(), phuc_loi_);
  // The cells came along with their committees.
  EXPECT_EQ(MustGet(cells_[0], &july1).parent_id(), handed_over_[0]);
  const Organization long_bien = MustGet(long_bien_, &july1);
  EXPECT_EQ(long_bien.state(), DISSOLVED);
  EXPECT_EQ(long_bien.ended_on().day(), 1);
}

TEST_F(PhucLoiTest, SubtreeCountsFollowTheDate) {
  const SubtreeSummary lb = Summary(long_bien_, D(2025, 6, 30));
  EXPECT_EQ(lb.total_organizations(), 17);  // 11 grassroots + 6 cells
  EXPECT_EQ(CountOf(lb, GRASSROOTS_COMMITTEE), 3);
  EXPECT_EQ(CountOf(lb, GRASSROOTS_CELL), 8);
  EXPECT_EQ(CountOf(lb, CELL), 6);

  const SubtreeSummary pl = Summary(phuc_loi_, D(2025, 7, 1));
  EXPECT_EQ(pl.total_organizations(), 58);  // 11 handed over + 41 new + 6 cells
  EXPECT_EQ(CountOf(pl, GRASSROOTS_CELL), 8 + 41);
  EXPECT_EQ(pl.member_count(), 0);  // the member roster comes with issue 3

  const SubtreeSummary city_before = Summary(hanoi_, D(2025, 6, 30));
  EXPECT_EQ(city_before.total_organizations(), 18);
  EXPECT_EQ(CountOf(city_before, DISTRICT_COMMITTEE), 1);
  const SubtreeSummary city_after = Summary(hanoi_, D(2025, 7, 1));
  EXPECT_EQ(city_after.total_organizations(), 59);
  EXPECT_EQ(CountOf(city_after, DISTRICT_COMMITTEE), 0);
  EXPECT_EQ(CountOf(city_after, COMMUNE_COMMITTEE), 1);
  EXPECT_EQ(Summary(long_bien_, D(2025, 7, 1)).total_organizations(), 0);
}

TEST_F(PhucLoiTest, HistoryRecordsTheHandover) {
  ListOrganizationEventsRequest request;
  request.set_organization_id(handed_over_[0]);
  ListOrganizationEventsResponse events;
  ASSERT_TRUE(Call(&Registry::Stub::ListOrganizationEvents, request, &events).ok());
  ASSERT_EQ(events.events_size(), 2);
  EXPECT_EQ(events.events(0).type(), ESTABLISHED);
  EXPECT_EQ(events.events(0).parent_id(), long_bien_);
  const OrganizationEvent& moved = events.events(1);
  EXPECT_EQ(moved.type(), MOVED);
  EXPECT_EQ(moved.previous_parent_id(), long_bien_);
  EXPECT_EQ(moved.parent_id(), phuc_loi_);
  EXPECT_EQ(moved.effective_date().month(), 7);
  EXPECT_EQ(moved.decision().number(), "05-QĐ/TU");
  EXPECT_EQ(moved.actor(), "clerk@phucloi");
  EXPECT_EQ(moved.request_id(), "handover-long-bien-phuc-loi");
  EXPECT_EQ(moved.organization().parent_id(), phuc_loi_);
  EXPECT_GT(moved.recorded_at().seconds(), 0);

  // The ward's subtree since 1/7/2025: its own establishment, 11 hand-overs, 41 establishments.
  ListOrganizationEventsRequest ward;
  ward.set_organization_id(phuc_loi_);
  ward.set_include_subtree(true);
  *ward.mutable_from_date() = D(2025, 7, 1);
  ward.set_page_size(20);
  std::map<EventType, int> by_type;
  int64_t last_day = 0;
  for (;;) {
    ListOrganizationEventsResponse page;
    ASSERT_TRUE(Call(&Registry::Stub::ListOrganizationEvents, ward, &page).ok());
    for (const auto& e : page.events()) {
      ++by_type[e.type()];
      const int64_t day = e.effective_date().year() * 10000 + e.effective_date().month() * 100 + e.effective_date().day();
      EXPECT_GE(day, last_day);
      last_day = day;
    }
    if (page.next_page_token().empty()) break;
    ward.set_page_token(page.next_page_token());
  }
  EXPECT_EQ(by_type[ESTABLISHED], 42);
  EXPECT_EQ(by_type[MOVED], 11);
  EXPECT_EQ(by_type.size(), 2u);
}

TEST_F(PhucLoiTest, NameSearchIgnoresDiacriticsAndCase) {
  ListOrganizationsRequest request;
  request.set_name_query("phuc LOI");
  ListOrganizationsResponse response;
  ASSERT_TRUE(Call(&Registry::Stub::ListOrganizations, request, &response).ok());
  ASSERT_EQ(response.organizations_size(), 1);
  EXPECT_EQ(response.organizations(0).id(), phuc_loi_);

  request.set_name_query("dang bo co so so 1");
  ASSERT_TRUE(Call(&Registry::Stub::ListOrganizations, request, &response).ok());
  EXPECT_EQ(response.organizations_size(), 3);  // số 1, số 10, số 11
}

TEST_F(PhucLoiTest, ListFiltersByKindUnitAndState) {
  ListOrganizationsRequest request;
  request.set_kind(COMMUNE_COMMITTEE);
  ListOrganizationsResponse response;
  ASSERT_TRUE(Call(&Registry::Stub::ListOrganizations, request, &response).ok());
  ASSERT_EQ(response.organizations_size(), 1);

  request.Clear();
  request.set_admin_unit_code("00136");
  request.set_page_size(1000);
  ASSERT_TRUE(Call(&Registry::Stub::ListOrganizations, request, &response).ok());
  EXPECT_EQ(response.organizations_size(), 42);

  request.Clear();
  request.set_state(DISSOLVED);
  ASSERT_TRUE(Call(&Registry::Stub::ListOrganizations, request, &response).ok());
  ASSERT_EQ(response.organizations_size(), 1);
  EXPECT_EQ(response.organizations(0).id(), long_bien_);
}

TEST_F(PhucLoiTest, BackDatedRenameKeepsEveryAsOfAnswerConsistent) {
  // Recorded now, effective before the hand-over: the name changed on 1/3/2025.
  UpdateOrganizationRequest rename;
  rename.mutable_organization()->set_id(handed_over_[4]);
  rename.mutable_organization()->set_name("Chi bộ Công ty Cổ phần Long Biên");
  rename.mutable_update_mask()->add_paths("name");
  *rename.mutable_effective_date() = D(2025, 3, 1);
  Organization renamed;
  ASSERT_TRUE(Call(&Registry::Stub::UpdateOrganization, rename, &renamed).ok());
  EXPECT_EQ(renamed.name(), "Chi bộ Công ty Cổ phần Long Biên");
  EXPECT_EQ(renamed.parent_id(), phuc_loi_);  // the later hand-over still applies

  const auto feb = D(2025, 2, 28), june = D(2025, 6, 30), july = D(2025, 7, 1);
  EXPECT_EQ(MustGet(handed_over_[4], &feb).name(), "Đảng bộ cơ sở số 5");
  const Organization in_june = MustGet(handed_over_[4], &june);
  EXPECT_EQ(in_june.name(), "Chi bộ Công ty Cổ phần Long Biên");
  EXPECT_EQ(in_june.parent_id(), long_bien_);
  EXPECT_EQ(MustGet(handed_over_[4], &july).name(), "Chi bộ Công ty Cổ phần Long Biên");

  ListOrganizationEventsRequest history;
  history.set_organization_id(handed_over_[4]);
  ListOrganizationEventsResponse events;
  ASSERT_TRUE(Call(&Registry::Stub::ListOrganizationEvents, history, &events).ok());
  ASSERT_EQ(events.events_size(), 3);
  EXPECT_THAT((std::vector<EventType>{events.events(0).type(), events.events(1).type(), events.events(2).type()}),
              ElementsAre(ESTABLISHED, UPDATED, MOVED));
}

TEST_F(PhucLoiTest, EverythingSurvivesARestart) {
  const std::string before = Everything();
  Restart();
  EXPECT_EQ(Everything(), before);
  // Ids keep increasing after a restart: never reused.
  const Organization next = MustCreate("Chi bộ mới", GRASSROOTS_CELL, phuc_loi_, "", D(2025, 8, 1));
  EXPECT_GT(std::stoull(next.id()), std::stoull(established_.back()));
}

}  // namespace
}  // namespace haicap::registry::testing
