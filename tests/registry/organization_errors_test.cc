// Bad input gets a clear error naming the field or the rule, and changes nothing.
#include <string>

#include "absl/time/civil_time.h"
#include "tests/registry/registry_fixture.h"

namespace haicap::registry::testing {
namespace {

using ::testing::Contains;
using ::testing::HasSubstr;

class OrganizationErrorsTest : public RegistryTest {
 protected:
  void SetUp() override {
    RegistryTest::SetUp();
    hanoi_ = MustCreate("Đảng bộ Thành phố Hà Nội", PROVINCIAL_COMMITTEE, "", "01", D(1930, 3, 1)).id();
    ward_ = MustCreate("Đảng bộ phường Phúc Lợi", COMMUNE_COMMITTEE, hanoi_, "00136", D(2025, 7, 1)).id();
    committee_ = MustCreate("Đảng bộ Công ty Điện lực", GRASSROOTS_COMMITTEE, ward_, "", D(2025, 7, 1)).id();
    cell_ = MustCreate("Chi bộ Phòng Kỹ thuật", CELL, committee_, "", D(2025, 7, 1)).id();
    before_ = Everything();
  }

  // Sends a create and expects `code`, the reason or bad field, and no change.
  void ExpectCreateRefused(const CreateOrganizationRequest& request, grpc::StatusCode code, const std::string& what) {
    Organization ignored;
    grpc::Status status = Call(&Registry::Stub::CreateOrganization, request, &ignored);
    EXPECT_EQ(status.error_code(), code) << status.error_message();
    if (code == grpc::StatusCode::INVALID_ARGUMENT) {
      EXPECT_THAT(BadFields(status), Contains(what)) << status.error_message();
    } else {
      EXPECT_EQ(Reason(status), what) << status.error_message();
    }
    EXPECT_EQ(Everything(), before_) << "a refused request changed the registry";
  }

