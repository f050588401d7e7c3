#include "services/transfers/transfer_store.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/errors.h"
#include "common/status_macros.h"
#include "common/storage/key_codec.h"

namespace haicap::transfers {
namespace {

using storage::KeyBuilder;


std::string OrganizationKey(const std::string& org_id, char direction, const std::string& id) {
  return KeyBuilder().String(org_id).String(std::string(1, direction)).String(id).Release();
}

}  // namespace

absl::StatusOr<std::unique_ptr<TransferStore>> TransferStore::Open(const std::string& dir) {
  std::unique_ptr<TransferStore> store(new TransferStore());
  // Indexed like enum TransferFamily.
  ASSIGN_OR_RETURN(store->db_, storage::Database::Open(dir, {"transfers", "transfer_history", "open_by_member",
                                                             "by_organization", "idempotency", "outbox",
                                                             "cursors"}));
  store->idempotency_ = std::make_unique<storage::IdempotencyStore>(store->db_.get(), store->family(kTransferIdempotency));
  return store;
}

absl::StatusOr<std::optional<v1::Transfer>> TransferStore::Read(const std::string& id) const {
  absl::StatusOr<std::string> value = db_->Get(family(kTransfers), id);
  if (absl::IsNotFound(value.status())) return std::nullopt;
  RETURN_IF_ERROR(value.status());
  v1::Transfer transfer;
  if (!transfer.ParseFromString(*value)) return Internal("CORRUPT_RECORD", "a transfer record is unreadable");
  return transfer;
}

absl::StatusOr<v1::Transfer> TransferStore::ReadExisting(const std::string& id) const {
  ASSIGN_OR_RETURN(std::optional<v1::Transfer> transfer, Read(id));
  if (!transfer) return NotFound("TRANSFER_NOT_FOUND", absl::StrCat("no transfer ", id));
  return *std::move(transfer);
}

absl::StatusOr<std::vector<v1::TransferChange>> TransferStore::ReadHistory(const std::string& id) const {
  std::vector<v1::TransferChange> history;
  auto it = db_->Scan(family(kTransferHistory), KeyBuilder().String(id).Release());
  for (; it->Valid(); it->Next()) {
    if (!history.emplace_back().ParseFromArray(it->value().data(), static_cast<int>(it->value().size()))) {
      return Internal("CORRUPT_RECORD", "a transfer history entry is unreadable");
    }
  }
  RETURN_IF_ERROR(storage::FromRocksStatus(it->status()));
  return history;
}

absl::StatusOr<std::optional<std::string>> TransferStore::OpenTransferOf(const std::string& member_id) const {
  absl::StatusOr<std::string> value = db_->Get(family(kOpenByMember), member_id);
  if (absl::IsNotFound(value.status())) return std::nullopt;
  RETURN_IF_ERROR(value.status());
  return *value;
}

absl::StatusOr<int64_t> TransferStore::Cursor(const std::string& name) const {
  absl::StatusOr<std::string> value = db_->Get(family(kCursors), name);
  if (absl::IsNotFound(value.status())) return 0;
  RETURN_IF_ERROR(value.status());
  int64_t cursor = 0;
  if (!absl::SimpleAtoi(*value, &cursor)) return Internal("CORRUPT_RECORD", "a cursor is malformed");
  return cursor;
}

void TransferStore::Put(rocksdb::WriteBatch* batch, const v1::Transfer& transfer) {
  v1::Transfer stored = transfer;
  stored.clear_history();
  stored.clear_etag();
  batch->Put(family(kTransfers), transfer.id(), stored.SerializeAsString());
}

void TransferStore::PutHistory(rocksdb::WriteBatch* batch, const std::string& id, const v1::TransferChange& change) {
  batch->Put(family(kTransferHistory), KeyBuilder().String(id).Int64(change.sequence()).Release(),
             change.SerializeAsString());
}

void TransferStore::SetOpen(rocksdb::WriteBatch* batch, const std::string& member_id, const std::string& id) {
  batch->Put(family(kOpenByMember), member_id, id);
}

void TransferStore::ClearOpen(rocksdb::WriteBatch* batch, const std::string& member_id) {
  batch->Delete(family(kOpenByMember), member_id);
}

void TransferStore::PutOrganizationIndex(rocksdb::WriteBatch* batch, const std::string& org_id, char direction,
                                         const std::string& id) {
  batch->Put(family(kByOrganization), OrganizationKey(org_id, direction, id), "");
}

bool TransferStore::HasOrganizationIndex(const std::string& org_id, char direction, const std::string& id) const {
  return db_->Get(family(kByOrganization), OrganizationKey(org_id, direction, id)).ok();
}

void TransferStore::PutCursor(rocksdb::WriteBatch* batch, const std::string& name, int64_t cursor) {
  batch->Put(family(kCursors), name, absl::StrCat(cursor));
}

}  // namespace haicap::transfers
