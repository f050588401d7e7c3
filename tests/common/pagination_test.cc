#include "common/pagination.h"

#include "google/rpc/error_details.pb.h"
#include "gtest/gtest.h"

namespace haicap {
namespace {

TEST(PaginationTest, PageSizeDefaultsAndCaps) {
  EXPECT_EQ(*CheckPageSize(0), kDefaultPageSize);
  EXPECT_EQ(*CheckPageSize(5), 5);
  EXPECT_EQ(*CheckPageSize(100000), kMaxPageSize);
  EXPECT_EQ(CheckPageSize(-1).status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(PaginationTest, TokenRoundTripsOnlyForTheSameFilters) {
  google::rpc::BadRequest::FieldViolation request;  // any message with no paging fields
  request.set_field("a");
  const uint64_t fingerprint = FilterFingerprint(request);
  std::string token = EncodePageToken(fingerprint, "42");
  EXPECT_EQ(*DecodePageToken(token, fingerprint), "42");
  EXPECT_EQ(*DecodePageToken("", fingerprint), "");

  request.set_field("b");
  EXPECT_EQ(DecodePageToken(token, FilterFingerprint(request)).status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(DecodePageToken("%%%", fingerprint).status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(DecodePageToken("YWJj", fingerprint).status().code(), absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace haicap