  std::string hanoi_, ward_, committee_, cell_, before_;
};

TEST_F(OrganizationErrorsTest, NamesMustBeSoundText) {
  auto request = CreateRequest("", GRASSROOTS_CELL, ward_, "", D(2025, 8, 1));
  ExpectCreateRefused(request, grpc::StatusCode::INVALID_ARGUMENT, "organization.name");
  request.mutable_organization()->set_name("   ");
  ExpectCreateRefused(request, grpc::StatusCode::INVALID_ARGUMENT, "organization.name");
  request.mutable_organization()->set_name(std::string(201, 'a'));
  ExpectCreateRefused(request, grpc::StatusCode::INVALID_ARGUMENT, "organization.name");
  request.mutable_organization()->set_name("Chi bộ\nthứ hai");
  ExpectCreateRefused(request, grpc::StatusCode::INVALID_ARGUMENT, "organization.name");
  // 200 Vietnamese characters (more than 200 bytes) are fine.
  std::string long_name;
  for (int i = 0; i < 200; ++i) long_name += "ộ";
  request.mutable_organization()->set_name(long_name);
  Organization created;
  EXPECT_TRUE(Call(&Registry::Stub::CreateOrganization, request, &created).ok());
}

TEST_F(OrganizationErrorsTest, InvalidUtf8IsRefusedAsInvalidArgument) {
  auto request = CreateRequest(std::string("Chi b\xC3\x28", 7), GRASSROOTS_CELL, ward_, "", D(2025, 8, 1));
  Organization ignored;
  grpc::Status status = Call(&Registry::Stub::CreateOrganization, request, &ignored);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << status.error_message();
  EXPECT_EQ(Everything(), before_);
}

TEST_F(OrganizationErrorsTest, KindCodeAndParentAreChecked) {
  ExpectCreateRefused(CreateRequest("X", ORGANIZATION_KIND_UNSPECIFIED, ward_, "", D(2025, 8, 1)),
                      grpc::StatusCode::INVALID_ARGUMENT, "organization.kind");
  ExpectCreateRefused(CreateRequest("X", COMMUNE_COMMITTEE, hanoi_, "99999", D(2025, 8, 1)),
                      grpc::StatusCode::INVALID_ARGUMENT, "organization.admin_unit_code");
  ExpectCreateRefused(CreateRequest("X", COMMUNE_COMMITTEE, hanoi_, "", D(2025, 8, 1)),
                      grpc::StatusCode::INVALID_ARGUMENT, "organization.admin_unit_code");
  ExpectCreateRefused(CreateRequest("X", PROVINCIAL_COMMITTEE, "", "00136", D(2025, 8, 1)),
                      grpc::StatusCode::INVALID_ARGUMENT, "organization.admin_unit_code");
  ExpectCreateRefused(CreateRequest("X", PROVINCIAL_COMMITTEE, hanoi_, "79", D(2025, 8, 1)),
                      grpc::StatusCode::INVALID_ARGUMENT, "organization.parent_id");
  ExpectCreateRefused(CreateRequest("X", GRASSROOTS_CELL, "", "", D(2025, 8, 1)),
                      grpc::StatusCode::INVALID_ARGUMENT, "organization.parent_id");
  ExpectCreateRefused(CreateRequest("X", GRASSROOTS_CELL, "abc", "", D(2025, 8, 1)),
                      grpc::StatusCode::INVALID_ARGUMENT, "organization.parent_id");
  ExpectCreateRefused(CreateRequest("X", GRASSROOTS_CELL, "987654", "", D(2025, 8, 1)),
                      grpc::StatusCode::NOT_FOUND, "ORGANIZATION_NOT_FOUND");
  // A cell sits under a grassroots committee, not directly under a ward committee.
  ExpectCreateRefused(CreateRequest("X", CELL, ward_, "", D(2025, 8, 1)), grpc::StatusCode::FAILED_PRECONDITION,
                      "KIND_NOT_ALLOWED_UNDER_PARENT");
  // A grassroots cell under a grassroots committee needs upper-grassroots powers.
  ExpectCreateRefused(CreateRequest("X", GRASSROOTS_CELL, committee_, "", D(2025, 8, 1)),
                      grpc::StatusCode::FAILED_PRECONDITION, "KIND_NOT_ALLOWED_UNDER_PARENT");
}

TEST_F(OrganizationErrorsTest, DatesAreChecked) {
  auto request = CreateRequest("X", GRASSROOTS_CELL, ward_, "", D(2025, 8, 1));
  request.clear_effective_date();
  ExpectCreateRefused(request, grpc::StatusCode::INVALID_ARGUMENT, "effective_date");
  ExpectCreateRefused(CreateRequest("X", GRASSROOTS_CELL, ward_, "", D(2025, 2, 30)),
                      grpc::StatusCode::INVALID_ARGUMENT, "effective_date");
  request = CreateRequest("X", GRASSROOTS_CELL, ward_, "", D(2025, 8, 1));
  *request.mutable_decision()->mutable_date() = D(2025, 13, 1);
  ExpectCreateRefused(request, grpc::StatusCode::INVALID_ARGUMENT, "decision.date");
  // Before the ward existed.
  ExpectCreateRefused(CreateRequest("X", GRASSROOTS_CELL, ward_, "", D(2025, 6, 30)),
                      grpc::StatusCode::FAILED_PRECONDITION, "PARENT_NOT_ESTABLISHED");
}

TEST_F(OrganizationErrorsTest, EveryBadFieldIsNamedAtOnce) {
  CreateOrganizationRequest request;
  request.set_request_id(std::string(101, 'r'));
  Organization ignored;
  grpc::Status status = Call(&Registry::Stub::CreateOrganization, request, &ignored);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  const auto fields = BadFields(status);
  EXPECT_THAT(fields, Contains("request_id"));
  EXPECT_THAT(fields, Contains("organization.name"));
  EXPECT_THAT(fields, Contains("organization.kind"));
  EXPECT_THAT(fields, Contains("effective_date"));
}

TEST_F(OrganizationErrorsTest, NothingHangsUnderADissolvedParent) {
  DissolveOrganizationRequest dissolve;
  dissolve.set_id(ward_);
  *dissolve.mutable_effective_date() = D(2026, 1, 1);
  Organization ignored;
  grpc::Status status = Call(&Registry::Stub::DissolveOrganization, dissolve, &ignored);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(Reason(status), "HAS_CHILDREN");
  EXPECT_THAT(status.error_message(), HasSubstr("Đảng bộ Công ty Điện lực (" + committee_ + ")"));
  EXPECT_EQ(Everything(), before_);

  // A second ward, dissolved at the end of 2025.
  const std::string other = MustCreate("Đảng bộ phường Bồ Đề", COMMUNE_COMMITTEE, hanoi_, "00118", D(2025, 7, 1)).id();
  dissolve.set_id(other);
  *dissolve.mutable_effective_date() = D(2025, 12, 31);
  ASSERT_TRUE(Call(&Registry::Stub::DissolveOrganization, dissolve, &ignored).ok());
  before_ = Everything();
  // Under it after its end, or before its end and so still there after it (a back-dated create).
  ExpectCreateRefused(CreateRequest("X", GRASSROOTS_CELL, other, "", D(2026, 1, 15)),
                      grpc::StatusCode::FAILED_PRECONDITION, "PARENT_NOT_ACTIVE");
  ExpectCreateRefused(CreateRequest("X", GRASSROOTS_CELL, other, "", D(2025, 8, 1)),
                      grpc::StatusCode::FAILED_PRECONDITION, "PARENT_NOT_ACTIVE");
  // Nor may it be handed anything, and a dissolved organisation cannot be dissolved again.
  MoveOrganizationsRequest move;
  move.add_organization_ids(committee_);
  move.set_new_parent_id(other);
  *move.mutable_effective_date() = D(2026, 2, 1);
  MoveOrganizationsResponse moved;
  status = Call(&Registry::Stub::MoveOrganizations, move, &moved);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(Reason(status), "ORGANIZATION_ENDED");
  status = Call(&Registry::Stub::DissolveOrganization, dissolve, &ignored);
  EXPECT_EQ(Reason(status), "ORGANIZATION_ENDED");
  EXPECT_EQ(Everything(), before_);
}

TEST_F(OrganizationErrorsTest, MovesRefuseCycles) {
  // A grassroots committee with upper-grassroots powers may hold grassroots organisations.
  UpdateOrganizationRequest powers;
  powers.mutable_organization()->set_id(committee_);
  powers.mutable_organization()->set_upper_grassroots_powers(true);
  powers.mutable_update_mask()->add_paths("upper_grassroots_powers");
  *powers.mutable_effective_date() = D(2025, 7, 1);
  Organization updated;
  ASSERT_TRUE(Call(&Registry::Stub::UpdateOrganization, powers, &updated).ok());
  const std::string inner = MustCreate("Đảng bộ Xí nghiệp 1", GRASSROOTS_COMMITTEE, committee_, "", D(2025, 7, 2)).id();
  powers.mutable_organization()->set_id(inner);
  *powers.mutable_effective_date() = D(2025, 7, 2);
  ASSERT_TRUE(Call(&Registry::Stub::UpdateOrganization, powers, &updated).ok());
  before_ = Everything();

  MoveOrganizationsRequest move;
  move.add_organization_ids(committee_);
  move.set_new_parent_id(inner);
  *move.mutable_effective_date() = D(2025, 8, 1);
  MoveOrganizationsResponse ignored;
  grpc::Status status = Call(&Registry::Stub::MoveOrganizations, move, &ignored);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << status.error_message();
  EXPECT_EQ(Reason(status), "CYCLE");

  move.set_new_parent_id(committee_);
  status = Call(&Registry::Stub::MoveOrganizations, move, &ignored);
  EXPECT_EQ(Reason(status), "CYCLE");
  EXPECT_EQ(Everything(), before_);
}

TEST_F(OrganizationErrorsTest, MoveListsAreChecked) {
  MoveOrganizationsRequest move;
  move.set_new_parent_id(ward_);
  *move.mutable_effective_date() = D(2025, 8, 1);
  MoveOrganizationsResponse ignored;
  grpc::Status status = Call(&Registry::Stub::MoveOrganizations, move, &ignored);
  EXPECT_THAT(BadFields(status), Contains("organization_ids"));
  move.add_organization_ids(cell_);
  move.add_organization_ids(cell_);
  status = Call(&Registry::Stub::MoveOrganizations, move, &ignored);
  EXPECT_THAT(BadFields(status), Contains("organization_ids[1]"));
  // All or nothing: one bad organisation in the list stops the whole hand-over.
  const std::string cell2 = MustCreate("Chi bộ 2", GRASSROOTS_CELL, ward_, "", D(2025, 7, 1)).id();
  const std::string other = MustCreate("Đảng bộ phường Bồ Đề", COMMUNE_COMMITTEE, hanoi_, "00118", D(2025, 7, 1)).id();
  before_ = Everything();
  move.clear_organization_ids();
  move.add_organization_ids(cell2);
  move.add_organization_ids(cell_);  // a cell cannot sit under a ward committee
  move.set_new_parent_id(other);
  status = Call(&Registry::Stub::MoveOrganizations, move, &ignored);
  EXPECT_EQ(Reason(status), "KIND_NOT_ALLOWED_UNDER_PARENT");
  EXPECT_EQ(Everything(), before_);
}

TEST_F(OrganizationErrorsTest, UpdatesCheckEtagAndMask) {
  Organization current = MustGet(cell_);
  UpdateOrganizationRequest update;
  update.mutable_organization()->set_id(cell_);
  update.mutable_organization()->set_name("Chi bộ Phòng Kỹ thuật số 2");
  update.mutable_update_mask()->add_paths("name");
  *update.mutable_effective_date() = D(2025, 9, 1);
  update.set_etag("not-" + current.etag());
  Organization updated;
  grpc::Status status = Call(&Registry::Stub::UpdateOrganization, update, &updated);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::ABORTED);
  EXPECT_EQ(Reason(status), "ETAG_MISMATCH");

