// One RocksDB per service, opened with a fixed list of column families.
//
// Writes go through Commit(), always as one WriteBatch with the WAL synced: when Commit returns
// OK the change survives a kill -9 or a power cut. Concurrent Commit calls group-commit inside
// RocksDB, so throughput comes from many writers in flight. Thread-safe.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "rocksdb/db.h"
#include "rocksdb/merge_operator.h"
#include "rocksdb/write_batch.h"

namespace haicap::storage {

class Database {
 public:
  // Opens (creating when missing) the database in `dir` with `column_families` besides the
  // default one. The returned handles are indexed like `column_families`.
  // `merge_operators` gives some of the families a merge operator (e.g. CounterAddOperator).
  static absl::StatusOr<std::unique_ptr<Database>> Open(
      const std::string& dir, const std::vector<std::string>& column_families,
      const std::map<std::string, std::shared_ptr<rocksdb::MergeOperator>>& merge_operators = {});
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  rocksdb::ColumnFamilyHandle* family(size_t index) const { return handles_.at(index); }

  // The value under `key`, NOT_FOUND when absent. `snapshot` may be null (latest).
  absl::StatusOr<std::string> Get(rocksdb::ColumnFamilyHandle* cf, std::string_view key,
                                  const rocksdb::Snapshot* snapshot = nullptr) const;
  // An iterator limited to keys starting with `prefix`. `snapshot` may be null.
  std::unique_ptr<rocksdb::Iterator> Scan(rocksdb::ColumnFamilyHandle* cf, std::string_view prefix,
                                          const rocksdb::Snapshot* snapshot = nullptr) const;
  // Applies `batch` atomically and durably (WAL fsync).
  absl::Status Commit(rocksdb::WriteBatch* batch);

  // A consistent view for multi-key reads; release it with ReleaseSnapshot.
  const rocksdb::Snapshot* GetSnapshot() { return db_->GetSnapshot(); }
  void ReleaseSnapshot(const rocksdb::Snapshot* s) { db_->ReleaseSnapshot(s); }

 private:
  Database() = default;
  std::unique_ptr<rocksdb::DB> db_;
  std::vector<rocksdb::ColumnFamilyHandle*> handles_;
};

// Holds a snapshot for the lifetime of a read. Not copyable.
class ScopedSnapshot {
 public:
  explicit ScopedSnapshot(Database* db) : db_(db), snapshot_(db->GetSnapshot()) {}
  ~ScopedSnapshot() { db_->ReleaseSnapshot(snapshot_); }
  ScopedSnapshot(const ScopedSnapshot&) = delete;
  ScopedSnapshot& operator=(const ScopedSnapshot&) = delete;
  const rocksdb::Snapshot* get() const { return snapshot_; }

 private:
  Database* db_;
  const rocksdb::Snapshot* snapshot_;
};

// Maps a RocksDB status to an absl one (storage failures are INTERNAL or UNAVAILABLE).
absl::Status FromRocksStatus(const rocksdb::Status& status);

}  // namespace haicap::storage
