#include "tools/haicapctl/output.h"

#include <sstream>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "haicap/registry/v1/registry.pb.h"
#include "tools/haicapctl/help_format.h"

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

TEST(WrapText, BreaksAtWordsWithinTheWidth) {
  EXPECT_EQ(WrapText("được giao quyền cấp trên cơ sở", 12), "được giao\nquyền cấp\ntrên cơ sở");
  EXPECT_EQ(WrapText("short", 40), "short");
  EXPECT_EQ(WrapText("a verylongword b", 4), "a\nverylongword\nb");
  EXPECT_EQ(WrapText("one\ntwo three", 40), "one\ntwo three");
}

}  // namespace
}  // namespace haicap::ctl
