// `haicapctl import orgs|members` against the fake registry: what the batches carry, in which
// order, the merged report the user sees, and the exit codes.
#include <cstdio>
#include <fstream>

#include "absl/strings/str_format.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/haicapctl/fake_registry.h"

namespace haicap::ctl {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::StartsWith;

constexpr char kMemberHeader[] =
    "organization_key,full_name,date_of_birth,sex,citizen_id,status,admitted_on\n";

constexpr char kOrgFile[] =
    "action,key,name,kind,parent_key,admin_unit_code,effective_date,decision_number\n"
    "establish,HN,Đảng bộ thành phố Hà Nội,province,,01,01/07/2025,1-QĐ/TW\n"
    "establish,PL,\"Đảng bộ phường Phúc Lợi, Hà Nội\",commune,HN,00136,01/07/2025,\n"
    "establish,CB1,Chi bộ 1,chibo,PL,,01/07/2025,\n"
    "establish,CB2,Chi bộ 2,grassroots-cell,PL-OLD,,01/07/2025,\n"
    "establish,CB3,Chi bộ 3,grassroots-cell,PL,,31/06/2025,\n"
    "establish,CB4,Chi bộ 4,grassroots-cell,PL,,01/07/2025,\n";

class ImportTest : public HaicapctlTest {
 protected:
  // Writes `text` to a fresh file in the test's temporary directory; returns its path.
  std::string WriteCsv(const std::string& name, const std::string& text) {
    const std::string path = ::testing::TempDir() + "/" + name;
    std::ofstream(path, std::ios::binary) << text;
    return path;
  }

