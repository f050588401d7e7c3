#include "common/text/text.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace haicap::text {
namespace {

TEST(FoldForSearchTest, RemovesDiacriticsAndLowersCase) {
  EXPECT_EQ(FoldForSearch("Đảng bộ phường Phúc Lợi"), "dang bo phuong phuc loi");
  EXPECT_EQ(FoldForSearch("Thành phố Hồ Chí Minh"), "thanh pho ho chi minh");
  EXPECT_EQ(FoldForSearch("Xã Ea Kiết"), "xa ea kiet");
}

TEST(FoldForSearchTest, MapsDWithStrokeInBothCases) {
  EXPECT_EQ(FoldForSearch("Đ"), "d");
  EXPECT_EQ(FoldForSearch("đ"), "d");
  EXPECT_EQ(FoldForSearch("ĐỐNG ĐA đặc khu"), "dong da dac khu");
}

TEST(FoldForSearchTest, FoldsUpperCase) {
  EXPECT_EQ(FoldForSearch("PHƯỜNG PHÚC LỢI"), "phuong phuc loi");
  EXPECT_EQ(FoldForSearch("ỨNG HÒA"), "ung hoa");
}

TEST(FoldForSearchTest, CollapsesAndTrimsSpaces) {
  EXPECT_EQ(FoldForSearch("  Đảng bộ  Phường   PHÚC LỢI \t"), "dang bo phuong phuc loi");
  EXPECT_EQ(FoldForSearch("   "), "");
}

TEST(FoldForSearchTest, DecomposedAndOldStyleToneMarksFoldAlike) {
  // "Hoà" (old-style tone placement) and "Hòa", precomposed or decomposed, are the same word.
  EXPECT_EQ(FoldForSearch("Ho\xC3\xA0"), "hoa");
  EXPECT_EQ(FoldForSearch("H\xC3\xB2"
                          "a"),
            "hoa");
  EXPECT_EQ(FoldForSearch("Ho\xCC\x80"
                          "a"),
            "hoa");
}

TEST(FoldForSearchTest, InvalidUtf8YieldsEmpty) {
  EXPECT_EQ(FoldForSearch("Ph\xC3\x28ng"), "");
  EXPECT_EQ(FoldForSearch("\xFF"), "");
  EXPECT_EQ(FoldForSearch(std::string_view("\xE1\xBB", 2)), "");  // truncated sequence
}

TEST(MatchesQueryTest, EveryWordMustOccur) {
  const std::string name = FoldForSearch("Phường Phúc Lợi");
  EXPECT_TRUE(MatchesQuery(name, FoldForSearch("phuc loi")));
  EXPECT_TRUE(MatchesQuery(name, FoldForSearch("LỢI phường")));
  EXPECT_TRUE(MatchesQuery(name, ""));
  EXPECT_FALSE(MatchesQuery(name, FoldForSearch("phuc dong")));
}

TEST(MatchesQueryTest, WordsMatchFromTheirStart) {
  const std::string an = FoldForSearch("Nguyễn Văn An");
  EXPECT_TRUE(MatchesQuery(an, "nguyen van an"));
  EXPECT_TRUE(MatchesQuery(FoldForSearch("Nguyễn Văn Anh"), "nguyen van an"));
  EXPECT_TRUE(MatchesQuery(an, "ngu v"));
  // "an" inside "van" is not the name An.
  EXPECT_FALSE(MatchesQuery(FoldForSearch("Nguyễn Minh Vân"), "nguyen van an"));
}

TEST(LookAlikeTest, NamesDifferingAtMostByCaseDiacriticsOrSpacingLookAlike) {
  EXPECT_TRUE(LookAlike("Chi bộ Khu phố 1", "Chi bo khu pho 1"));
  EXPECT_TRUE(LookAlike("Chi bộ Khu phố 1", "CHI BỘ KHU PHỐ 1"));
  EXPECT_TRUE(LookAlike("Chi bộ Khu phố 1", "Chi bộ  Khu phố 1"));
  EXPECT_TRUE(LookAlike("Chi bộ Khu phố 1", "Chi bộ Khu phố 1"));
}

TEST(LookAlikeTest, AnotherNameOrNoNameDoesNot) {
  EXPECT_FALSE(LookAlike("Chi bộ Khu phố 1", "Chi bộ Khu phố 2"));
  EXPECT_FALSE(LookAlike("", "  "));
}

}  // namespace
}  // namespace haicap::text
