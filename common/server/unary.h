// Thin glue from a callback-API unary method to domain code returning absl::StatusOr.
#pragma once

#include <string_view>
#include <utility>

#include "absl/status/statusor.h"
#include "common/errors.h"
#include "common/server/worker_pool.h"
#include "grpcpp/grpcpp.h"

namespace haicap::server {

// Runs `fn` (returning absl::StatusOr<Response>) on `pool`, copies the result into `response`
// and finishes the call exactly once. `domain` goes into the ErrorInfo of errors.
template <typename Response, typename Fn>
grpc::ServerUnaryReactor* RunOnPool(grpc::CallbackServerContext* context, WorkerPool& pool,
                                    std::string_view domain, Response* response, Fn fn) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  pool.Submit([reactor, response, domain, fn = std::move(fn)]() mutable {
    absl::StatusOr<Response> result = fn();
    if (result.ok()) *response = std::move(*result);
    reactor->Finish(ToGrpcStatus(result.status(), domain));
  });
  return reactor;
}

// The same, on the calling gRPC thread: for reads that are served from memory and never block.
template <typename Response, typename Fn>
grpc::ServerUnaryReactor* RunInline(grpc::CallbackServerContext* context, std::string_view domain,
                                    Response* response, Fn fn) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  absl::StatusOr<Response> result = fn();
  if (result.ok()) *response = std::move(*result);
  reactor->Finish(ToGrpcStatus(result.status(), domain));
  return reactor;
}

// Who is calling: the `x-haicap-actor` metadata header, else the peer address.
std::string CallerActor(const grpc::CallbackServerContext* context);

}  // namespace haicap::server
