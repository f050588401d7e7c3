// Turns gRPC's answer to an undecodable request into a proper INVALID_ARGUMENT.
//
// gRPC parses the request before any handler runs. When that fails — typically a proto3 string
// field holding invalid UTF-8 — gRPC 1.51 ends the call itself with an empty status (INTERNAL on
// the sync API, UNIMPLEMENTED on the callback API), which tells the client nothing. The
// interceptor installed by MakeMalformedRequestInterceptorFactory notices the missing request and
// replaces that status with MalformedRequestStatus(method).
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "grpcpp/support/server_interceptor.h"
#include "grpcpp/support/status.h"

namespace haicap::server {

// The error domain of a full method name "/<a>.<b>.<...>/<Method>" is "<b>.<a>":
// "/haicap.registry.v1.Registry/CreateOrganization" → "registry.haicap",
// "/grpc.health.v1.Health/Check" → "health.grpc". A name without two package parts is its own
// domain, without the slashes.
std::string ErrorDomainOfMethod(std::string_view method);

// INVALID_ARGUMENT with google.rpc.ErrorInfo{reason "MALFORMED_REQUEST", domain of `method`} and
// google.rpc.BadRequest naming the field "request".
grpc::Status MalformedRequestStatus(std::string_view method);

// For ServerBuilder::experimental().SetInterceptorCreators. Applies to methods with a single
// request message (unary and server-streaming); thread-safe.
std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>
MakeMalformedRequestInterceptorFactory();

}  // namespace haicap::server
