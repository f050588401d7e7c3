// The import files: header checks, blank rows, and how each column of a row lands in the
// request or becomes a row error.
#include "tools/haicapctl/import/import_rows.h"

#include <fstream>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tools/haicapctl/core/args.h"
#include "tools/haicapctl/import/import_file.h"

namespace haicap::ctl {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

CsvRecord Record(int64_t line, std::vector<std::string> fields) {
  return CsvRecord{line, std::move(fields)};
}

ImportHeader Header(std::vector<std::string> names, absl::Span<const ImportColumn> columns) {
  return ImportHeader::Parse(Record(1, std::move(names)), columns).value();
}

// "line 4, column kind: INVALID_VALUE"
std::vector<std::string> Described(const std::vector<registry::RowError>& errors) {
  std::vector<std::string> described;
  for (const auto& error : errors) {
    described.push_back("line " + std::to_string(error.line()) + ", column " + error.column() +
                        ": " + error.reason());
  }
  return described;
}

TEST(ImportHeaderTest, ColumnsInAnyOrderAndCaseWithOptionalOnesLeftOut) {
  ImportHeader header = Header({" Effective_Date", "KEY", "action "}, OrganizationColumns());
  CsvRecord row = Record(2, {" 01/07/2025 ", "PL", "establish"});
  EXPECT_EQ(header.Cell(row, "key"), "PL");
  EXPECT_EQ(header.Cell(row, "effective_date"), "01/07/2025");
  EXPECT_EQ(header.Cell(row, "name"), "");  // not in the file
}

TEST(ImportHeaderTest, UnknownTwiceAndMissingColumnsAreNamed) {
  absl::StatusOr<ImportHeader> header = ImportHeader::Parse(
      Record(1, {"action", "key", "parent", "ten", "key"}), OrganizationColumns());
  ASSERT_FALSE(header.ok());
  EXPECT_EQ(header.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(header.status().message(), HasSubstr("unknown columns \"parent\", \"ten\""));
  EXPECT_THAT(header.status().message(), HasSubstr("(the columns are: action,key,name,kind,"));
  EXPECT_THAT(header.status().message(), HasSubstr("column named twice: key"));
  EXPECT_THAT(header.status().message(), HasSubstr("missing required column effective_date"));

  header = ImportHeader::Parse(Record(1, {"full_name", "sex"}), MemberColumns());
  ASSERT_FALSE(header.ok());
  EXPECT_THAT(header.status().message(),
              HasSubstr("missing required columns organization_key, date_of_birth, citizen_id, "
                        "status, admitted_on"));
}

TEST(ImportHeaderTest, SemicolonOrTabSeparatedFilesAreToldToSaveAsCommaSeparated) {
  for (const char* line : {"action;key;effective_date", "action\tkey\teffective_date"}) {
    absl::StatusOr<ImportHeader> header = ImportHeader::Parse(Record(1, {line}), OrganizationColumns());
    ASSERT_FALSE(header.ok()) << line;
    EXPECT_THAT(header.status().message(), HasSubstr("save as CSV UTF-8, comma-separated")) << line;
    EXPECT_THAT(header.status().message(), Not(HasSubstr("unknown column"))) << line;
  }
}

TEST(OrganizationRowTest, EveryColumnLandsInTheRow) {
  ImportHeader header =
      Header({"action", "key", "name", "kind", "parent_key", "admin_unit_code",
              "upper_grassroots_powers", "effective_date", "decision_number", "decision_date"},
             OrganizationColumns());
  registry::OrganizationImportRow row;
  std::vector<registry::RowError> errors;
  ASSERT_TRUE(
      ToOrganizationRow(header,
                        Record(7, {"Establish", "PL", "Đảng bộ phường Phúc Lợi", "commune", "id:1",
                                   "00136", "TRUE", "1/7/2025", "1234-QĐ/TU", "2025-06-30"}),
                        &row, &errors));
  EXPECT_THAT(errors, IsEmpty());
  EXPECT_EQ(row.line(), 7);
  EXPECT_EQ(row.action(), "establish");
  EXPECT_EQ(row.key(), "PL");
  EXPECT_EQ(row.name(), "Đảng bộ phường Phúc Lợi");
  EXPECT_EQ(row.kind(), registry::COMMUNE_COMMITTEE);
  EXPECT_EQ(row.parent_key(), "id:1");
  EXPECT_EQ(row.admin_unit_code(), "00136");
  EXPECT_TRUE(row.upper_grassroots_powers());
  EXPECT_EQ(FormatDate(row.effective_date()), "2025-07-01");
  EXPECT_EQ(row.decision().number(), "1234-QĐ/TU");
  EXPECT_EQ(FormatDate(row.decision().date()), "2025-06-30");
}

TEST(OrganizationRowTest, EmptyAndAbsentCellsStayUnset) {
  ImportHeader header = Header(
      {"action", "key", "kind", "upper_grassroots_powers", "effective_date", "decision_date"},
      OrganizationColumns());
  registry::OrganizationImportRow row;
  std::vector<registry::RowError> errors;
  ASSERT_TRUE(
      ToOrganizationRow(header, Record(3, {"dissolve", "CB7", "", "", "", ""}), &row, &errors));
  EXPECT_EQ(row.kind(), registry::ORGANIZATION_KIND_UNSPECIFIED);
  EXPECT_FALSE(row.upper_grassroots_powers());
  EXPECT_FALSE(row.has_effective_date());  // the registry says it is required
  EXPECT_FALSE(row.has_decision());
}

TEST(OrganizationRowTest, EachUnreadableCellIsARowErrorOnItsColumn) {
  ImportHeader header = Header(
      {"action", "key", "kind", "upper_grassroots_powers", "effective_date", "decision_date"},
      OrganizationColumns());
  struct Case {
    std::vector<std::string> cells;
    std::string column, message;
  };
  const Case cases[] = {
      {{"found", "K", "", "", "1/7/2025", ""}, "action", "unknown action \"found\""},
      {{"", "K", "", "", "1/7/2025", ""}, "action", "no action; use establish, move or dissolve"},
      {{"establish", "K", "chibo", "", "1/7/2025", ""}, "kind", "unknown organisation kind"},
      {{"establish", "K", "", "yes", "1/7/2025", ""},
       "upper_grassroots_powers",
       "\"yes\" is neither true nor false"},
      {{"establish", "K", "", "", "31/02/2025", ""}, "effective_date", "not a valid date"},
      {{"establish", "K", "", "", "1/7/2025", "June 30"}, "decision_date", "is not a date"},
  };
  for (const Case& c : cases) {
    registry::OrganizationImportRow row;
    std::vector<registry::RowError> errors;
    EXPECT_FALSE(ToOrganizationRow(header, Record(9, c.cells), &row, &errors)) << c.column;
    ASSERT_EQ(errors.size(), 1u) << c.column;
    EXPECT_EQ(errors[0].line(), 9);
    EXPECT_EQ(errors[0].column(), c.column);
    EXPECT_EQ(errors[0].reason(), "INVALID_VALUE");
    EXPECT_THAT(errors[0].message(), HasSubstr(c.message));
  }
}

TEST(MemberRowTest, EveryColumnLandsInTheRow) {
  ImportHeader header = Header(
      {"organization_key", "full_name", "date_of_birth", "sex", "citizen_id", "party_card_number",
       "party_record_number", "status", "admitted_on", "official_on", "effective_date"},
      MemberColumns());
  registry::MemberImportRow row;
  std::vector<registry::RowError> errors;
  ASSERT_TRUE(ToMemberRow(
      header,
      Record(4, {"PL-CB05", "Trần Thị Bình", "11/03/1970", "nu", " 001170004321 ", "01234567",
                 "LL-77", "chinh-thuc", "03/02/1995", "1996-02-03", "01/07/2025"}),
      &row, &errors));
  EXPECT_THAT(errors, IsEmpty());
  EXPECT_EQ(row.line(), 4);
  EXPECT_EQ(row.organization_key(), "PL-CB05");
  const registry::Member& member = row.member();
  EXPECT_EQ(member.full_name(), "Trần Thị Bình");
  EXPECT_EQ(FormatDate(member.date_of_birth()), "1970-03-11");
  EXPECT_EQ(member.sex(), registry::FEMALE);
  EXPECT_EQ(member.citizen_id(), "001170004321");
  EXPECT_EQ(member.party_card_number(), "01234567");
  EXPECT_EQ(member.party_record_number(), "LL-77");
  EXPECT_EQ(member.status(), registry::OFFICIAL);
  EXPECT_EQ(FormatDate(member.admitted_on()), "1995-02-03");
  EXPECT_EQ(FormatDate(member.official_on()), "1996-02-03");
  EXPECT_EQ(FormatDate(row.effective_date()), "2025-07-01");
  EXPECT_TRUE(member.organization_id().empty());  // the registry resolves the key
}

TEST(MemberRowTest, EveryUnreadableCellOfARowIsReported) {
  ImportHeader header =
      Header({"organization_key", "full_name", "date_of_birth", "sex", "citizen_id", "status",
              "admitted_on", "official_on", "effective_date"},
             MemberColumns());
  registry::MemberImportRow row;
  std::vector<registry::RowError> errors;
  EXPECT_FALSE(ToMemberRow(header,
                           Record(12, {"PL-CB05", "Lê Văn Cường", "20/10/00", "x", "00120000987",
                                       "removed", "1/3/2025", "soon", "32/1/2025"}),
                           &row, &errors));
  EXPECT_THAT(Described(errors), ElementsAre("line 12, column date_of_birth: INVALID_VALUE",
                                             "line 12, column sex: INVALID_VALUE",
                                             "line 12, column citizen_id: INVALID_VALUE",
                                             "line 12, column status: INVALID_VALUE",
                                             "line 12, column official_on: INVALID_VALUE",
                                             "line 12, column effective_date: INVALID_VALUE"));
  EXPECT_THAT(errors[1].message(), HasSubstr("unknown sex \"x\""));
  // 11 digits: the spreadsheet read the column as a number and dropped the leading zero.
  EXPECT_EQ(errors[2].message(),
            "a citizen ID (căn cước công dân) is exactly 12 digits; this one has 11: a leading zero "
            "may have been lost: format the column as text");
  EXPECT_THAT(errors[3].message(), HasSubstr("probationary or official, not removed"));
  for (const auto& error : errors) EXPECT_THAT(error.message(), Not(HasSubstr("00120000987")));
}

std::string WriteFile(const std::string& name, const std::string& text) {
  const std::string path = ::testing::TempDir() + "/" + name;
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

TEST(ImportFileTest, CountsDataRowsSkippingBlankOnesThenReadsThemInOrder) {
  const std::string path =
      WriteFile("members.csv",
                "\xEF\xBB\xBF"
                "organization_key,full_name,date_of_birth,sex,citizen_id,status,admitted_on\r\n"
                "PL,\"Nguyễn Văn An\",2/5/1998,nam,001098012345,du-bi,19/05/2025\r\n"
                ",,,,,,\r\n"
                "PL,\"Trần, Thị Bình\",11/3/1970,nu,001170004321,official,3/2/1995\r\n");
  auto file = ImportFile::Open(path, MemberColumns());
  ASSERT_TRUE(file.ok()) << file.status();
  EXPECT_EQ((*file)->rows(), 2);
  CsvRecord record;
  ASSERT_TRUE((*file)->Next(&record).value());
  EXPECT_EQ(record.line, 2);
  EXPECT_EQ((*file)->header().Cell(record, "full_name"), "Nguyễn Văn An");
  ASSERT_TRUE((*file)->Next(&record).value());
  EXPECT_EQ(record.line, 4);
  EXPECT_EQ((*file)->header().Cell(record, "full_name"), "Trần, Thị Bình");
  EXPECT_FALSE((*file)->Next(&record).value());
}

TEST(ImportFileTest, RefusesMissingEmptyAndMalformedFiles) {
  EXPECT_EQ(ImportFile::Open(::testing::TempDir() + "/nope.csv", MemberColumns()).status().code(),
            absl::StatusCode::kNotFound);
  EXPECT_THAT(ImportFile::Open(WriteFile("empty.csv", ""), MemberColumns()).status().message(),
              HasSubstr("the file is empty"));
  EXPECT_THAT(ImportFile::Open(WriteFile("ragged.csv",
                                         "action,key,effective_date\n"
                                         "establish,K,1/7/2025\n"
                                         "move,K\n"),
                               OrganizationColumns())
                  .status()
                  .message(),
              HasSubstr("line 3: the row has 2 cells"));
  EXPECT_THAT(ImportFile::Open(WriteFile("header.csv", "action,key\n"), OrganizationColumns())
                  .status()
                  .message(),
              HasSubstr("the header (line 1) is wrong: missing required column effective_date"));
  // Excel's "CSV" where the comma is the decimal sign: semicolons, and a comma inside a name.
  EXPECT_THAT(ImportFile::Open(WriteFile("semicolons.csv",
                                         "\xEF\xBB\xBF"
                                         "organization_key;full_name;date_of_birth;sex;citizen_id;"
                                         "status;admitted_on\r\n"
                                         "PL;Trần, Thị Bình;11/3/1970;nu;001170004321;official;"
                                         "3/2/1995\r\n"),
                               MemberColumns())
                  .status()
                  .message(),
              HasSubstr("save as CSV UTF-8, comma-separated"));
}

}  // namespace
}  // namespace haicap::ctl
