// haicap-bench-echo: the RPC ceiling. A callback-API unary handler that copies the request into
// the response and finishes inline: no storage, no thread hop, nothing but gRPC itself.
#include "bench/serve.h"
#include "ceiling.grpc.pb.h"
#include "common/server/server_host.h"

namespace haicap::bench {
namespace {

class EchoService final : public v1::Echo::CallbackService {
  grpc::ServerUnaryReactor* Echo(grpc::CallbackServerContext* context, const v1::Payload* request,
                                 v1::Payload* response) override {
    *response = *request;
    grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
    reactor->Finish(grpc::Status::OK);
    return reactor;
  }
};

}  // namespace
}  // namespace haicap::bench

int main(int argc, char** argv) {
  haicap::server::BlockTerminationSignals();
  haicap::server::ServerOptions options;
  if (auto exit_code = haicap::server::ParseServerOptions(
          argc, argv, "bench-echo", "Bare callback echo server: the RPC ceiling for haicap benchmarks", 50061, &options)) {
    return *exit_code;
  }
  haicap::bench::EchoService service;
  return haicap::bench::ServeUntilTerminated(options, &service, "haicap.bench.v1.Echo");
}
