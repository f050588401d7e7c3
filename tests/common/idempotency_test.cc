#include "common/storage/idempotency.h"

#include "common/storage/database.h"
#include "common/testing/status_matchers.h"
#include "google/rpc/error_details.pb.h"
#include "gtest/gtest.h"
#include "testing/temp_dir.h"

namespace haicap::storage {
namespace {

using haicap::testing::IsOk;
using Response = google::rpc::ErrorInfo;  // any small message

class IdempotencyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto db = Database::Open(dir_.path(), {"data", "idempotency"});
    ASSERT_THAT(db, IsOk());
    db_ = std::move(*db);
    store_ = std::make_unique<IdempotencyStore>(db_.get(), db_->family(1));
  }

  // A mutation that counts its runs and writes one key.
  absl::StatusOr<Response> Mutate(const std::string& request_id, const std::string& value) {
    return store_->Run<Response>("Put", request_id, [&](rocksdb::WriteBatch* batch) -> absl::StatusOr<Response> {
      ++runs_;
      batch->Put(db_->family(0), "key", value);
      Response r;
      r.set_reason(value);
      return r;
    });
  }

  haicap::testing::TempDir dir_;
  std::unique_ptr<Database> db_;
  std::unique_ptr<IdempotencyStore> store_;
  int runs_ = 0;
};

TEST_F(IdempotencyTest, RetryReturnsTheFirstResponseWithoutRunningAgain) {
  ASSERT_EQ(Mutate("r1", "first")->reason(), "first");
  EXPECT_EQ(Mutate("r1", "second")->reason(), "first");
  EXPECT_EQ(runs_, 1);
  EXPECT_EQ(*db_->Get(db_->family(0), "key"), "first");
}

TEST_F(IdempotencyTest, EmptyRequestIdAlwaysRuns) {
  Mutate("", "a").IgnoreError();
  Mutate("", "b").IgnoreError();
  EXPECT_EQ(runs_, 2);
  EXPECT_EQ(*db_->Get(db_->family(0), "key"), "b");
}

TEST_F(IdempotencyTest, FailedMutationWritesNothingAndMayBeRetried) {
  auto failed = store_->Run<Response>("Put", "r2", [&](rocksdb::WriteBatch* batch) -> absl::StatusOr<Response> {
    batch->Put(db_->family(0), "key", "never");
    return absl::FailedPreconditionError("no");
  });
  EXPECT_EQ(failed.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_TRUE(absl::IsNotFound(db_->Get(db_->family(0), "key").status()));
  EXPECT_EQ(Mutate("r2", "now")->reason(), "now");
}

TEST(DatabaseTest, CreatesMissingParentFolders) {
  haicap::testing::TempDir dir;
  auto db = Database::Open(dir.path() + "/a/b/c", {"data"});
  EXPECT_THAT(db, IsOk());
}

TEST(RequestIdTest, RejectsLongOrUnprintableIds) {
  EXPECT_THAT(ValidateRequestId("abc-123"), IsOk());
  EXPECT_EQ(ValidateRequestId(std::string(101, 'x')).code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ValidateRequestId("a b").code(), absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace haicap::storage
