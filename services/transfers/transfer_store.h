// The transfers service's RocksDB. Column families:
//   transfers          id                         → Transfer (without history)
//   transfer_history   (id, sequence)             → TransferChange
//   open_by_member     member id                  → id of the member's transfer not yet ended
//   by_organization    (org id, direction, id)    → ""  every organisation on the sending path
//                                                        (direction 'O') or receiving path ('I',
//                                                        "<province>/<id>" in another province),
//                                                        and ("member:<id>", 'M', id) by member
//   idempotency        (method, request_id)       → the original response
//   outbox             see common/outbox           messages to the registry and deadlines services
//   cursors            name                       → int64: how far a consumed event stream was read
// Thread-safe.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/storage/database.h"
#include "common/storage/idempotency.h"
#include "haicap/transfers/v1/transfers.pb.h"

namespace haicap::transfers {

enum TransferFamily {
  kTransfers,
  kTransferHistory,
  kOpenByMember,
  kByOrganization,
  kTransferIdempotency,
  kOutbox,
  kCursors,
};

// The by_organization key under which a member's transfers are listed.
inline std::string MemberIndexKey(const std::string& member_id) { return "member:" + member_id; }

class TransferStore {
 public:
  static absl::StatusOr<std::unique_ptr<TransferStore>> Open(const std::string& dir);

  storage::Database* db() { return db_.get(); }
  storage::IdempotencyStore& idempotency() { return *idempotency_; }
  rocksdb::ColumnFamilyHandle* family(TransferFamily f) const { return db_->family(f); }

  absl::StatusOr<std::optional<v1::Transfer>> Read(const std::string& id) const;
  // The transfer; NOT_FOUND (TRANSFER_NOT_FOUND) when there is none.
  absl::StatusOr<v1::Transfer> ReadExisting(const std::string& id) const;
  absl::StatusOr<std::vector<v1::TransferChange>> ReadHistory(const std::string& id) const;
  // The id of the member's transfer not yet ended, or nullopt.
  absl::StatusOr<std::optional<std::string>> OpenTransferOf(const std::string& member_id) const;
  absl::StatusOr<int64_t> Cursor(const std::string& name) const;

  void Put(rocksdb::WriteBatch* batch, const v1::Transfer& transfer);
  void PutHistory(rocksdb::WriteBatch* batch, const std::string& id, const v1::TransferChange& change);
  void SetOpen(rocksdb::WriteBatch* batch, const std::string& member_id, const std::string& id);
  void ClearOpen(rocksdb::WriteBatch* batch, const std::string& member_id);
  void PutOrganizationIndex(rocksdb::WriteBatch* batch, const std::string& org_id, char direction,
                            const std::string& id);
  // Raw access for ListTransfers: keys of `family` starting with `prefix`.
  std::unique_ptr<rocksdb::Iterator> Scan(TransferFamily family, std::string_view prefix) const {
    return db_->Scan(this->family(family), prefix);
  }
  bool HasOrganizationIndex(const std::string& org_id, char direction, const std::string& id) const;
  void PutCursor(rocksdb::WriteBatch* batch, const std::string& name, int64_t cursor);

 private:
  TransferStore() = default;
  std::unique_ptr<storage::Database> db_;
  std::unique_ptr<storage::IdempotencyStore> idempotency_;
};

}  // namespace haicap::transfers
