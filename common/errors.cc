#include "common/errors.h"

#include "absl/strings/cord.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"

namespace haicap {
namespace {

constexpr char kReasonPayload[] = "type.haicap/reason";
constexpr char kBadRequestPayload[] = "type.googleapis.com/google.rpc.BadRequest";

absl::Status WithReason(absl::StatusCode code, std::string_view reason, std::string_view message) {
  return haicap::WithReason(absl::Status(code, absl::string_view(message.data(), message.size())), reason);
}

std::string DefaultReason(absl::StatusCode code) {
  switch (code) {
    case absl::StatusCode::kInvalidArgument: return "INVALID_ARGUMENT";
    case absl::StatusCode::kNotFound: return "NOT_FOUND";
    case absl::StatusCode::kAlreadyExists: return "ALREADY_EXISTS";
    case absl::StatusCode::kFailedPrecondition: return "FAILED_PRECONDITION";
    case absl::StatusCode::kAborted: return "ABORTED";
    case absl::StatusCode::kUnavailable: return "UNAVAILABLE";
    case absl::StatusCode::kDeadlineExceeded: return "DEADLINE_EXCEEDED";
    case absl::StatusCode::kCancelled: return "CANCELLED";
    default: return "INTERNAL";
  }
}

}  // namespace

absl::Status InvalidArgument(std::string_view field, std::string_view description) {
  return InvalidArguments({{std::string(field), std::string(description)}});
}

absl::Status InvalidArguments(const std::vector<FieldViolation>& violations) {
  google::rpc::BadRequest bad_request;
  std::vector<std::string> parts;
  for (const FieldViolation& v : violations) {
    auto* fv = bad_request.add_field_violations();
    fv->set_field(v.field);
    fv->set_description(v.description);
    parts.push_back(absl::StrCat(absl::string_view(v.field), ": ", absl::string_view(v.description)));
  }
  absl::Status status = WithReason(absl::StatusCode::kInvalidArgument, "INVALID_FIELD",
                                   absl::StrJoin(parts, "; "));
  status.SetPayload(kBadRequestPayload, absl::Cord(bad_request.SerializeAsString()));
  return status;
}

absl::Status FailedPrecondition(std::string_view reason, std::string_view message) {
  return WithReason(absl::StatusCode::kFailedPrecondition, reason, message);
}
absl::Status NotFound(std::string_view reason, std::string_view message) {
  return WithReason(absl::StatusCode::kNotFound, reason, message);
}
absl::Status Aborted(std::string_view reason, std::string_view message) {
  return WithReason(absl::StatusCode::kAborted, reason, message);
}
absl::Status AlreadyExists(std::string_view reason, std::string_view message) {
  return WithReason(absl::StatusCode::kAlreadyExists, reason, message);
}
absl::Status Internal(std::string_view reason, std::string_view message) {
  return WithReason(absl::StatusCode::kInternal, reason, message);
}

absl::Status WithReason(absl::Status status, std::string_view reason) {
  status.SetPayload(kReasonPayload, absl::Cord(absl::string_view(reason.data(), reason.size())));
  return status;
}

std::string ErrorReason(const absl::Status& status) {
  if (auto reason = status.GetPayload(kReasonPayload)) return std::string(*reason);
  return DefaultReason(status.code());
}

std::vector<FieldViolation> FieldViolations(const absl::Status& status) {
  std::vector<FieldViolation> out;
  auto payload = status.GetPayload(kBadRequestPayload);
  google::rpc::BadRequest bad_request;
  if (!payload || !bad_request.ParseFromString(std::string(*payload))) return out;
  for (const auto& fv : bad_request.field_violations()) {
    out.push_back({fv.field(), fv.description()});
  }
  return out;
}

void ValidationErrors::Add(const absl::Status& status) {
  if (status.ok()) return;
  std::vector<FieldViolation> found = FieldViolations(status);
  if (status.code() == absl::StatusCode::kInvalidArgument && !found.empty()) {
    violations_.insert(violations_.end(), found.begin(), found.end());
  } else if (other_.ok()) {
    other_ = status;
  }
}

absl::Status ValidationErrors::Result() const {
  if (!other_.ok()) return other_;
  if (violations_.empty()) return absl::OkStatus();
  return InvalidArguments(violations_);
}

grpc::Status ToGrpcStatus(const absl::Status& status, std::string_view domain) {
  if (status.ok()) return grpc::Status::OK;
  google::rpc::Status rpc_status;
  rpc_status.set_code(static_cast<int>(status.code()));
  rpc_status.set_message(std::string(status.message()));
  google::rpc::ErrorInfo info;
  info.set_reason(ErrorReason(status));
  info.set_domain(std::string(domain));
  rpc_status.add_details()->PackFrom(info);
  if (auto payload = status.GetPayload(kBadRequestPayload)) {
    google::rpc::BadRequest bad_request;
    if (bad_request.ParseFromString(std::string(*payload))) {
      rpc_status.add_details()->PackFrom(bad_request);
    }
  }
  return grpc::Status(static_cast<grpc::StatusCode>(status.code()),
                      std::string(status.message()), rpc_status.SerializeAsString());
}

}  // namespace haicap
