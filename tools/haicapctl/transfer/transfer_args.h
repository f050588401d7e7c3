// What a person types for transfers of party membership (chuyển sinh hoạt đảng) and the words
// printed back: kinds, states and the roles of the endorsing chain.
#pragma once

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "haicap/transfers/v1/transfers.pb.h"

namespace haicap::ctl {

namespace transfers = ::haicap::transfers::v1;

// official, temporary or internal (or the unaccented Vietnamese chinh-thuc, tam-thoi, noi-bo).
absl::StatusOr<transfers::TransferKind> ParseTransferKind(std::string_view text);
// requested, endorsing, introduced, received, completed, returned, cancelled (or canceled),
// rejected.
absl::StatusOr<transfers::TransferState> ParseTransferState(std::string_view text);

// "official", "temporary", "internal"; "" for an unset kind.
std::string TransferKindLabel(transfers::TransferKind kind);
// "introduced", "completed", ...; "" for an unset state.
std::string TransferStateLabel(transfers::TransferState state);
// "sending-organization", "issuing-committee", ...; "" for an unset role.
std::string ChainRoleLabel(transfers::ChainRole role);

}  // namespace haicap::ctl
