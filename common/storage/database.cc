#include "common/storage/database.h"

#include <filesystem>

#include "absl/strings/str_cat.h"
#include "common/errors.h"
#include "common/storage/key_codec.h"
#include "rocksdb/options.h"
#include "rocksdb/table.h"
#include "rocksdb/filter_policy.h"

namespace haicap::storage {

absl::Status FromRocksStatus(const rocksdb::Status& status) {
  if (status.ok()) return absl::OkStatus();
  if (status.IsNotFound()) return NotFound("NOT_FOUND", status.ToString());
  if (status.IsBusy() || status.IsTryAgain() || status.IsIOError()) {
    return absl::UnavailableError(status.ToString());
  }
  return Internal("STORAGE_ERROR", status.ToString());
}

absl::StatusOr<std::unique_ptr<Database>> Database::Open(
    const std::string& dir, const std::vector<std::string>& column_families,
    const std::map<std::string, std::shared_ptr<rocksdb::MergeOperator>>& merge_operators) {
  rocksdb::Options options;
  options.create_if_missing = true;
  options.create_missing_column_families = true;
  options.IncreaseParallelism(2);
  // Many concurrent writers each fsync; let RocksDB fold them into one group commit.
  options.enable_pipelined_write = true;
  // Flush the column families that pin old log files once the logs pass this, so the WAL (and the
  // replay at restart) stays bounded; a rarely written family (calendars) would otherwise keep the
  // first log alive forever.
  options.max_total_wal_size = 256 << 20;

  rocksdb::BlockBasedTableOptions table;
  table.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
  rocksdb::ColumnFamilyOptions cf_options;
  cf_options.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table));

  std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
  descriptors.emplace_back(rocksdb::kDefaultColumnFamilyName, cf_options);
  for (const std::string& name : column_families) {
    descriptors.emplace_back(name, cf_options);
    if (auto it = merge_operators.find(name); it != merge_operators.end()) {
      descriptors.back().options.merge_operator = it->second;
    }
  }

  std::error_code mkdir_error;
  std::filesystem::create_directories(dir, mkdir_error);  // RocksDB creates only the last folder
  if (mkdir_error) return absl::UnavailableError(absl::StrCat("cannot create ", dir, ": ", mkdir_error.message()));

  std::unique_ptr<Database> db(new Database());
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* raw = nullptr;
  rocksdb::Status s = rocksdb::DB::Open(rocksdb::DBOptions(options), dir, descriptors, &handles, &raw);
  if (!s.ok()) return absl::UnavailableError(absl::StrCat("cannot open RocksDB in ", dir, ": ", s.ToString()));
  db->db_.reset(raw);
  db->handles_.assign(handles.begin() + 1, handles.end());
  delete handles[0];  // the default family stays reachable through the DB itself
  return db;
}

Database::~Database() {
  for (auto* h : handles_) db_->DestroyColumnFamilyHandle(h);
  if (db_) db_->Close();
}

absl::StatusOr<std::string> Database::Get(rocksdb::ColumnFamilyHandle* cf, std::string_view key,
                                          const rocksdb::Snapshot* snapshot) const {
  rocksdb::ReadOptions read;
  read.snapshot = snapshot;
  std::string value;
  rocksdb::Status s = db_->Get(read, cf, rocksdb::Slice(key.data(), key.size()), &value);
  if (!s.ok()) return FromRocksStatus(s);
  return value;
}

namespace {
// Keeps the upper bound alive as long as the iterator that points at it.
class PrefixIterator final : public rocksdb::Iterator {
 public:
  PrefixIterator(rocksdb::DB* db, rocksdb::ColumnFamilyHandle* cf, std::string_view prefix,
                 const rocksdb::Snapshot* snapshot)
      : upper_(PrefixSuccessor(prefix)), upper_slice_(upper_) {
    rocksdb::ReadOptions read;
    read.snapshot = snapshot;
    if (!upper_.empty()) read.iterate_upper_bound = &upper_slice_;
    inner_.reset(db->NewIterator(read, cf));
  }
  bool Valid() const override { return inner_->Valid(); }
  void SeekToFirst() override { inner_->SeekToFirst(); }
  void SeekToLast() override { inner_->SeekToLast(); }
  void Seek(const rocksdb::Slice& t) override { inner_->Seek(t); }
  void SeekForPrev(const rocksdb::Slice& t) override { inner_->SeekForPrev(t); }
  void Next() override { inner_->Next(); }
  void Prev() override { inner_->Prev(); }
  rocksdb::Slice key() const override { return inner_->key(); }
  rocksdb::Slice value() const override { return inner_->value(); }
  rocksdb::Status status() const override { return inner_->status(); }

 private:
  std::string upper_;
  rocksdb::Slice upper_slice_;
  std::unique_ptr<rocksdb::Iterator> inner_;
};
}  // namespace

std::unique_ptr<rocksdb::Iterator> Database::Scan(rocksdb::ColumnFamilyHandle* cf, std::string_view prefix,
                                                  const rocksdb::Snapshot* snapshot) const {
  auto it = std::make_unique<PrefixIterator>(db_.get(), cf, prefix, snapshot);
  it->Seek(rocksdb::Slice(prefix.data(), prefix.size()));
  return it;
}

absl::Status Database::Commit(rocksdb::WriteBatch* batch) {
  rocksdb::WriteOptions write;
  write.sync = true;
  return FromRocksStatus(db_->Write(write, batch));
}

}  // namespace haicap::storage
