// Merges, retries with the same request_id, and the history they leave.
#include <algorithm>
#include <array>
#include <atomic>
#include <thread>

#include "tests/registry/registry_fixture.h"

namespace haicap::registry::testing {
namespace {

using ::testing::UnorderedElementsAre;

class LifecycleTest : public RegistryTest {
 protected:
  void SetUp() override {
    RegistryTest::SetUp();
    hanoi_ = MustCreate("Đảng bộ Thành phố Hà Nội", PROVINCIAL_COMMITTEE, "", "01", D(1930, 3, 1)).id();
    ward_ = MustCreate("Đảng bộ phường Đống Đa", COMMUNE_COMMITTEE, hanoi_, "00235", D(2025, 7, 1)).id();
    a_ = MustCreate("Đảng bộ Trường THCS A", GRASSROOTS_COMMITTEE, ward_, "", D(2025, 7, 1)).id();
    b_ = MustCreate("Đảng bộ Trường THCS B", GRASSROOTS_COMMITTEE, ward_, "", D(2025, 7, 1)).id();
    a_cell_ = MustCreate("Chi bộ giáo viên A", CELL, a_, "", D(2025, 7, 1)).id();
    b_cell_ = MustCreate("Chi bộ giáo viên B", CELL, b_, "", D(2025, 7, 1)).id();
  }

  MergeOrganizationsRequest MergeRequest(std::vector<std::string> sources, google::type::Date effective) {
    MergeOrganizationsRequest request;
    for (const auto& s : sources) request.add_source_ids(s);
    *request.mutable_effective_date() = effective;
    request.mutable_decision()->set_number("12-QĐ/ĐU");
    return request;
  }

  std::vector<EventType> EventTypes(const std::string& id) {
    ListOrganizationEventsRequest request;
    request.set_organization_id(id);
    ListOrganizationEventsResponse response;
    EXPECT_TRUE(Call(&Registry::Stub::ListOrganizationEvents, request, &response).ok());
    std::vector<EventType> types;
    for (const auto& e : response.events()) types.push_back(e.type());
    return types;
  }

