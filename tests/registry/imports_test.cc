// Imports over gRPC: rows in file order, bad rows reported with line, column and reason and never
// half-written, re-runs recognised, dry runs writing nothing.
#include "tests/registry/registry_fixture.h"

namespace haicap::registry::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::Pair;

OrganizationImportRow OrgRow(int64_t line, const std::string& action, const std::string& key, const std::string& name,
                             OrganizationKind kind, const std::string& parent_key, const std::string& unit,
                             google::type::Date effective) {
  OrganizationImportRow row;
  row.set_line(line);
  row.set_action(action);
  row.set_key(key);
  row.set_name(name);
  row.set_kind(kind);
  row.set_parent_key(parent_key);
  row.set_admin_unit_code(unit);
  *row.mutable_effective_date() = effective;
  return row;
}

MemberImportRow MemberRow(int64_t line, const std::string& org_key, const std::string& name, const std::string& citizen_id,
                          MemberStatus status, google::type::Date admitted) {
  MemberImportRow row;
  row.set_line(line);
  row.set_organization_key(org_key);
  Member* m = row.mutable_member();
  m->set_full_name(name);
  *m->mutable_date_of_birth() = D(1970, 1, 15);
  m->set_sex(FEMALE);
  m->set_citizen_id(citizen_id);
  m->set_status(status);
  *m->mutable_admitted_on() = admitted;
  return row;
}

class ImportsTest : public RegistryTest {
 protected:
  ImportOrganizationsRequest OrganizationsFile() {
    ImportOrganizationsRequest request;
    *request.add_rows() = OrgRow(2, "establish", "HN", "Đảng bộ Thành phố Hà Nội", PROVINCIAL_COMMITTEE, "", "01", D(1930, 3, 1));
    *request.add_rows() = OrgRow(3, "establish", "QU-LB", "Đảng bộ quận Long Biên", DISTRICT_COMMITTEE, "HN", "004", D(2004, 1, 1));
    *request.add_rows() = OrgRow(4, "establish", "LB-CS01", "Chi bộ Trường Tiểu học Phúc Lợi", GRASSROOTS_CELL, "QU-LB", "", D(2010, 1, 1));
    *request.add_rows() = OrgRow(5, "establish", "BAD-1", "Chi bộ mồ côi", GRASSROOTS_CELL, "NO-SUCH-KEY", "", D(2010, 1, 1));
    *request.add_rows() = OrgRow(6, "establish", "PL", "Đảng bộ phường Phúc Lợi", COMMUNE_COMMITTEE, "HN", "00136", D(2025, 7, 1));
    *request.add_rows() = OrgRow(7, "move", "LB-CS01", "", ORGANIZATION_KIND_UNSPECIFIED, "PL", "", D(2025, 7, 1));
    *request.add_rows() = OrgRow(8, "establish", "BAD-2", "Chi bộ", CELL, "PL", "", D(2025, 7, 1));  // cell under ward
    *request.add_rows() = OrgRow(9, "dissolve", "QU-LB", "", ORGANIZATION_KIND_UNSPECIFIED, "", "", D(2025, 7, 1));
    *request.add_rows() = OrgRow(10, "establish", "PL-TDP1", "Chi bộ Tổ dân phố số 1", GRASSROOTS_CELL, "PL", "", D(2025, 7, 1));
    return request;
  }

  ImportReport ImportOrganizationsOk(const ImportOrganizationsRequest& request) {
    ImportReport report;
    grpc::Status status = Call(&Registry::Stub::ImportOrganizations, request, &report);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return report;
  }
};

TEST_F(ImportsTest, OrganizationRowsApplyInOrderAndBadRowsAreReported) {
  const ImportReport report = ImportOrganizationsOk(OrganizationsFile());
  EXPECT_EQ(report.imported(), 7);
  EXPECT_EQ(report.unchanged(), 0);
  ASSERT_EQ(report.errors_size(), 2);
  EXPECT_EQ(report.errors(0).line(), 5);
  EXPECT_EQ(report.errors(0).column(), "parent_key");
  EXPECT_EQ(report.errors(1).line(), 8);
  EXPECT_EQ(report.errors(1).reason(), "KIND_NOT_ALLOWED_UNDER_PARENT");

  const std::string pl = report.organization_ids().at("PL");
  const std::string cs01 = report.organization_ids().at("LB-CS01");
  const auto june = D(2025, 6, 30);
  EXPECT_EQ(MustGet(cs01, &june).parent_id(), report.organization_ids().at("QU-LB"));
  EXPECT_EQ(MustGet(cs01).parent_id(), pl);
  EXPECT_EQ(MustGet(report.organization_ids().at("QU-LB")).state(), DISSOLVED);
  EXPECT_EQ(ChildIds(pl).size(), 2u);
}

TEST_F(ImportsTest, ARerunChangesNothingAndADryRunWritesNothing) {
  ImportOrganizationsRequest file = OrganizationsFile();
  file.set_dry_run(true);
  const ImportReport dry = ImportOrganizationsOk(file);
  EXPECT_EQ(dry.imported(), 7);
  EXPECT_EQ(dry.errors_size(), 2);
  ListOrganizationsRequest all;
  ListOrganizationsResponse listed;
  ASSERT_TRUE(Call(&Registry::Stub::ListOrganizations, all, &listed).ok());
  EXPECT_EQ(listed.organizations_size(), 0);

  file.set_dry_run(false);
  const ImportReport first = ImportOrganizationsOk(file);
  const std::string before = Everything();
  const ImportReport again = ImportOrganizationsOk(file);
  EXPECT_EQ(again.imported(), 0);
  EXPECT_EQ(again.unchanged(), 7);
  EXPECT_EQ(again.errors_size(), 2);
  EXPECT_EQ(again.organization_ids().at("PL"), first.organization_ids().at("PL"));
  EXPECT_EQ(Everything(), before);
}

