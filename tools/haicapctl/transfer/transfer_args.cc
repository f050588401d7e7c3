#include "tools/haicapctl/transfer/transfer_args.h"

#include "tools/haicapctl/core/enum_text.h"

namespace haicap::ctl {

absl::StatusOr<transfers::TransferKind> ParseTransferKind(std::string_view text) {
  return ParseEnum<transfers::TransferKind>(text, transfers::TransferKind_descriptor(),
                                            {{"chinh-thuc", transfers::OFFICIAL},
                                             {"tam-thoi", transfers::TEMPORARY},
                                             {"noi-bo", transfers::INTERNAL}},
                                            "transfer kind");
}

absl::StatusOr<transfers::TransferState> ParseTransferState(std::string_view text) {
  return ParseEnum<transfers::TransferState>(text, transfers::TransferState_descriptor(),
                                             {{"canceled", transfers::CANCELLED}},
                                             "transfer state");
}

std::string TransferKindLabel(transfers::TransferKind kind) {
  return LabelOf(kind, transfers::TransferKind_descriptor());
}

std::string TransferStateLabel(transfers::TransferState state) {
  return LabelOf(state, transfers::TransferState_descriptor());
}

std::string ChainRoleLabel(transfers::ChainRole role) {
  return LabelOf(role, transfers::ChainRole_descriptor());
}

}  // namespace haicap::ctl
