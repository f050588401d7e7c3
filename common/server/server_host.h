// Bootstrap shared by every haicap server: flags with environment fallbacks, a gRPC server with
// health (under the service's full name) and reflection, and a graceful stop on SIGTERM.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "grpcpp/grpcpp.h"

namespace haicap::server {

struct ServerOptions {
  std::string listen;     // HOST:PORT; port 0 picks a free port
  std::string data_dir;   // where the service's RocksDB lives
  int workers = 16;       // threads for blocking storage work
  int grace_seconds = 10; // how long SIGTERM waits for in-flight calls
  // The services this one calls, by name ("registry", "deadlines", "registry/31" for another
  // province's registry) → HOST:PORT. The names present before parsing become flags (--registry,
  // env HAICAP_REGISTRY) with their values as defaults; --peer NAME=HOST:PORT adds or overrides any.
  std::map<std::string, std::string> peers;
};

// Parses --listen (HAICAP_LISTEN), --data-dir (HAICAP_DATA_DIR, default ./haicap-data/<name>),
// --workers (HAICAP_WORKERS), --grace-seconds, the peer flags (see ServerOptions::peers) and --help. Returns an exit code when the program
// should stop (after --help or a bad flag).
std::optional<int> ParseServerOptions(int argc, char** argv, std::string_view name, std::string_view description,
                                      int default_port, ServerOptions* options);

class ServerHost {
 public:
  // Starts a server on `listen` with `services` (not owned; they must outlive the host) and
  // marks each of `health_names` SERVING.
  static absl::StatusOr<std::unique_ptr<ServerHost>> Start(const std::string& listen,
                                                          const std::vector<grpc::Service*>& services,
                                                          const std::vector<std::string>& health_names);
  ~ServerHost();

  // The port actually bound (useful with port 0).
  int port() const { return port_; }
  // Health → NOT_SERVING, stop accepting, wait up to `grace` for in-flight calls, then cancel
  // what remains. Idempotent.
  void Shutdown(absl::Duration grace);

 private:
  ServerHost() = default;
  std::unique_ptr<grpc::Server> server_;
  std::vector<std::string> health_names_;
  int port_ = 0;
  bool shut_down_ = false;
};

// Blocks SIGTERM and SIGINT in this and every later thread; call first thing in main.
void BlockTerminationSignals();
// Waits for SIGTERM or SIGINT (blocked by BlockTerminationSignals) and returns its number.
int WaitForTerminationSignal();

}  // namespace haicap::server
