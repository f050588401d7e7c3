// The due days the registry keeps for member clocks in its RocksDB: the provisional mark round-trips,
// and an entry without it (as written before the mark existed, and still for official days) reads as official.
#include "gmock/gmock.h"
#include "rocksdb/write_batch.h"
#include "services/registry/registry_store.h"
#include "tests/testing/temp_dir.h"

namespace haicap::registry {
namespace {

TEST(ClockDueStoreTest, TheProvisionalMarkRoundTripsAndOfficialDaysKeepTheOldLayout) {
  haicap::testing::TempDir dir;
  {
    absl::StatusOr<std::unique_ptr<RegistryStore>> store = RegistryStore::Open(dir.path());
    ASSERT_TRUE(store.ok()) << store.status();
    rocksdb::WriteBatch batch;
    (*store)->PutClockDue(&batch, 7, 1, ClockDue{20'000, true});
    (*store)->PutClockDue(&batch, 7, 2, ClockDue{20'001, false});
    ASSERT_TRUE((*store)->db()->Commit(&batch).ok());
  }
  absl::StatusOr<std::unique_ptr<RegistryStore>> reopened = RegistryStore::Open(dir.path());
  ASSERT_TRUE(reopened.ok()) << reopened.status();
  EXPECT_EQ(*(*reopened)->ReadClockDue(7, 1), (ClockDue{20'000, true}));
  EXPECT_EQ(*(*reopened)->ReadClockDue(7, 2), (ClockDue{20'001, false}));
  EXPECT_EQ(*(*reopened)->ReadClockDue(8, 1), std::nullopt);
}

}  // namespace
}  // namespace haicap::registry
