#include "common/storage/key_codec.h"

#include <algorithm>
#include <string>
#include <tuple>
#include <vector>

#include "gtest/gtest.h"

namespace haicap::storage {
namespace {

TEST(KeyCodecTest, RoundTripsEveryPart) {
  std::string key = KeyBuilder().Uint64(42).Int64(-7).String(std::string("a\0b", 3)).String("").Release();
  KeyReader reader(key);
  EXPECT_EQ(reader.Uint64(), 42u);
  EXPECT_EQ(reader.Int64(), -7);
  EXPECT_EQ(reader.String(), std::string("a\0b", 3));
  EXPECT_EQ(reader.String(), "");
  EXPECT_TRUE(reader.done());
}

TEST(KeyCodecTest, ByteOrderFollowsTupleOrder) {
  std::vector<std::tuple<int64_t, std::string>> tuples = {
      {-5, "b"}, {-5, "ab"}, {0, ""}, {0, "a"}, {0, std::string("a\0", 2)}, {3, "abc"}, {3, "ab"}, {1LL << 40, "z"}};
  std::vector<std::pair<std::string, std::tuple<int64_t, std::string>>> encoded;
  for (const auto& t : tuples) {
    encoded.emplace_back(KeyBuilder().Int64(std::get<0>(t)).String(std::get<1>(t)).Release(), t);
  }
  std::sort(encoded.begin(), encoded.end());
  std::sort(tuples.begin(), tuples.end());
  for (size_t i = 0; i < tuples.size(); ++i) EXPECT_EQ(encoded[i].second, tuples[i]) << i;
}

TEST(KeyCodecTest, RejectsTruncatedInput) {
  std::string key = KeyBuilder().String("abc").Release();
  KeyReader truncated(std::string_view(key).substr(0, key.size() - 1));
  EXPECT_EQ(truncated.String(), std::nullopt);
  KeyReader short_int("abc");
  EXPECT_EQ(short_int.Uint64(), std::nullopt);
}

TEST(KeyCodecTest, PrefixSuccessorBoundsThePrefix) {
  EXPECT_EQ(PrefixSuccessor("ab"), "ac");
  EXPECT_EQ(PrefixSuccessor(std::string("a\xFF", 2)), "b");
  EXPECT_EQ(PrefixSuccessor(std::string("\xFF\xFF", 2)), "");
}

}  // namespace
}  // namespace haicap::storage