  std::string hanoi_, ward_, a_, b_, a_cell_, b_cell_;
};

TEST_F(LifecycleTest, MergeIntoANewOrganizationMovesTheChildren) {
  auto request = MergeRequest({a_, b_}, D(2026, 1, 1));
  Organization* successor = request.mutable_new_organization();
  successor->set_name("Đảng bộ Trường THCS Liên cấp");
  successor->set_kind(GRASSROOTS_COMMITTEE);
  successor->set_parent_id(ward_);
  MergeOrganizationsResponse merged;
  grpc::Status status = Call(&Registry::Stub::MergeOrganizations, request, &merged);
  ASSERT_TRUE(status.ok()) << status.error_message();
  const std::string s = merged.successor().id();
  EXPECT_EQ(merged.merged_size(), 2);
  for (const auto& m : merged.merged()) {
    EXPECT_EQ(m.state(), MERGED);
    EXPECT_EQ(m.successor_id(), s);
    EXPECT_EQ(m.ended_on().year(), 2026);
  }
  EXPECT_EQ(merged.moved_children_size(), 2);

  const auto before = D(2025, 12, 31), after = D(2026, 1, 1);
  EXPECT_EQ(MustGet(a_cell_, &before).parent_id(), a_);
  EXPECT_EQ(MustGet(a_cell_, &after).parent_id(), s);
  EXPECT_THAT(ChildIds(s, &after), UnorderedElementsAre(a_cell_, b_cell_));
  EXPECT_THAT(ChildIds(ward_, &before), UnorderedElementsAre(a_, b_));
  // The merged sources stay listed under the ward as MERGED; the active children are the successor.
  ListOrganizationsRequest active;
  active.set_parent_id(ward_);
  active.set_state(ACTIVE);
  ListOrganizationsResponse response;
  ASSERT_TRUE(Call(&Registry::Stub::ListOrganizations, active, &response).ok());
  ASSERT_EQ(response.organizations_size(), 1);
  EXPECT_EQ(response.organizations(0).id(), s);

  EXPECT_EQ(EventTypes(a_), (std::vector<EventType>{ESTABLISHED, MERGED_INTO}));
  EXPECT_EQ(EventTypes(s), (std::vector<EventType>{ESTABLISHED, ABSORBED}));
  EXPECT_EQ(EventTypes(a_cell_), (std::vector<EventType>{ESTABLISHED, MOVED}));
}

TEST_F(LifecycleTest, MergeIntoAnExistingOrganization) {
  auto request = MergeRequest({b_}, D(2026, 1, 1));
  request.set_target_id(a_);
  MergeOrganizationsResponse merged;
  ASSERT_TRUE(Call(&Registry::Stub::MergeOrganizations, request, &merged).ok());
  EXPECT_EQ(merged.successor().id(), a_);
  EXPECT_THAT(ChildIds(a_), UnorderedElementsAre(a_cell_, b_cell_));
  // B has ended: nothing more can happen to it after the merge.
  DissolveOrganizationRequest dissolve;
  dissolve.set_id(b_);
  *dissolve.mutable_effective_date() = D(2026, 6, 1);
  Organization ignored;
  EXPECT_EQ(Reason(Call(&Registry::Stub::DissolveOrganization, dissolve, &ignored)), "ORGANIZATION_ENDED");
}

TEST_F(LifecycleTest, MergeRefusesWhatWouldBreakTheTree) {
  const std::string before = Everything();
  MergeOrganizationsResponse ignored;
  auto request = MergeRequest({a_, b_}, D(2026, 1, 1));
  request.set_target_id(a_);
  EXPECT_THAT(BadFields(Call(&Registry::Stub::MergeOrganizations, request, &ignored)),
              ::testing::Contains("target_id"));
  request = MergeRequest({a_, b_}, D(2026, 1, 1));
  EXPECT_THAT(BadFields(Call(&Registry::Stub::MergeOrganizations, request, &ignored)),
              ::testing::Contains("successor"));
  // A cell cannot hold the cells of the merged committee.
  request = MergeRequest({a_}, D(2026, 1, 1));
  request.set_target_id(b_cell_);
  EXPECT_EQ(Reason(Call(&Registry::Stub::MergeOrganizations, request, &ignored)), "KIND_NOT_ALLOWED_UNDER_PARENT");
  // Before the sources existed.
  request = MergeRequest({a_}, D(2025, 6, 1));
  request.set_target_id(b_);
  EXPECT_EQ(Call(&Registry::Stub::MergeOrganizations, request, &ignored).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(Everything(), before);
}

TEST_F(LifecycleTest, BackDatedMovesLandInTheirPlace) {
  const std::string cell = MustCreate("Chi bộ Tổ dân phố 3", GRASSROOTS_CELL, ward_, "", D(2025, 7, 1)).id();
  const std::string other = MustCreate("Đảng bộ phường Bồ Đề", COMMUNE_COMMITTEE, hanoi_, "00118", D(2025, 7, 1)).id();
  auto move = [&](const std::string& parent, google::type::Date effective) {
    MoveOrganizationsRequest request;
    request.add_organization_ids(cell);
    request.set_new_parent_id(parent);
    *request.mutable_effective_date() = effective;
    MoveOrganizationsResponse response;
    return Call(&Registry::Stub::MoveOrganizations, request, &response);
  };
  // Recorded first: to Bồ Đề from 1/9. Recorded later but effective earlier: to the city from 1/8.
  ASSERT_TRUE(move(other, D(2025, 9, 1)).ok());
  ASSERT_TRUE(move(hanoi_, D(2025, 8, 1)).ok());
  const auto july = D(2025, 7, 15), august = D(2025, 8, 15), september = D(2025, 9, 1);
  EXPECT_EQ(MustGet(cell, &july).parent_id(), ward_);
  EXPECT_EQ(MustGet(cell, &august).parent_id(), hanoi_);
  EXPECT_EQ(MustGet(cell, &september).parent_id(), other);
  EXPECT_EQ(MustGet(cell).parent_id(), other);
  EXPECT_THAT(ChildIds(hanoi_, &august), ::testing::Contains(cell));
  EXPECT_THAT(ChildIds(hanoi_, &september), ::testing::Not(::testing::Contains(cell)));
  EXPECT_EQ(EventTypes(cell), (std::vector<EventType>{ESTABLISHED, MOVED, MOVED}));

  // A dissolution of Bồ Đề back-dated to before the cell arrives there would orphan it.
  DissolveOrganizationRequest dissolve;
  dissolve.set_id(other);
  *dissolve.mutable_effective_date() = D(2025, 8, 20);
  Organization ignored;
  grpc::Status status = Call(&Registry::Stub::DissolveOrganization, dissolve, &ignored);
  EXPECT_EQ(Reason(status), "HAS_CHILDREN") << status.error_message();
}

TEST_F(LifecycleTest, ARetriedRequestIdReturnsTheSameAnswerAndChangesOnce) {
  auto create = CreateRequest("Chi bộ Tổ dân phố 1", GRASSROOTS_CELL, ward_, "", D(2025, 8, 1));
  create.set_request_id("create-tdp1-7f3a");
  Organization first, second;
  ASSERT_TRUE(Call(&Registry::Stub::CreateOrganization, create, &first).ok());
  ASSERT_TRUE(Call(&Registry::Stub::CreateOrganization, create, &second).ok());
  EXPECT_EQ(first.SerializeAsString(), second.SerializeAsString());
  ListOrganizationsRequest named;
  named.set_name_query("to dan pho 1");
  ListOrganizationsResponse found;
  ASSERT_TRUE(Call(&Registry::Stub::ListOrganizations, named, &found).ok());
  EXPECT_EQ(found.organizations_size(), 1);

  MoveOrganizationsRequest move;
  move.add_organization_ids(first.id());
  move.set_new_parent_id(a_);
  *move.mutable_effective_date() = D(2025, 9, 1);
  move.set_request_id("move-tdp1");
  // A grassroots cell cannot sit under A without upper-grassroots powers: the same retried
  // request fails the same way and records nothing.
  MoveOrganizationsResponse moved;
  EXPECT_EQ(Reason(Call(&Registry::Stub::MoveOrganizations, move, &moved)), "KIND_NOT_ALLOWED_UNDER_PARENT");
  move.set_new_parent_id(hanoi_);
  MoveOrganizationsResponse again;
  ASSERT_TRUE(Call(&Registry::Stub::MoveOrganizations, move, &moved).ok());
  ASSERT_TRUE(Call(&Registry::Stub::MoveOrganizations, move, &again).ok());
  EXPECT_EQ(moved.SerializeAsString(), again.SerializeAsString());
  EXPECT_EQ(EventTypes(first.id()), (std::vector<EventType>{ESTABLISHED, MOVED}));
  // Retries are answered from storage, also after a restart.
  Restart();
  ASSERT_TRUE(Call(&Registry::Stub::MoveOrganizations, move, &again).ok());
  EXPECT_EQ(moved.SerializeAsString(), again.SerializeAsString());
  EXPECT_EQ(EventTypes(first.id()), (std::vector<EventType>{ESTABLISHED, MOVED}));
}

TEST_F(LifecycleTest, ConcurrentRetriesOfOneCreateMakeOneOrganization) {
  auto create = CreateRequest("Chi bộ Tổ dân phố 9", GRASSROOTS_CELL, ward_, "", D(2025, 8, 1));
  create.set_request_id("concurrent-create");
  std::vector<std::thread> threads;
  std::vector<std::string> ids(8);
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&, i] {
      Organization org;
      if (Call(&Registry::Stub::CreateOrganization, create, &org).ok()) ids[i] = org.id();
    });
  }
  for (auto& t : threads) t.join();
  for (const auto& id : ids) EXPECT_EQ(id, ids[0]);
  EXPECT_EQ(ChildIds(ward_).size(), 3u);  // A, B and the one new cell
}

