#include "tools/haicapctl/core/errors.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "google/rpc/code.pb.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"

namespace haicap::ctl {
namespace {

std::string CodeName(grpc::StatusCode code) {
  const std::string& name = google::rpc::Code_Name(static_cast<google::rpc::Code>(code));
  return name.empty() ? absl::StrCat("code ", static_cast<int>(code)) : name;
}

struct Details {
  std::string reason;
  google::rpc::BadRequest bad_request;
};

// What the server packed into grpc-status-details-bin; empty when it sent nothing we know.
Details DecodeDetails(const grpc::Status& status) {
  Details details;
  google::rpc::Status rpc_status;
  if (status.error_details().empty() || !rpc_status.ParseFromString(status.error_details())) {
    return details;
  }
  for (const google::protobuf::Any& any : rpc_status.details()) {
    google::rpc::ErrorInfo info;
    google::rpc::BadRequest bad_request;
    if (any.UnpackTo(&info)) {
      details.reason = info.reason();
    } else if (any.UnpackTo(&bad_request)) {
      details.bad_request.MergeFrom(bad_request);
    }
  }
  return details;
}

}  // namespace

std::string DescribeRpcError(const grpc::Status& status, const CallTarget& target) {
  const std::string code = CodeName(status.error_code());
  switch (status.error_code()) {
    case grpc::StatusCode::UNAVAILABLE:
      return absl::StrCat("error: cannot reach ", target.service, " at ", target.address,
                          " (is it running? see deploy/run-local.sh)\n  ", code, ": ",
                          status.error_message(), "\n");
    case grpc::StatusCode::DEADLINE_EXCEEDED:
      return absl::StrFormat(
          "error: %s at %s did not answer within %g s (DEADLINE_EXCEEDED); "
          "try again or raise --timeout\n",
          target.service, target.address, target.timeout_seconds);
    default:
      break;
  }
  const Details details = DecodeDetails(status);
  std::string out = absl::StrCat("error: ", code);
  if (!details.reason.empty() && details.reason != code) {
    absl::StrAppend(&out, " (", details.reason, ")");
  }
  if (details.bad_request.field_violations().empty()) {
    // The field violations repeat the message, so it is printed only when there are none.
    if (!status.error_message().empty()) absl::StrAppend(&out, ": ", status.error_message());
    absl::StrAppend(&out, "\n");
  } else {
    absl::StrAppend(&out, ":\n");
    for (const auto& violation : details.bad_request.field_violations()) {
      absl::StrAppend(&out, "  ", violation.field(), ": ", violation.description(), "\n");
    }
  }
  return out;
}

}  // namespace haicap::ctl
