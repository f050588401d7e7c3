// Turns a failed call to a haicap service into the lines a person reads on stderr.
//
// The services send a google.rpc.Status in the binary error details: an ErrorInfo with the
// machine-readable reason and, for INVALID_ARGUMENT, a BadRequest naming each bad field. So
//   error: FAILED_PRECONDITION (PARENT_NOT_ACTIVE): parent 12 was dissolved on 2025-06-30
// or
//   error: INVALID_ARGUMENT (INVALID_FIELD):
//     organization.name: is required
// Connection failures and timeouts say what to check instead of quoting gRPC internals first.
#pragma once

#include <string>
#include <string_view>

#include "grpcpp/support/status.h"

namespace haicap::ctl {

// The service the call went to and the deadline it had, to explain UNAVAILABLE and
// DEADLINE_EXCEEDED.
struct CallTarget {
  std::string service;  // as said in a sentence: "the registry", "the deadlines service"
  std::string address;
  double timeout_seconds = 0;
};

// REQUIRES: !status.ok(). One or more lines, each ending in '\n'.
std::string DescribeRpcError(const grpc::Status& status, const CallTarget& target);

}  // namespace haicap::ctl
