// An import stages its rows without the structure lock, so other changes go on meanwhile; one that
// commits in between makes the import stage again under the lock, so nothing it checked is stale.
// In process, over a real RocksDB.
#include <future>

#include "common/civil_date.h"
#include "common/clock.h"
#include "gmock/gmock.h"
#include "services/registry/organization_registry.h"
#include "tests/testing/temp_dir.h"

namespace haicap::registry {
namespace {

google::type::Date Day(int y, int m, int d) { return ToProtoDate(absl::CivilDay(y, m, d)); }

v1::Member Person(const std::string& name, const std::string& citizen_id) {
  v1::Member m;
  m.set_full_name(name);
  *m.mutable_date_of_birth() = Day(1990, 5, 2);
  m.set_sex(v1::FEMALE);
  m.set_citizen_id(citizen_id);
  m.set_status(v1::PROBATIONARY);
  *m.mutable_admitted_on() = Day(2025, 12, 1);
  return m;
}

class ImportLockTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = *RegistryStore::Open(dir_.path());
    gazetteer_ = *Gazetteer::LoadEmbedded();
    registry_ = std::make_unique<OrganizationRegistry>(store_.get(), gazetteer_.get(), &clock_);
    v1::CreateOrganizationRequest create;
    create.mutable_organization()->set_name("Đảng bộ Thành phố Hà Nội");
    create.mutable_organization()->set_kind(v1::PROVINCIAL_COMMITTEE);
    create.mutable_organization()->set_admin_unit_code("01");
    *create.mutable_effective_date() = Day(2025, 7, 1);
    const std::string hanoi = registry_->Create(create, {"clerk"})->id();
    create.mutable_organization()->set_name("Chi bộ Văn phòng Thành ủy");
    create.mutable_organization()->set_kind(v1::GRASSROOTS_CELL);
    create.mutable_organization()->set_admin_unit_code("");
    create.mutable_organization()->set_parent_id(hanoi);
    absl::StatusOr<v1::Organization> cell = registry_->Create(create, {"clerk"});
    ASSERT_TRUE(cell.ok()) << cell.status();
    cell_ = cell->id();
  }
  v1::ImportMembersRequest OneMember(const std::string& request_id) {
    v1::ImportMembersRequest request;
    v1::MemberImportRow& row = *request.add_rows();
    row.set_line(2);
    row.set_organization_key("id:" + cell_);
    *row.mutable_member() = Person("Phạm Thu Hà", "001300000001");
    request.set_request_id(request_id);
    return request;
  }
  // Someone else registers a member with the same citizen ID.
  absl::StatusOr<v1::Member> RegisterSameCitizen() {
    v1::RegisterMemberRequest request;
    *request.mutable_member() = Person("Phạm Thị Hà", "001300000001");
    request.mutable_member()->set_organization_id(cell_);
    *request.mutable_effective_date() = Day(2025, 12, 1);
    return registry_->Register(request, {"clerk"});
  }

  haicap::testing::TempDir dir_;
  FakeClock clock_{absl::FromCivil(absl::CivilMinute(2026, 3, 2, 9, 0), absl::UTCTimeZone())};
  std::unique_ptr<RegistryStore> store_;
  std::unique_ptr<Gazetteer> gazetteer_;
  std::unique_ptr<OrganizationRegistry> registry_;
  std::string cell_;
};

TEST_F(ImportLockTest, OtherChangesGoOnWhileAnImportIsStagedAndItStagesAgainAfterThem) {
  int staged = 0;
  registry_->SetImportStagedHookForTesting([&] {
    if (++staged > 1) return;
    // Were the structure lock held, the registration would wait for the import, which waits for
    // it: give up after a while instead of hanging.
    std::future<absl::StatusOr<v1::Member>> other = std::async(std::launch::async, [&] { return RegisterSameCitizen(); });
    ASSERT_EQ(other.wait_for(std::chrono::seconds(10)), std::future_status::ready) << "the import held the lock";
    const absl::StatusOr<v1::Member> registered = other.get();
    EXPECT_TRUE(registered.ok()) << registered.status();
  });
  const absl::StatusOr<v1::ImportReport> report = registry_->ImportMembers(OneMember("import-1"), {"clerk"});
  ASSERT_TRUE(report.ok()) << report.status();
  EXPECT_EQ(staged, 1) << "the hook runs only for the staging without the lock";
  // Staged again under the lock, the row meets the member registered meanwhile: one living member
  // per citizen ID, not two.
  EXPECT_EQ(report->imported(), 0);
  ASSERT_EQ(report->errors_size(), 1);
  EXPECT_EQ(report->errors(0).reason(), "CITIZEN_ID_TAKEN");
  v1::ListMembersRequest list;
  list.set_organization_id(cell_);
  const absl::StatusOr<v1::ListMembersResponse> members = registry_->ListMembers(list);
  ASSERT_TRUE(members.ok()) << members.status();
  EXPECT_EQ(members->members_size(), 1);

  // The retry gets the first report and stages nothing.
  const absl::StatusOr<v1::ImportReport> retried = registry_->ImportMembers(OneMember("import-1"), {"clerk"});
  ASSERT_TRUE(retried.ok()) << retried.status();
  EXPECT_EQ(retried->SerializeAsString(), report->SerializeAsString());
  EXPECT_EQ(staged, 1);
}

}  // namespace
}  // namespace haicap::registry