TEST_F(LifecycleTest, ConcurrentChangesToOneOrganizationAreAllKept) {
  // Eight clerks rename one cell at once, each for a later day: every acknowledged change is in
  // its history (none overwrites another read before it was committed).
  constexpr int kClerks = 8;
  std::vector<std::thread> threads;
  // One atomic per clerk: std::vector<bool> packs the flags into shared words, so eight threads
  // writing their own flag would race on them.
  std::array<std::atomic<bool>, kClerks> acknowledged{};
  for (int i = 0; i < kClerks; ++i) {
    threads.emplace_back([&, i] {
      UpdateOrganizationRequest update;
      update.mutable_organization()->set_id(a_cell_);
      update.mutable_organization()->set_name("Chi bộ giáo viên A " + std::to_string(i + 1));
      update.mutable_update_mask()->add_paths("name");
      *update.mutable_effective_date() = D(2025, 8, i + 1);
      update.set_request_id("rename-" + std::to_string(i));
      Organization org;
      acknowledged[i].store(Call(&Registry::Stub::UpdateOrganization, update, &org).ok());
    });
  }
  for (auto& t : threads) t.join();
  for (int i = 0; i < kClerks; ++i) EXPECT_TRUE(acknowledged[i].load()) << i;
  const std::vector<EventType> history = EventTypes(a_cell_);
  EXPECT_EQ(std::count(history.begin(), history.end(), UPDATED), kClerks);
  EXPECT_EQ(MustGet(a_cell_).name(), "Chi bộ giáo viên A 8");
}

}  // namespace
}  // namespace haicap::registry::testing
