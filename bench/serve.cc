#include "bench/serve.h"

#include "absl/time/time.h"
#include "common/logging.h"

namespace haicap::bench {

int ServeUntilTerminated(const server::ServerOptions& options, grpc::Service* service,
                         const std::string& service_name, nlohmann::json extra_fields) {
  auto host = server::ServerHost::Start(options.listen, {service}, {service_name});
  if (!host.ok()) {
    LogError("cannot start", {{"service", service_name}, {"error", host.status().ToString()}});
    return 1;
  }
  extra_fields["service"] = service_name;
  extra_fields["port"] = (*host)->port();
  LogInfo("listening", extra_fields);
  int signal = server::WaitForTerminationSignal();
  LogInfo("stopping", {{"service", service_name}, {"signal", signal}});
  (*host)->Shutdown(absl::Seconds(options.grace_seconds));
  return 0;
}

}  // namespace haicap::bench
