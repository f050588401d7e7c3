// Domain errors with the details that reach gRPC clients.
//
// Services build errors with these helpers: each carries a machine-readable reason
// (UPPER_SNAKE_CASE, sent as google.rpc.ErrorInfo) and, for bad input, the offending fields (sent as
// google.rpc.BadRequest). ToGrpcStatus turns any absl::Status into a grpc::Status whose binary
// details hold a google.rpc.Status, as the gRPC richer error model expects.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "grpcpp/support/status.h"

namespace haicap {

struct FieldViolation {
  std::string field;        // e.g. "organization.name"
  std::string description;  // what is wrong, for a person
};

// INVALID_ARGUMENT naming one field; the message is "<field>: <description>".
absl::Status InvalidArgument(std::string_view field, std::string_view description);
// INVALID_ARGUMENT naming several fields. REQUIRES: !violations.empty().
absl::Status InvalidArguments(const std::vector<FieldViolation>& violations);
// Other canonical errors with a reason, e.g. FailedPrecondition("PARENT_NOT_ACTIVE", "...").
absl::Status FailedPrecondition(std::string_view reason, std::string_view message);
absl::Status NotFound(std::string_view reason, std::string_view message);
absl::Status Aborted(std::string_view reason, std::string_view message);
absl::Status AlreadyExists(std::string_view reason, std::string_view message);
absl::Status Internal(std::string_view reason, std::string_view message);
// `status` with its reason replaced, e.g. WithReason(InvalidArgument("request", "..."),
// "MALFORMED_REQUEST") for an INVALID_ARGUMENT whose cause is not an ordinary bad field.
absl::Status WithReason(absl::Status status, std::string_view reason);

// The reason attached by the helpers above, or a default derived from the code.
std::string ErrorReason(const absl::Status& status);
// The field violations attached by InvalidArgument(s); empty for other errors.
std::vector<FieldViolation> FieldViolations(const absl::Status& status);

// Gathers the outcome of several input checks so one INVALID_ARGUMENT names every bad field.
// Any other error is kept as is (the first one wins).
class ValidationErrors {
 public:
  void Add(const absl::Status& status);
  // OK, the first non-INVALID_ARGUMENT error, or one INVALID_ARGUMENT with all violations.
  absl::Status Result() const;

 private:
  std::vector<FieldViolation> violations_;
  absl::Status other_;
};

// Converts to a gRPC status carrying google.rpc.ErrorInfo{reason, domain} and, when present,
// google.rpc.BadRequest. `domain` is the service's, e.g. "registry.haicap".
grpc::Status ToGrpcStatus(const absl::Status& status, std::string_view domain);

}  // namespace haicap