TEST_F(ImportsTest, MembersLandWholeOrNotAtAllAndAreNotDuplicated) {
  const ImportReport orgs = ImportOrganizationsOk(OrganizationsFile());
  ImportMembersRequest members;
  *members.add_rows() = MemberRow(2, "PL-TDP1", "Nguyễn Thị Hằng", "001170000001", OFFICIAL, D(1995, 5, 19));
  *members.add_rows() = MemberRow(3, "PL-TDP1", "Trần Văn Hùng", "0011700", OFFICIAL, D(1995, 5, 19));  // bad ID
  *members.add_rows() = MemberRow(4, "PL-TDP1", "Lê Thị Mai", "001170000001", OFFICIAL, D(2000, 1, 1));  // same ID as line 2
  *members.add_rows() = MemberRow(5, "NO-SUCH", "Phạm Văn Nam", "001170000004", OFFICIAL, D(2000, 1, 1));
  *members.add_rows() = MemberRow(6, "LB-CS01", "Hoàng Thị Lan", "001170000005", OFFICIAL, D(2001, 3, 3));
  *members.add_rows() = MemberRow(7, "PL-TDP1", "Vũ Văn Tùng", "001170000006", PROBATIONARY, D(2026, 2, 3));
  ImportReport report;
  ASSERT_TRUE(Call(&Registry::Stub::ImportMembers, members, &report).ok());
  EXPECT_EQ(report.imported(), 3);
  std::vector<std::pair<int64_t, std::string>> errors;
  for (const auto& e : report.errors()) errors.emplace_back(e.line(), e.column());
  EXPECT_THAT(errors, ElementsAre(Pair(3, "citizen_id"), Pair(4, "citizen_id"), Pair(5, "organization_key")));
  EXPECT_EQ(report.errors(1).reason(), "CITIZEN_ID_TAKEN");

  SummarizeSubtreeRequest summary_request;
  summary_request.set_organization_id(orgs.organization_ids().at("PL"));
  SubtreeSummary summary;
  ASSERT_TRUE(Call(&Registry::Stub::SummarizeSubtree, summary_request, &summary).ok());
  EXPECT_EQ(summary.official_member_count(), 2);
  EXPECT_EQ(summary.probationary_member_count(), 1);
  // The member of the handed-over cell joined it on its establishment (2010), after admission.
  *summary_request.mutable_as_of() = D(2025, 6, 30);
  summary_request.set_organization_id(orgs.organization_ids().at("QU-LB"));
  ASSERT_TRUE(Call(&Registry::Stub::SummarizeSubtree, summary_request, &summary).ok());
  EXPECT_EQ(summary.official_member_count(), 1);

  ImportReport again;
  ASSERT_TRUE(Call(&Registry::Stub::ImportMembers, members, &again).ok());
  EXPECT_EQ(again.imported(), 0);
  EXPECT_EQ(again.unchanged(), 3);
  EXPECT_EQ(again.errors_size(), 3);
}

TEST_F(ImportsTest, AnOfficialMemberWhoJoinedOnProbationIsProbationaryUntilOfficialOn) {
  const ImportReport orgs = ImportOrganizationsOk(OrganizationsFile());
  ImportMembersRequest members;
  // Joined the ward's new cell on 1/7/2025 while on probation; official from 10/9/2025.
  *members.add_rows() = MemberRow(2, "PL-TDP1", "Đặng Thu Trang", "001170000009", OFFICIAL, D(2024, 9, 10));
  ImportReport report;
  ASSERT_TRUE(Call(&Registry::Stub::ImportMembers, members, &report).ok());
  ASSERT_EQ(report.imported(), 1) << (report.errors_size() ? report.errors(0).message() : "");
  SummarizeSubtreeRequest request;
  request.set_organization_id(orgs.organization_ids().at("PL"));
  *request.mutable_as_of() = D(2025, 9, 9);
  SubtreeSummary summary;
  ASSERT_TRUE(Call(&Registry::Stub::SummarizeSubtree, request, &summary).ok());
  EXPECT_EQ(summary.probationary_member_count(), 1);
  *request.mutable_as_of() = D(2025, 9, 10);
  ASSERT_TRUE(Call(&Registry::Stub::SummarizeSubtree, request, &summary).ok());
  EXPECT_EQ(summary.official_member_count(), 1);
}

TEST_F(ImportsTest, OversizedCallsAreRefused) {
  ImportMembersRequest members;
  for (int i = 0; i < 1001; ++i) *members.add_rows() = MemberRow(i + 2, "X", "A", "001170000001", OFFICIAL, D(2000, 1, 1));
  ImportReport report;
  EXPECT_THAT(BadFields(Call(&Registry::Stub::ImportMembers, members, &report)), ::testing::Contains("rows"));
}

}  // namespace
}  // namespace haicap::registry::testing