  update.set_etag(current.etag());
  update.mutable_update_mask()->add_paths("parent_id");
  status = Call(&Registry::Stub::UpdateOrganization, update, &updated);
  EXPECT_THAT(BadFields(status), Contains("update_mask"));
  EXPECT_EQ(Everything(), before_);

  update.mutable_update_mask()->clear_paths();
  update.mutable_update_mask()->add_paths("name");
  ASSERT_TRUE(Call(&Registry::Stub::UpdateOrganization, update, &updated).ok());
  EXPECT_NE(updated.etag(), current.etag());
  // The old etag is stale now.
  status = Call(&Registry::Stub::UpdateOrganization, update, &updated);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::ABORTED);
}

TEST_F(OrganizationErrorsTest, NothingChangedLooksPastTheFirstPage) {
  // More organisations than one page of ListOrganizations holds (the four of SetUp and these),
  // and more events of one of them than one page of ListOrganizationEvents holds.
  std::string last;
  for (int i = 1; i <= kEverythingPageSize; ++i) {
    last = MustCreate("Chi bộ Tổ dân phố " + std::to_string(i), GRASSROOTS_CELL, ward_, "", D(2025, 7, 1)).id();
  }
  UpdateOrganizationRequest rename;
  rename.mutable_organization()->set_id(cell_);
  rename.mutable_update_mask()->add_paths("name");
  google::type::Date last_rename_day;
  for (int i = 1; i <= kEverythingPageSize; ++i) {
    const absl::CivilDay day = absl::CivilDay(2025, 7, 1) + i;
    last_rename_day = D(static_cast<int>(day.year()), day.month(), day.day());
    rename.mutable_organization()->set_name("Chi bộ Phòng Kỹ thuật " + std::to_string(i));
    *rename.mutable_effective_date() = last_rename_day;
    Organization renamed;
    ASSERT_TRUE(Call(&Registry::Stub::UpdateOrganization, rename, &renamed).ok()) << i;
  }
  before_ = Everything();
  // The last organisation and the cell's last event, both beyond the first page, are in it.
  // (find and ==, not HasSubstr and EXPECT_EQ: a failure would print the whole registry.)
  EXPECT_NE(before_.find(MustGet(last).SerializeAsString()), std::string::npos) << "organisation " << last;
  ListOrganizationEventsRequest last_day;
  last_day.set_organization_id(cell_);
  *last_day.mutable_from_date() = last_rename_day;
  ListOrganizationEventsResponse last_event;
  ASSERT_TRUE(Call(&Registry::Stub::ListOrganizationEvents, last_day, &last_event).ok());
  ASSERT_EQ(last_event.events_size(), 1);
  EXPECT_NE(before_.find(last_event.events(0).SerializeAsString()), std::string::npos) << "the last rename";

  // A refused change to the last organisation changes nothing; an accepted one shows.
  UpdateOrganizationRequest update;
  update.mutable_organization()->set_id(last);
  update.mutable_organization()->set_name("");
  update.mutable_update_mask()->add_paths("name");
  *update.mutable_effective_date() = D(2025, 9, 1);
  Organization updated;
  EXPECT_THAT(BadFields(Call(&Registry::Stub::UpdateOrganization, update, &updated)), Contains("organization.name"));
  EXPECT_TRUE(Everything() == before_) << "a refused request changed the registry";
  update.mutable_organization()->set_name("Chi bộ Tổ dân phố cuối");
  ASSERT_TRUE(Call(&Registry::Stub::UpdateOrganization, update, &updated).ok());
  EXPECT_FALSE(Everything() == before_) << "a change beyond the first page went unseen";
}

