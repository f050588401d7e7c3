// Imports over gRPC: rows in file order, bad rows reported with line, column and reason and never
// half-written, re-runs recognised, dry runs writing nothing.
#include "tests/registry/registry_fixture.h"

namespace haicap::registry::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;
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

TEST_F(ImportsTest, MemberRowsThatCannotBeTrueAreRefusedWithTheirColumn) {
  ImportOrganizationsOk(OrganizationsFile());
  ImportMembersRequest members;
  auto last = [&members] { return members.mutable_rows(members.rows_size() - 1)->mutable_member(); };
  // The fake clock says 1/7/2026.
  *members.add_rows() = MemberRow(2, "PL-TDP1", "Nguyễn Thị Hằng", "001170000001", PROBATIONARY, D(2026, 7, 2));
  *members.add_rows() = MemberRow(3, "PL-TDP1", "Trần Văn Hùng", "001170000002", OFFICIAL, D(2020, 1, 1));
  *last()->mutable_official_on() = D(2026, 7, 2);
  *members.add_rows() = MemberRow(4, "PL-TDP1", "Lê Thị Mai", "001170000003", OFFICIAL, D(2025, 9, 1));
  *members.add_rows() = MemberRow(5, "PL-TDP1", "Phạm Văn Nam", "001170000004", OFFICIAL, D(2020, 1, 1));
  *last()->mutable_official_on() = D(2020, 12, 31);
  *members.add_rows() = MemberRow(6, "PL-TDP1", "Hoàng Thị Lan", "001170000005", OFFICIAL, D(2020, 1, 1));
  *last()->mutable_date_of_birth() = D(2002, 1, 2);
  *members.add_rows() = MemberRow(7, "PL-TDP1", "Vũ Văn Tùng", "79098012345", OFFICIAL, D(2020, 1, 1));
  *members.add_rows() = MemberRow(8, "PL-TDP1", "Đặng Thu Trang", "001170000007", OFFICIAL, D(2020, 1, 1));
  members.set_dry_run(true);
  ImportReport dry;
  ASSERT_TRUE(Call(&Registry::Stub::ImportMembers, members, &dry).ok());
  members.set_dry_run(false);
  ImportReport report;
  ASSERT_TRUE(Call(&Registry::Stub::ImportMembers, members, &report).ok());
  EXPECT_EQ(dry.SerializeAsString(), report.SerializeAsString());
  EXPECT_EQ(report.imported(), 1);
  std::vector<std::pair<int64_t, std::string>> errors;
  for (const auto& e : report.errors()) errors.emplace_back(e.line(), e.column());
  EXPECT_THAT(errors, ElementsAre(Pair(2, "admitted_on"), Pair(3, "official_on"), Pair(4, "status"),
                                  Pair(5, "official_on"), Pair(6, "date_of_birth"), Pair(7, "citizen_id")));
  EXPECT_THAT(report.errors(0).message(), HasSubstr("admitted_on: is after today (2026-07-01)"));
  EXPECT_THAT(report.errors(1).message(), HasSubstr("official_on: is after today (2026-07-01)"));
  EXPECT_THAT(report.errors(2).message(), HasSubstr("probation end on 2026-09-01, after today"));
  EXPECT_THAT(report.errors(3).message(), HasSubstr("before the end of probation (2021-01-01)"));
  EXPECT_EQ(report.errors(4).reason(), "TOO_YOUNG");
  EXPECT_THAT(report.errors(5).message(), HasSubstr("a leading zero may have been lost: format the column as text"));
  EXPECT_THAT(report.errors(5).message(), Not(HasSubstr("79098012345")));

  ListMembersRequest list;
  list.set_citizen_id("001170000007");
  ListMembersResponse found;
  ASSERT_TRUE(Call(&Registry::Stub::ListMembers, list, &found).ok());
  EXPECT_EQ(found.members_size(), 1);
  for (const char* refused : {"001170000001", "001170000002", "001170000003", "001170000004", "001170000005"}) {
    list.set_citizen_id(refused);
    ASSERT_TRUE(Call(&Registry::Stub::ListMembers, list, &found).ok());
    EXPECT_EQ(found.members_size(), 0) << refused;
  }
}

TEST_F(ImportsTest, ALookAlikeSiblingNameIsAWarningNotARefusal) {
  ImportOrganizationsRequest file = OrganizationsFile();
  *file.add_rows() = OrgRow(11, "establish", "PL-KP1", "Chi bộ Khu phố 1", GRASSROOTS_CELL, "PL", "", D(2025, 7, 1));
  *file.add_rows() = OrgRow(12, "establish", "PL-KP1-BIS", "Chi bo khu pho 1", GRASSROOTS_CELL, "PL", "", D(2025, 7, 1));
  // The same name in another ward is no sibling.
  *file.add_rows() = OrgRow(13, "establish", "BD", "Đảng bộ phường Bồ Đề", COMMUNE_COMMITTEE, "HN", "00118", D(2025, 7, 1));
  *file.add_rows() = OrgRow(14, "establish", "BD-KP1", "Chi bo khu pho 1", GRASSROOTS_CELL, "BD", "", D(2025, 7, 1));
  const ImportReport report = ImportOrganizationsOk(file);
  EXPECT_EQ(report.imported(), 11);
  ASSERT_EQ(report.warnings_size(), 1);
  EXPECT_EQ(report.warnings(0).line(), 12);
  EXPECT_EQ(report.warnings(0).column(), "name");
  EXPECT_EQ(report.warnings(0).reason(), "SIMILAR_SIBLING_NAME");
  EXPECT_THAT(report.warnings(0).message(),
              HasSubstr("looks like the name of Chi bộ Khu phố 1 (" + report.organization_ids().at("PL-KP1") + ")"));
  EXPECT_EQ(MustGet(report.organization_ids().at("PL-KP1-BIS")).name(), "Chi bo khu pho 1");

  // A later file's row against a stored sibling, in capitals; the re-run rows are unchanged, unwarned.
  ImportOrganizationsRequest later;
  *later.add_rows() = OrgRow(2, "establish", "PL-KP1", "Chi bộ Khu phố 1", GRASSROOTS_CELL, "PL", "", D(2025, 7, 1));
  *later.add_rows() = OrgRow(3, "establish", "PL-KP1-TER", "CHI BỘ KHU PHỐ 1", GRASSROOTS_CELL, "PL", "", D(2025, 8, 1));
  const ImportReport again = ImportOrganizationsOk(later);
  EXPECT_EQ(again.unchanged(), 1);
  EXPECT_EQ(again.imported(), 1);
  ASSERT_EQ(again.warnings_size(), 1);
  EXPECT_EQ(again.warnings(0).line(), 3);
}

TEST_F(ImportsTest, OversizedCallsAreRefused) {
  ImportMembersRequest members;
  for (int i = 0; i < 1001; ++i) *members.add_rows() = MemberRow(i + 2, "X", "A", "001170000001", OFFICIAL, D(2000, 1, 1));
  ImportReport report;
  EXPECT_THAT(BadFields(Call(&Registry::Stub::ImportMembers, members, &report)), ::testing::Contains("rows"));
}

}  // namespace
}  // namespace haicap::registry::testing
