// ListTransfers: by member, by organisation subtree and direction, by state and overdue letters.
#include <set>

#include "absl/strings/str_cat.h"
#include "common/change/etag.h"
#include "common/errors.h"
#include "common/pagination.h"
#include "common/status_macros.h"
#include "common/storage/key_codec.h"
#include "services/transfers/transfer_book.h"

namespace haicap::transfers {
namespace {

// True for a by_organization key whose direction part is 'I'.
bool IncomingEntry(const rocksdb::Slice& key) {
  storage::KeyReader reader(std::string_view(key.data(), key.size()));
  reader.String();
  std::optional<std::string> direction = reader.String();
  return direction && *direction == "I";
}

}  // namespace

absl::StatusOr<v1::ListTransfersResponse> TransferBook::List(const v1::ListTransfersRequest& request) const {
  ValidationErrors errors;
  absl::StatusOr<int> page_size = CheckPageSize(request.page_size());
  errors.Add(page_size.status());
  if (!request.member_id().empty() && !request.organization_id().empty()) {
    errors.Add(InvalidArgument("organization_id", "cannot be combined with member_id"));
  }
  if (request.direction() != v1::ListTransfersRequest::DIRECTION_UNSPECIFIED && request.organization_id().empty()) {
    errors.Add(InvalidArgument("direction", "needs organization_id"));
  }
  if (!v1::ListTransfersRequest::Direction_IsValid(request.direction())) {
    errors.Add(InvalidArgument("direction", "is not a direction"));
  }
  std::set<int> states;
  for (int i = 0; i < request.states_size(); ++i) {
    if (!v1::TransferState_IsValid(request.states(i)) || request.states(i) == v1::TRANSFER_STATE_UNSPECIFIED) {
      errors.Add(InvalidArgument(absl::StrCat("states[", i, "]"), "is not a state"));
    }
    states.insert(request.states(i));
  }
  const uint64_t fingerprint = FilterFingerprint(request);
  absl::StatusOr<std::string> position = DecodePageToken(request.page_token(), fingerprint);
  errors.Add(position.status());
  RETURN_IF_ERROR(errors.Result());

  // Which keys to walk: an index (its last part is the transfer id) or the transfers themselves.
  const bool by_index = !request.member_id().empty() || !request.organization_id().empty();
  storage::KeyBuilder prefix;
  if (!request.member_id().empty()) prefix.String(MemberIndexKey(request.member_id())).String("M");
  if (!request.organization_id().empty()) {
    prefix.String(request.organization_id());
    if (request.direction() == v1::ListTransfersRequest::OUTGOING) prefix.String("O");
    if (request.direction() == v1::ListTransfersRequest::INCOMING) prefix.String("I");
  }
  std::unique_ptr<rocksdb::Iterator> it = store_->Scan(by_index ? kByOrganization : kTransfers, prefix.key());
  if (!position->empty()) {
    it->Seek(*position);
    if (it->Valid() && it->key() == rocksdb::Slice(*position)) it->Next();
  }
  // One match more than the page, to know whether another page follows.
  v1::ListTransfersResponse response;
  std::string last_key, key_before_extra;
  // Without a direction an organisation's scan meets a transfer twice when both ends are under it
  // (its 'I' and 'O' entries): the outgoing entry then stands for it.
  const bool both_directions =
      !request.organization_id().empty() && request.direction() == v1::ListTransfersRequest::DIRECTION_UNSPECIFIED;
  for (; it->Valid() && response.transfers_size() <= *page_size; it->Next()) {
    std::string id = it->key().ToString();
    if (by_index) {
      storage::KeyReader reader(std::string_view(it->key().data(), it->key().size()));
      reader.String();
      reader.String();
      std::optional<std::string> indexed = reader.String();
      if (!indexed) return Internal("CORRUPT_RECORD", "a transfer index key is malformed");
      id = std::move(*indexed);
    }
    ASSIGN_OR_RETURN(std::optional<v1::Transfer> transfer, store_->Read(id));
    if (!transfer) continue;
    if (both_directions && IncomingEntry(it->key()) && store_->HasOrganizationIndex(request.organization_id(), 'O', id)) {
      continue;
    }
    if (!states.empty() && !states.count(transfer->state())) continue;
    if (request.overdue() && !transfer->overdue()) continue;
    *response.add_transfers() = change::WithEtag(*std::move(transfer));
    key_before_extra = last_key;
    last_key = it->key().ToString();
  }
  RETURN_IF_ERROR(storage::FromRocksStatus(it->status()));
  if (response.transfers_size() > *page_size) {
    response.mutable_transfers()->RemoveLast();
    response.set_next_page_token(EncodePageToken(fingerprint, key_before_extra));
  }
  return response;
}

}  // namespace haicap::transfers
