#include "tools/haicapctl/import/csv_reader.h"

#include <sstream>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace haicap::ctl {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

// Every record of `text`, or the first error.
absl::StatusOr<std::vector<CsvRecord>> ReadAll(const std::string& text) {
  std::istringstream in(text);
  CsvReader reader(in);
  std::vector<CsvRecord> records;
  for (;;) {
    CsvRecord record;
    absl::StatusOr<bool> more = reader.Next(&record);
    if (!more.ok()) return more.status();
    if (!*more) return records;
    records.push_back(std::move(record));
  }
}

TEST(CsvReaderTest, PlainRecordsWithTheirLines) {
  auto records = ReadAll("key,name\nPL,Phúc Lợi\nGB,Giang Biên\n");
  ASSERT_TRUE(records.ok()) << records.status();
  ASSERT_EQ(records->size(), 3u);
  EXPECT_THAT((*records)[0].fields, ElementsAre("key", "name"));
  EXPECT_THAT((*records)[1].fields, ElementsAre("PL", "Phúc Lợi"));
  EXPECT_THAT((*records)[2].fields, ElementsAre("GB", "Giang Biên"));
  EXPECT_EQ((*records)[0].line, 1);
  EXPECT_EQ((*records)[2].line, 3);
}

TEST(CsvReaderTest, QuotedFieldsHoldCommasDoubledQuotesAndLineBreaks) {
  auto records = ReadAll(
      "key,name,note\n"
      "CB1,\"Chi bộ 1, khu A\",\"so called \"\"old\"\" cell\"\n"
      "CB2,\"two\nlines\",\n"
      "CB3,\"\",x\n");
  ASSERT_TRUE(records.ok()) << records.status();
  ASSERT_EQ(records->size(), 4u);
  EXPECT_THAT((*records)[1].fields,
              ElementsAre("CB1", "Chi bộ 1, khu A", "so called \"old\" cell"));
  EXPECT_THAT((*records)[2].fields, ElementsAre("CB2", "two\nlines", ""));
  EXPECT_THAT((*records)[3].fields, ElementsAre("CB3", "", "x"));
  // A record's line is where it starts; the one after a two-line cell is on line 5.
  EXPECT_EQ((*records)[2].line, 3);
  EXPECT_EQ((*records)[3].line, 5);
}

TEST(CsvReaderTest, ByteOrderMarkCrlfAndNoFinalLineBreak) {
  auto records = ReadAll("\xEF\xBB\xBF\"key\",name\r\nPL,\"a\r\nb\"\r\nGB,c");
  ASSERT_TRUE(records.ok()) << records.status();
  ASSERT_EQ(records->size(), 3u);
  EXPECT_THAT((*records)[0].fields, ElementsAre("key", "name"));
  EXPECT_THAT((*records)[1].fields, ElementsAre("PL", "a\nb"));  // CRLF in a cell becomes \n
  EXPECT_THAT((*records)[2].fields, ElementsAre("GB", "c"));
  EXPECT_EQ((*records)[2].line, 4);
}

TEST(CsvReaderTest, EmptyLinesAreSkippedButCounted) {
  auto records = ReadAll("key,name\n\nPL,x\r\n\r\n\nGB,y\n\n");
  ASSERT_TRUE(records.ok()) << records.status();
  ASSERT_EQ(records->size(), 3u);
  EXPECT_EQ((*records)[1].line, 3);
  EXPECT_EQ((*records)[2].line, 6);
  EXPECT_THAT(ReadAll("").value(), ::testing::IsEmpty());
}

TEST(CsvReaderTest, RaggedRowIsAnErrorNamingItsLine) {
  auto records = ReadAll("key,name\nPL,x\nGB,Giang Biên, Long Biên\n");
  ASSERT_FALSE(records.ok());
  EXPECT_EQ(records.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(records.status().message(),
              HasSubstr("line 3: the row has 3 cells but the header 2 (a cell holding a comma "
                        "must be in double quotes)"));
  EXPECT_THAT(ReadAll("a,b,c\n1,2\n").status().message(), HasSubstr("line 2: the row has 2"));
}

TEST(CsvReaderTest, MisplacedQuotesAndUnclosedQuotesAreErrors) {
  EXPECT_THAT(ReadAll("a,b\n1,x\"y\n").status().message(),
              HasSubstr("line 2: a quote inside a cell that does not start with one"));
  EXPECT_THAT(ReadAll("a,b\n1,\"x\"y\n").status().message(),
              HasSubstr("line 2: a closing quote must end the cell"));
  EXPECT_THAT(ReadAll("a,b\n1,\"x\n\n2,y\n").status().message(),
              HasSubstr("line 2: a quoted cell starting on this line is never closed"));
}

TEST(CsvReaderTest, TextThatIsNotUtf8IsAnError) {
  // "Lợi" in Windows-1258 (Vietnamese ANSI): not UTF-8.
  EXPECT_THAT(ReadAll("a,b\n1,L\xF5i\n").status().message(),
              HasSubstr("line 2: the text is not UTF-8; save the spreadsheet as \"CSV UTF-8\""));
}

}  // namespace
}  // namespace haicap::ctl
