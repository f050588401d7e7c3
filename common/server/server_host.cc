#include "common/server/server_host.h"

#include <csignal>
#include <cstdlib>
#include <iostream>

#include "CLI/CLI.hpp"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "common/logging.h"
#include "common/server/malformed_request.h"
#include "grpcpp/ext/proto_server_reflection_plugin.h"
#include "grpcpp/health_check_service_interface.h"

namespace haicap::server {

namespace {
constexpr int kMaxMessageBytes = 4 * 1024 * 1024;
}  // namespace

std::optional<int> ParseServerOptions(int argc, char** argv, std::string_view name, std::string_view description,
                                      int default_port, ServerOptions* options) {
  CLI::App app{std::string(description)};
  options->listen = absl::StrCat("127.0.0.1:", default_port);
  options->data_dir = absl::StrCat("./haicap-data/", absl::string_view(name.data(), name.size()));
  app.add_option("--listen", options->listen, "HOST:PORT to serve gRPC on (port 0: any free port)")
      ->envname("HAICAP_LISTEN")
      ->capture_default_str();
  app.add_option("--data-dir", options->data_dir, "Folder of this service's RocksDB (created if missing)")
      ->envname("HAICAP_DATA_DIR")
      ->capture_default_str();
  app.add_option("--workers", options->workers, "Threads for storage work")
      ->envname("HAICAP_WORKERS")
      ->check(CLI::Range(1, 256))
      ->capture_default_str();
  app.add_option("--grace-seconds", options->grace_seconds, "How long SIGTERM waits for in-flight calls")
      ->envname("HAICAP_GRACE_SECONDS")
      ->check(CLI::Range(0, 600))
      ->capture_default_str();
  for (auto& [peer, address] : options->peers) {
    app.add_option(absl::StrCat("--", peer), address, absl::StrCat("HOST:PORT of the ", peer, " service"))
        ->envname(absl::StrCat("HAICAP_", absl::AsciiStrToUpper(peer)))
        ->capture_default_str();
  }
  std::vector<std::string> extra_peers;
  app.add_option("--peer", extra_peers, "NAME=HOST:PORT of another service, e.g. registry/31=10.0.3.1:50051")
      ->envname("HAICAP_PEERS")
      ->delimiter(',');
  try {
    app.parse(argc, argv);
    for (const std::string& entry : extra_peers) {
      const size_t equals = entry.find('=');
      if (equals == std::string::npos || equals == 0 || equals + 1 == entry.size()) {
        throw CLI::ValidationError("--peer", "expected NAME=HOST:PORT, got " + entry);
      }
      options->peers[entry.substr(0, equals)] = entry.substr(equals + 1);
    }
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  return std::nullopt;
}

absl::StatusOr<std::unique_ptr<ServerHost>> ServerHost::Start(
    const std::string& listen, const std::vector<grpc::Service*>& services,
    const std::vector<std::string>& health_names) {
  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  std::unique_ptr<ServerHost> host(new ServerHost());
  grpc::ServerBuilder builder;
  builder.AddListeningPort(listen, grpc::InsecureServerCredentials(), &host->port_);
  builder.SetMaxReceiveMessageSize(kMaxMessageBytes);
  builder.SetMaxSendMessageSize(kMaxMessageBytes);
  for (grpc::Service* service : services) builder.RegisterService(service);
  std::vector<std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>> interceptors;
  interceptors.push_back(MakeMalformedRequestInterceptorFactory());
  builder.experimental().SetInterceptorCreators(std::move(interceptors));
  host->server_ = builder.BuildAndStart();
  if (!host->server_ || host->port_ == 0) {
    return absl::UnavailableError(absl::StrCat("cannot listen on ", listen));
  }
  host->health_names_ = health_names;
  for (const std::string& name : health_names) {
    host->server_->GetHealthCheckService()->SetServingStatus(name, true);
  }
  return host;
}

ServerHost::~ServerHost() { Shutdown(absl::ZeroDuration()); }

void ServerHost::Shutdown(absl::Duration grace) {
  if (shut_down_) return;
  shut_down_ = true;
  // Tell load balancers first, so no new calls are routed here while we drain.
  server_->GetHealthCheckService()->SetServingStatus(false);
  server_->Shutdown(std::chrono::system_clock::now() + absl::ToChronoNanoseconds(grace));
  server_->Wait();
}

void BlockTerminationSignals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
}

int WaitForTerminationSignal() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  int signal = 0;
  sigwait(&set, &signal);
  return signal;
}

}  // namespace haicap::server
