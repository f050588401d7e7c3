// The skeleton every change command runs through: the command builds its request (with its
// request id, and the etag when the record's was given), then RunChange sends it with the actor
// and prints the answer, or the error with how to retry safely.
#pragma once

#include <ostream>

#include "grpcpp/support/status.h"
#include "tools/haicapctl/core/session.h"

namespace haicap::ctl {

// Calls `rpc` once with `request` and prints the answer: as JSON with -o json, else as a table
// through `print_table(out, response)`. On a failure prints the decoded error and, when the
// outcome is unknown, the hint to repeat the command with request.request_id(). Returns the
// exit code.
template <typename Stub, typename Request, typename Response, typename PrintTable>
int RunChange(Session& session, Session::Rpc<Stub, Request, Response> rpc, const Request& request,
              const PrintTable& print_table) {
  Response response;
  const grpc::Status status = session.Call(rpc, request, &response);
  if (!status.ok()) return session.FailChange(status, request.request_id());
  return session.Show(response, [&](std::ostream& out) { print_table(out, response); });
}

}  // namespace haicap::ctl
