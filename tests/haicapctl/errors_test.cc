#include "tools/haicapctl/core/errors.h"

#include "common/errors.h"
#include "gtest/gtest.h"

namespace haicap::ctl {
namespace {

const CallTarget kTarget = {"the registry", "127.0.0.1:50051", 10};

TEST(DescribeRpcError, NamesTheCodeAndTheReasonFromErrorInfo) {
  const grpc::Status status = ToGrpcStatus(
      FailedPrecondition("PARENT_NOT_ACTIVE", "parent 12 was dissolved on 2025-06-30"),
      "registry.haicap");
  EXPECT_EQ(DescribeRpcError(status, kTarget),
            "error: FAILED_PRECONDITION (PARENT_NOT_ACTIVE): parent 12 was dissolved on "
            "2025-06-30\n");
}

TEST(DescribeRpcError, ListsEachFieldViolationOnItsOwnLine) {
  const grpc::Status status =
      ToGrpcStatus(InvalidArguments({{"organization.name", "is required"},
                                     {"effective_date", "31/02 is not a calendar date"}}),
                   "registry.haicap");
  EXPECT_EQ(DescribeRpcError(status, kTarget),
            "error: INVALID_ARGUMENT (INVALID_FIELD):\n"
            "  organization.name: is required\n"
            "  effective_date: 31/02 is not a calendar date\n");
}

TEST(DescribeRpcError, OmitsAReasonThatOnlyRepeatsTheCode) {
  const grpc::Status status =
      ToGrpcStatus(absl::NotFoundError("organization 99 not found"), "registry.haicap");
  EXPECT_EQ(DescribeRpcError(status, kTarget), "error: NOT_FOUND: organization 99 not found\n");
}

TEST(DescribeRpcError, WorksWithoutDetails) {
  const grpc::Status status(grpc::StatusCode::PERMISSION_DENIED, "not allowed");
  EXPECT_EQ(DescribeRpcError(status, kTarget), "error: PERMISSION_DENIED: not allowed\n");
  const grpc::Status garbage(grpc::StatusCode::ABORTED, "etag mismatch", "\xff\xfe not a proto");
  EXPECT_EQ(DescribeRpcError(garbage, kTarget), "error: ABORTED: etag mismatch\n");
  EXPECT_EQ(DescribeRpcError(grpc::Status(grpc::StatusCode::UNIMPLEMENTED, ""), kTarget),
            "error: UNIMPLEMENTED\n");
}

TEST(DescribeRpcError, ExplainsAnUnreachableRegistry) {
  const grpc::Status status(grpc::StatusCode::UNAVAILABLE, "failed to connect to all addresses");
  EXPECT_EQ(DescribeRpcError(status, kTarget),
            "error: cannot reach the registry at 127.0.0.1:50051 (is it running? see "
            "deploy/run-local.sh)\n"
            "  UNAVAILABLE: failed to connect to all addresses\n");
}

TEST(DescribeRpcError, ExplainsATimeout) {
  const grpc::Status status(grpc::StatusCode::DEADLINE_EXCEEDED, "Deadline Exceeded");
  EXPECT_EQ(DescribeRpcError(status, {"the registry", "10.0.0.5:50051", 2.5}),
            "error: the registry at 10.0.0.5:50051 did not answer within 2.5 s "
            "(DEADLINE_EXCEEDED); try again or raise --timeout\n");
}

}  // namespace
}  // namespace haicap::ctl