  // A member file with `rows` members, citizen IDs 001090000001, 001090000002, ...
  std::string MemberFile(int rows) {
    std::string text = kMemberHeader;
    for (int i = 1; i <= rows; ++i) {
      absl::StrAppendFormat(&text, "CB1,Nguyễn Văn %d,02/05/1990,nam,0010900%05d,official,%s\n", i,
                            i, "01/03/2015");
    }
    return WriteCsv("members.csv", text);
  }
};

TEST_F(ImportTest, RowsGoInFileOrderInBatchesOfTheGivenSize) {
  ASSERT_EQ(Run({"import", "members", MemberFile(1201), "--batch-size", "500"}), 0) << err_.str();
  const auto calls = fake_.member_imports();
  ASSERT_EQ(calls.size(), 3u);
  EXPECT_EQ(calls[0].rows_size(), 500);
  EXPECT_EQ(calls[1].rows_size(), 500);
  EXPECT_EQ(calls[2].rows_size(), 201);
  int64_t line = 1;
  for (const auto& call : calls) {
    EXPECT_FALSE(call.dry_run());
    for (const auto& row : call.rows()) EXPECT_EQ(row.line(), ++line);
  }
  EXPECT_EQ(line, 1202);
  // Each batch has a request id of its own, from one id for the run: a retry repeats nothing.
  EXPECT_THAT(calls[0].request_id(), ::testing::EndsWith("-1"));
  EXPECT_EQ(calls[1].request_id(), calls[0].request_id().substr(0, calls[0].request_id().size() - 1) + "2");
  const registry::MemberImportRow& first = calls[0].rows(0);
  EXPECT_EQ(first.organization_key(), "CB1");
  EXPECT_EQ(first.member().full_name(), "Nguyễn Văn 1");
  EXPECT_EQ(first.member().citizen_id(), "001090000001");
  EXPECT_EQ(first.member().status(), registry::OFFICIAL);
  EXPECT_EQ(calls[2].rows(200).member().citizen_id(), "001090001201");
  EXPECT_EQ(fake_.seen()[0].actor, "clerk.phucloi");
  EXPECT_EQ(out_.str(),
            "Imported:   1201\n"
            "Unchanged:  0\n"
            "Errors:     0\n");
  // stderr is no terminal here: one progress line per tenth reached.
  EXPECT_THAT(err_.str(), StartsWith("500/1201 rows  41%"));
  EXPECT_THAT(err_.str(), HasSubstr("\n1000/1201 rows  83%"));
  EXPECT_THAT(err_.str(), HasSubstr("\n1201/1201 rows  100%"));
}

TEST_F(ImportTest, ARerunIsCountedUnchanged) {
  const std::string file = MemberFile(3);
  ASSERT_EQ(Run({"import", "members", file}), 0) << err_.str();
  ASSERT_EQ(Run({"import", "members", file}), 0) << err_.str();
  EXPECT_EQ(out_.str(),
            "Imported:   0\n"
            "Unchanged:  3 (already in the registry from an earlier run)\n"
            "Errors:     0\n");
  EXPECT_THAT(err_.str(), IsEmpty());  // one batch: no progress lines
}

TEST_F(ImportTest, DryRunSetsTheFlagAndSaysNothingWasWritten) {
  const std::string file = MemberFile(3);
  ASSERT_EQ(Run({"import", "members", file, "--dry-run", "--batch-size", "2"}), 0) << err_.str();
  ASSERT_EQ(fake_.member_imports().size(), 2u);
  for (const auto& call : fake_.member_imports()) {
    EXPECT_TRUE(call.dry_run());
    EXPECT_EQ(call.request_id(), "");  // nothing to deduplicate
  }
  EXPECT_EQ(out_.str(),
            "Dry run: every row was checked, nothing was written.\n"
            "Would import:  3\n"
            "Unchanged:     0\n"
            "Errors:        0\n");
  EXPECT_THAT(err_.str(), StartsWith("Dry run: checking 3 rows; nothing will be written.\n"));
  // Nothing was kept: the real run imports all three.
  ASSERT_EQ(Run({"import", "members", file}), 0);
  EXPECT_THAT(out_.str(), StartsWith("Imported:   3\n"));
}

TEST_F(ImportTest, CliAndRegistryRowErrorsAreMergedByLine) {
  ASSERT_EQ(Run({"import", "orgs", WriteCsv("orgs.csv", kOrgFile), "--batch-size", "2"}), 1)
      << err_.str();
  // Lines 4 (kind) and 6 (date) never reach the registry.
  const auto calls = fake_.org_imports();
  std::vector<int64_t> sent;
  for (const auto& call : calls) {
    for (const auto& row : call.rows()) sent.push_back(row.line());
  }
  EXPECT_THAT(sent, ElementsAre(2, 3, 5, 7));
  const registry::OrganizationImportRow& ward = calls[0].rows(1);
  EXPECT_EQ(ward.action(), "establish");
  EXPECT_EQ(ward.name(), "Đảng bộ phường Phúc Lợi, Hà Nội");
  EXPECT_EQ(ward.kind(), registry::COMMUNE_COMMITTEE);
  EXPECT_EQ(ward.parent_key(), "HN");
  EXPECT_EQ(ward.admin_unit_code(), "00136");
  EXPECT_EQ(calls[0].rows(0).decision().number(), "1-QĐ/TW");
  EXPECT_FALSE(calls[0].rows(0).decision().has_date());
  EXPECT_FALSE(ward.has_decision());
  EXPECT_EQ(out_.str(),
            "Imported:   3\n"
            "Unchanged:  0\n"
            "Errors:     3\n"
            "\n"
            "line 4, column kind: INVALID_VALUE: unknown organisation kind \"chibo\"; use one of "
            "provincial-committee, commune-committee, grassroots-committee, grassroots-cell, "
            "sub-committee, cell, district-committee\n"
            "line 5, column parent_key: PARENT_NOT_FOUND: no organisation has the key "
            "\"PL-OLD\"\n"
            "line 6, column effective_date: INVALID_VALUE: \"31/06/2025\" is not a valid date: "
            "2025-06-31 is not a calendar date\n"
            "\n"
            "Organisation ids:\n"
            "KEY  ID\n"
            "HN   1\n"
            "PL   2\n"
            "CB4  3\n");
}

TEST_F(ImportTest, WarningsFollowTheErrorsByLineAndDoNotFailTheRun) {
  fake_.WarnAboutName("Chi bo khu pho 1");
  fake_.WarnAboutName("Chi bộ Khu Phố 1");
  const std::string file = WriteCsv("look-alike.csv",
                                    "action,key,name,kind,parent_key,effective_date\n"
                                    "establish,KP1,Chi bộ Khu phố 1,grassroots-cell,id:57,2025-07-01\n"
                                    "establish,KP1B,Chi bộ Khu Phố 1,grassroots-cell,id:57,2025-07-01\n"
                                    "establish,KP1C,Chi bo khu pho 1,grassroots-cell,id:57,2025-07-01\n");
  ASSERT_EQ(Run({"import", "orgs", file, "--dry-run", "-o", "json"}), 0) << err_.str();
  EXPECT_THAT(out_.str(), HasSubstr("\"reason\": \"SIMILAR_SIBLING_NAME\""));
  ASSERT_EQ(Run({"import", "orgs", file, "--batch-size", "2"}), 0) << err_.str();
  EXPECT_THAT(out_.str(), StartsWith("Imported:   3\n"
                                     "Unchanged:  0\n"
                                     "Errors:     0\n"
                                     "Warnings:   2\n"
                                     "\n"
                                     "Warnings (the rows landed; check them):\n"
                                     "line 3, column name: SIMILAR_SIBLING_NAME: looks like the name of a sibling\n"
                                     "line 4, column name: SIMILAR_SIBLING_NAME: looks like the name of a sibling\n"));
}

TEST_F(ImportTest, JsonIsTheMergedReportWithEveryKey) {
  ASSERT_EQ(Run({"import", "orgs", WriteCsv("orgs.csv", kOrgFile), "-o", "json"}), 1);
  EXPECT_THAT(out_.str(), HasSubstr("\"imported\": \"3\""));
  EXPECT_THAT(out_.str(), HasSubstr("\"organizationIds\": {"));
  EXPECT_THAT(out_.str(), HasSubstr("\"CB4\": \"3\""));
  EXPECT_THAT(out_.str(), HasSubstr("\"reason\": \"PARENT_NOT_FOUND\""));
  EXPECT_LT(out_.str().find("\"line\": \"4\""), out_.str().find("\"line\": \"5\""));
}

TEST_F(ImportTest, TheTableShowsTheFirstIdsAndCountsTheRest) {
  std::string text = "action,key,name,kind,parent_key,effective_date\n";
  for (int i = 1; i <= 8; ++i) {
    absl::StrAppendFormat(&text, "establish,CB%d,Chi bộ %d,cell,id:57,2025-07-01\n", i, i);
  }
  ASSERT_EQ(Run({"import", "orgs", WriteCsv("cells.csv", text)}), 0) << err_.str();
  EXPECT_THAT(out_.str(), HasSubstr("KEY  ID\nCB1  1\nCB2  2\nCB3  3\nCB4  4\nCB5  5\n"
                                    "and 3 more (-o json lists every key with its id)\n"));
}

TEST_F(ImportTest, ARegistryRowErrorFailsTheRunWithEveryGoodRowImported) {
  fake_.TakeCitizenId("001090000002");
  ASSERT_EQ(Run({"import", "members", MemberFile(3)}), 1);
  EXPECT_EQ(out_.str(),
            "Imported:   2\n"
            "Unchanged:  0\n"
            "Errors:     1\n"
            "\n"
            "line 3, column citizen_id: CITIZEN_ID_TAKEN: the citizen ID belongs to another "
            "member\n");
}

TEST_F(ImportTest, ARefusedBatchStopsTheImportAndSaysWhere) {
  fake_.FailWith(grpc::Status(grpc::StatusCode::UNIMPLEMENTED, "not yet"));
  EXPECT_EQ(Run({"import", "members", MemberFile(3), "--batch-size", "2"}), 1);
  EXPECT_EQ(fake_.member_imports().size(), 0u);
  EXPECT_EQ(fake_.seen().size(), 1u);  // no second batch after a refusal
  EXPECT_EQ(err_.str(),
            "error: UNIMPLEMENTED: not yet\n"
            "  the import stopped before line 2; the report above covers the rows before it. "
            "Running the same file again is safe: rows already imported are skipped.\n");
  EXPECT_THAT(out_.str(), StartsWith("Imported:   0\n"));
}

TEST_F(ImportTest, AnImportCutShortTellsTheRequestIdThatRetriesItSafely) {
  fake_.FailWith(grpc::Status(grpc::StatusCode::UNAVAILABLE, "connection reset"));
  EXPECT_EQ(Run({"import", "members", MemberFile(3), "--request-id", "phuc-loi-2026"}), 1);
  EXPECT_THAT(err_.str(), HasSubstr("to retry safely, repeat the same command with --request-id phuc-loi-2026\n"));
  fake_.FailWith(grpc::Status::OK);
  err_.str("");
  ASSERT_EQ(Run({"import", "members", MemberFile(3), "--request-id", "phuc-loi-2026"}), 0) << err_.str();
  ASSERT_EQ(fake_.member_imports().size(), 1u);
  EXPECT_EQ(fake_.member_imports()[0].request_id(), "phuc-loi-2026-1");
}

TEST_F(ImportTest, UnreadableFilesAreUsageErrorsAndNothingIsSent) {
  EXPECT_EQ(Run({"import", "members", ::testing::TempDir() + "/missing.csv"}), 2);
  EXPECT_EQ(Run({"import", "members", MemberFile(1), "--batch-size", "1001"}), 2);
  EXPECT_EQ(Run({"import", "members", MemberFile(1), "--batch-size", "0"}), 2);
  EXPECT_EQ(Run({"import", "orgs",
                 WriteCsv("bad-header.csv",
                          "action,key,ten,effective_date\nestablish,A,B,"
                          "1/7/2025\n")}),
            2);
  EXPECT_THAT(err_.str(), HasSubstr("bad-header.csv: the header (line 1) is wrong: unknown "
                                    "column \"ten\" (the columns are: action,key,name,"));
  EXPECT_THAT(err_.str(), HasSubstr("\nNothing was sent.\n"));
  EXPECT_EQ(Run({"import", "orgs", WriteCsv("missing-column.csv", "action,key\nmove,A\n")}), 2);
  EXPECT_THAT(err_.str(), HasSubstr("missing required column effective_date"));
  EXPECT_EQ(
      Run({"import", "members",
           WriteCsv("ragged.csv", std::string(kMemberHeader) + "CB1,\"Lê, Văn\",1/1/1990,m\n")}),
      2);
  EXPECT_THAT(err_.str(), HasSubstr("line 2: the row has 4 cells but the header 7"));
  EXPECT_EQ(Run({"import", "members", WriteCsv("empty.csv", "")}), 2);
  EXPECT_EQ(Run({"import", "members",
                 WriteCsv("semicolons.csv", "organization_key;full_name;date_of_birth;sex;citizen_id;"
                                            "status;admitted_on\nCB1;Lê Văn;1/1/1990;nam;001090000001;"
                                            "official;1/3/2015\n")}),
            2);
  EXPECT_THAT(err_.str(), HasSubstr("semicolons.csv: the header (line 1) is separated by semicolons or "
                                    "tabs, not commas: save as CSV UTF-8, comma-separated\n"));
  EXPECT_EQ(Run({"import"}), 2);
  EXPECT_THAT(fake_.seen(), IsEmpty());
}

TEST_F(ImportTest, HelpListsTheColumnsWithAnExampleFile) {
  EXPECT_EQ(Run({"import", "orgs", "--help"}), 0);
  EXPECT_THAT(out_.str(), HasSubstr("upper_grassroots_powers  establish: true or false"));
  EXPECT_THAT(out_.str(), HasSubstr("Example file:\n  action,key,name,kind,parent_key,"));
  EXPECT_EQ(Run({"import", "members", "--help"}), 0);
  EXPECT_THAT(out_.str(), HasSubstr("citizen_id           12 digits"));
  EXPECT_THAT(out_.str(), HasSubstr("Example file:\n  organization_key,full_name,"));
}

}  // namespace
}  // namespace haicap::ctl
