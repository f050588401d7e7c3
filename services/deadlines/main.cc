// haicap-deadlines: working-day calendars and due dates.
#include <cstdlib>

#include "common/clock.h"
#include "common/logging.h"
#include "common/server/server_host.h"
#include "services/deadlines/deadlines_server.h"

int main(int argc, char** argv) {
  haicap::server::BlockTerminationSignals();
  haicap::server::ServerOptions options;
  if (auto exit_code = haicap::server::ParseServerOptions(
          argc, argv, "deadlines", "haicap-deadlines: working-day calendars (holidays, make-up days, office hours) and due dates",
          50053, &options)) {
    return *exit_code;
  }
  haicap::SystemClock clock;
  auto server = haicap::deadlines::DeadlinesServer::Start(options, &clock);
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
