#include "common/errors.h"

#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "gtest/gtest.h"

namespace haicap {
namespace {

TEST(ErrorsTest, InvalidArgumentCarriesReasonAndFieldsToGrpc) {
  absl::Status status = InvalidArguments({{"organization.name", "is required"}, {"effective_date", "is required"}});
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(status.message(), "organization.name: is required; effective_date: is required");

  grpc::Status grpc_status = ToGrpcStatus(status, "registry.haicap");
  EXPECT_EQ(grpc_status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  google::rpc::Status details;
  ASSERT_TRUE(details.ParseFromString(grpc_status.error_details()));
  ASSERT_EQ(details.details_size(), 2);
  google::rpc::ErrorInfo info;
  ASSERT_TRUE(details.details(0).UnpackTo(&info));
  EXPECT_EQ(info.reason(), "INVALID_FIELD");
  EXPECT_EQ(info.domain(), "registry.haicap");
  google::rpc::BadRequest bad_request;
  ASSERT_TRUE(details.details(1).UnpackTo(&bad_request));
  ASSERT_EQ(bad_request.field_violations_size(), 2);
  EXPECT_EQ(bad_request.field_violations(1).field(), "effective_date");
}

TEST(ErrorsTest, EveryErrorGetsAnErrorInfo) {
  grpc::Status from_plain = ToGrpcStatus(absl::NotFoundError("gone"), "registry.haicap");
  google::rpc::Status details;
  ASSERT_TRUE(details.ParseFromString(from_plain.error_details()));
  google::rpc::ErrorInfo info;
  ASSERT_TRUE(details.details(0).UnpackTo(&info));
  EXPECT_EQ(info.reason(), "NOT_FOUND");

  EXPECT_EQ(ErrorReason(FailedPrecondition("HAS_CHILDREN", "x")), "HAS_CHILDREN");
  EXPECT_TRUE(ToGrpcStatus(absl::OkStatus(), "d").ok());
}

TEST(ErrorsTest, ValidationErrorsGathersEveryField) {
  ValidationErrors errors;
  errors.Add(absl::OkStatus());
  EXPECT_TRUE(errors.Result().ok());
  errors.Add(InvalidArgument("a", "bad"));
  errors.Add(InvalidArgument("b", "worse"));
  std::vector<FieldViolation> fields = FieldViolations(errors.Result());
  ASSERT_EQ(fields.size(), 2u);
  EXPECT_EQ(fields[0].field, "a");
  EXPECT_EQ(fields[1].field, "b");
  errors.Add(NotFound("X", "missing"));
  EXPECT_EQ(errors.Result().code(), absl::StatusCode::kNotFound);
}

}  // namespace
}  // namespace haicap
