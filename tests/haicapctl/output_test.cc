#include "tools/haicapctl/core/output.h"

#include <sstream>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "haicap/deadlines/v1/deadlines.pb.h"
#include "haicap/registry/v1/registry.pb.h"
#include "tools/haicapctl/core/help_format.h"

namespace haicap::ctl {
namespace {

TEST(DisplayWidth, CountsCharactersNotBytes) {
  EXPECT_EQ(DisplayWidth(""), 0);
  EXPECT_EQ(DisplayWidth("cell"), 4);
  const std::string name = "Đảng bộ phường Phúc Lợi";
  EXPECT_EQ(name.size(), 34u);
  EXPECT_EQ(DisplayWidth(name), 23);
  EXPECT_EQ(DisplayWidth("├─ "), 3);
}

TEST(DisplayWidth, CombiningMarksTakeNoColumnAndWideCharactersTwo) {
  // "Lợi" decomposed: L, o, U+031B horn, U+0323 dot below, i.
  EXPECT_EQ(DisplayWidth("Lo\xCC\x9B\xCC\xA3i"), 3);
  EXPECT_EQ(DisplayWidth("河内"), 4);
  EXPECT_EQ(DisplayWidth("a\xFF" "b"), 3);  // an invalid byte counts one column
}

// The display column where `needle` starts on `line`.
int ColumnOf(const std::string& line, const std::string& needle) {
  return DisplayWidth(line.substr(0, line.find(needle)));
}

TEST(Table, AlignsColumnsAfterVietnameseNames) {
  Table table({"ID", "NAME", "KIND"});
  table.AddRow({"1", "Đảng bộ thành phố Hà Nội", "provincial-committee"});
  table.AddRow({"57", "Đảng bộ phường Phúc Lợi", "commune-committee"});
  table.AddRow({"203", "Chi bộ Tổ dân phố số 5", "cell"});
  std::ostringstream out;
  table.Print(out);
  EXPECT_EQ(out.str(),
            "ID   NAME                      KIND\n"
            "1    Đảng bộ thành phố Hà Nội  provincial-committee\n"
            "57   Đảng bộ phường Phúc Lợi   commune-committee\n"
            "203  Chi bộ Tổ dân phố số 5    cell\n");
  std::istringstream lines(out.str());
  for (std::string line; std::getline(lines, line);) {
    const std::string kind = line.substr(line.rfind("  ") + 2);
    EXPECT_EQ(ColumnOf(line, kind), 31) << line;
  }
}

TEST(Table, LeavesNoTrailingBlanksWhenLastCellsAreEmpty) {
  Table table({"ID", "NAME", "UNIT"});
  table.AddRow({"7", "Chi bộ 1", ""});
  std::ostringstream out;
  table.Print(out);
  EXPECT_EQ(out.str(), "ID  NAME      UNIT\n7   Chi bộ 1\n");
}

TEST(PrintFields, AlignsValuesAndSkipsEmptyOnes) {
  std::ostringstream out;
  PrintFields(out, {{"ID", "57"}, {"Parent", ""}, {"Admin unit", "00136"}});
  EXPECT_EQ(out.str(), "ID:          57\nAdmin unit:  00136\n");
}

TEST(PrintJson, PrintsTheMessageWithEnumNames) {
  haicap::registry::v1::Organization org;
  org.set_id("57");
  org.set_name("Đảng bộ phường Phúc Lợi");
  org.set_kind(haicap::registry::v1::COMMUNE_COMMITTEE);
  org.set_admin_unit_code("00136");
  std::ostringstream out;
  ASSERT_TRUE(PrintJson(out, org).ok());
  EXPECT_THAT(out.str(), ::testing::HasSubstr("\"kind\": \"COMMUNE_COMMITTEE\""));
  EXPECT_THAT(out.str(), ::testing::HasSubstr("\"adminUnitCode\": \"00136\""));
  EXPECT_THAT(out.str(), ::testing::HasSubstr("Phúc Lợi"));
}

TEST(RevisionText, ShowsTheEtagOnlyWhenItIsMoreThanTheNumber) {
  EXPECT_EQ(RevisionText(7, "r7"), "7 (etag r7)");
  EXPECT_EQ(RevisionText(7, "7"), "7");
  EXPECT_EQ(RevisionText(7, ""), "7");
}

TEST(PrintCsvRecord, AHeaderOfFieldNamesAndOneQuotedRow) {
  haicap::deadlines::v1::Statistics stats;
  stats.set_unit_code("Phúc Lợi, \"demo\"");
  stats.set_kind(haicap::deadlines::v1::PARTY_OBLIGATION);
  stats.mutable_from_date()->set_year(2026);
  stats.mutable_from_date()->set_month(1);
  stats.mutable_from_date()->set_day(1);
  stats.set_received_total(20);
  stats.set_on_time_rate_percent(87.5);
  std::ostringstream out;
  ASSERT_TRUE(PrintCsvRecord(out, stats).ok());
  EXPECT_EQ(out.str(),
            "unit_code,kind,from_date,to_date,carried_over,received_direct,received_online,"
            "received_postal,received_total,finished_early,finished_on_time,finished_late,"
            "finished_total,in_progress_within_time,in_progress_overdue,waiting_supplement,"
            "on_time_rate_percent\n"
            "\"Phúc Lợi, \"\"demo\"\"\",PARTY_OBLIGATION,2026-01-01,,0,0,0,0,20,0,0,0,0,0,0,0,"
            "87.5\n");
}

TEST(PrintCsvRecord, RefusesListsAndNestedMessages) {
  std::ostringstream out;
  EXPECT_FALSE(PrintCsvRecord(out, haicap::deadlines::v1::Calendar()).ok());  // office_hours
  EXPECT_FALSE(PrintCsvRecord(out, haicap::deadlines::v1::RescheduleRecord()).ok());  // instants
  EXPECT_TRUE(PrintCsvRecord(out, haicap::deadlines::v1::StatutoryTime()).ok());
}

TEST(WrapText, BreaksAtWordsWithinTheWidth) {
  EXPECT_EQ(WrapText("được giao quyền cấp trên cơ sở", 12), "được giao\nquyền cấp\ntrên cơ sở");
  EXPECT_EQ(WrapText("short", 40), "short");
  EXPECT_EQ(WrapText("a verylongword b", 4), "a\nverylongword\nb");
  EXPECT_EQ(WrapText("one\ntwo three", 40), "one\ntwo three");
}

}  // namespace
}  // namespace haicap::ctl