TEST_F(OrganizationErrorsTest, ReadsCheckTheirInput) {
  GetOrganizationRequest get;
  get.set_id("0");
  Organization org;
  EXPECT_THAT(BadFields(Call(&Registry::Stub::GetOrganization, get, &org)), Contains("id"));
  get.set_id("424242");
  EXPECT_EQ(Call(&Registry::Stub::GetOrganization, get, &org).error_code(), grpc::StatusCode::NOT_FOUND);

  ListOrganizationsRequest list;
  list.set_page_size(-1);
  list.set_page_token("garbage");
  *list.mutable_as_of() = D(2025, 2, 29);
  ListOrganizationsResponse response;
  const auto fields = BadFields(Call(&Registry::Stub::ListOrganizations, list, &response));
  EXPECT_THAT(fields, Contains("page_size"));
  EXPECT_THAT(fields, Contains("page_token"));
  EXPECT_THAT(fields, Contains("as_of"));

  // A token only works with the filters it was issued for.
  list.Clear();
  list.set_page_size(1);
  ASSERT_TRUE(Call(&Registry::Stub::ListOrganizations, list, &response).ok());
  ASSERT_FALSE(response.next_page_token().empty());
  list.set_page_token(response.next_page_token());
  list.set_kind(CELL);
  EXPECT_THAT(BadFields(Call(&Registry::Stub::ListOrganizations, list, &response)), Contains("page_token"));
}

}  // namespace
}  // namespace haicap::registry::testing
