// The main() of every haicap server: flags, start, wait for SIGTERM, graceful stop.
#pragma once

#include <cstdlib>
#include <string>
#include <string_view>

#include "common/clock.h"
#include "common/logging.h"
#include "common/server/server_host.h"

namespace haicap::server {

// `Server` has `static absl::StatusOr<std::unique_ptr<Server>> Start(const ServerOptions&, const Clock*)`
// and `void Stop(absl::Duration grace)`. Returns the process's exit code.
// `options` carries defaults, e.g. the peers the server calls.
template <typename Server>
int RunServerMain(int argc, char** argv, std::string_view name, std::string_view description, int default_port,
                  ServerOptions options = {}) {
  BlockTerminationSignals();
  if (auto exit_code = ParseServerOptions(argc, argv, name, description, default_port, &options)) return *exit_code;
  SystemClock clock;
  auto server = Server::Start(options, &clock);
  if (!server.ok()) {
    LogError("cannot start", {{"error", std::string(server.status().message())}});
    return EXIT_FAILURE;
  }
  const int signal = WaitForTerminationSignal();
  LogInfo("stopping", {{"signal", signal}});
  (*server)->Stop(absl::Seconds(options.grace_seconds));
  LogInfo("stopped");
  return EXIT_SUCCESS;
}

}  // namespace haicap::server
