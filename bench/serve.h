// The run loop shared by the two ceiling servers: start, announce, wait for SIGTERM, drain.
#pragma once

#include <string>

#include "common/server/server_host.h"
#include "grpcpp/grpcpp.h"
#include "nlohmann/json.hpp"

namespace haicap::bench {

// Serves `service` on `options.listen`, logs the "listening" line (with `service_name`, the bound
// port and `extra_fields`), blocks until SIGTERM or SIGINT, then drains for
// `options.grace_seconds`. Returns the process exit code.
// REQUIRES: BlockTerminationSignals() was called before any thread was started.
int ServeUntilTerminated(const server::ServerOptions& options, grpc::Service* service,
                         const std::string& service_name,
                         nlohmann::json extra_fields = nlohmann::json::object());

}  // namespace haicap::bench
