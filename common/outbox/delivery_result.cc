#include "common/outbox/delivery_result.h"

#include "absl/strings/str_cat.h"

namespace haicap::outbox {
namespace {

bool IsRefusal(grpc::StatusCode code) {
  switch (code) {
    case grpc::StatusCode::INVALID_ARGUMENT:
    case grpc::StatusCode::FAILED_PRECONDITION:
    case grpc::StatusCode::NOT_FOUND:
    case grpc::StatusCode::ALREADY_EXISTS:
    case grpc::StatusCode::PERMISSION_DENIED:
    case grpc::StatusCode::OUT_OF_RANGE:
      return true;
    default:
      return false;
  }
}

}  // namespace

DeliveryResult ResultOfRpc(const grpc::Status& status, FollowUp on_delivered, FollowUp on_failed) {
  if (status.ok()) return DeliveryResult::Delivered(std::move(on_delivered));
  // gRPC and absl share the canonical code numbers.
  std::string error = absl::StrCat(absl::StatusCodeToString(static_cast<absl::StatusCode>(status.error_code())),
                                   ": ", status.error_message());
  if (IsRefusal(status.error_code())) return DeliveryResult::Fail(std::move(error), std::move(on_failed));
  return DeliveryResult::Retry(std::move(error));
}

}  // namespace haicap::outbox
