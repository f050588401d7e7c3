// haicap-registry: the party organisation registry server.
#include <cstdlib>

#include "common/clock.h"
#include "common/logging.h"
#include "common/server/server_host.h"
#include "services/registry/registry_server.h"

int main(int argc, char** argv) {
  haicap::server::BlockTerminationSignals();
  haicap::server::ServerOptions options;
  if (auto exit_code = haicap::server::ParseServerOptions(
          argc, argv, "registry", "haicap-registry: party organisations, their history and the administrative-unit gazetteer",
          50051, &options)) {
    return *exit_code;
  }
  haicap::SystemClock clock;
  auto server = haicap::registry::RegistryServer::Start(options, &clock);
  if (!server.ok()) {
    haicap::LogError("cannot start", {{"error", std::string(server.status().message())}});
    return EXIT_FAILURE;
  }
  const int signal = haicap::server::WaitForTerminationSignal();
  haicap::LogInfo("stopping", {{"signal", signal}});
  (*server)->Stop(absl::Seconds(options.grace_seconds));
  haicap::LogInfo("stopped");
  return EXIT_SUCCESS;
}
