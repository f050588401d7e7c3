// One run of haicapctl: the global options, where output goes, and the channels to the services
// (the registry, the deadlines service, the transfers service), each opened on first use.
//
// Commands call a service through Call/CallPaged, which pick the channel by the stub the RPC
// belongs to and give every call a fresh context with the --timeout deadline and the caller's
// `x-haicap-actor` header (OpenStream: the header, no deadline), and finish through Show/Fail,
// which print in the chosen format and return the process exit code. Not thread-safe: a run is
// one thread.
#pragma once

#include <functional>
#include <memory>
#include <ostream>
#include <string>

#include "CLI/CLI.hpp"
#include "grpcpp/client_context.h"
#include "grpcpp/support/sync_stream.h"
#include "haicap/deadlines/v1/deadlines.grpc.pb.h"
#include "haicap/registry/v1/registry.grpc.pb.h"
#include "haicap/transfers/v1/transfers.grpc.pb.h"
#include "tools/haicapctl/core/args.h"
#include "tools/haicapctl/core/errors.h"
#include "tools/haicapctl/core/output.h"

namespace haicap::ctl {

// Process exit codes.
inline constexpr int kExitOk = 0;
inline constexpr int kExitServerError = 1;
inline constexpr int kExitUsage = 2;

namespace deadlines = ::haicap::deadlines::v1;
namespace transfers = ::haicap::transfers::v1;

struct GlobalOptions {
  std::string registry = "127.0.0.1:50051";
  std::string deadlines = "127.0.0.1:50053";
  std::string transfers = "127.0.0.1:50052";
  OutputFormat output = OutputFormat::kTable;
  double timeout_seconds = 10;
  // Sent as `x-haicap-actor`; not sent when empty (the registry then records the peer address).
  std::string actor;
};

class Session {
 public:
  // A unary RPC of a generated stub, e.g. &registry::Registry::Stub::GetOrganization.
  template <typename Stub, typename Request, typename Response>
  using Rpc = grpc::Status (Stub::*)(grpc::ClientContext*, const Request&, Response*);

  // A server-streaming RPC, e.g. &deadlines::Deadlines::Stub::WatchEvents.
  template <typename Stub, typename Request, typename Response>
  using StreamRpc = std::unique_ptr<grpc::ClientReader<Response>> (Stub::*)(grpc::ClientContext*,
                                                                          const Request&);

  Session(std::ostream& out, std::ostream& err) : out_(out), err_(err) {}

  GlobalOptions& options() { return options_; }
  std::ostream& out() { return out_; }
  std::ostream& err() { return err_; }

  // Calls `rpc` once with a fresh context, on the service its stub belongs to. Connects on
  // first use.
  template <typename Stub, typename Request, typename Response>
  grpc::Status Call(Rpc<Stub, Request, Response> rpc, const Request& request,
                    Response* response) {
    std::unique_ptr<grpc::ClientContext> context = NewContext();
    return (StubOf(static_cast<Stub*>(nullptr)).*rpc)(context.get(), request, response);
  }

  // Opens `rpc` with the actor header on `context` and no deadline: the stream lasts until the
  // service ends it or `context` is cancelled.
  template <typename Stub, typename Request, typename Response>
  std::unique_ptr<grpc::ClientReader<Response>> OpenStream(StreamRpc<Stub, Request, Response> rpc,
                                                           const Request& request,
                                                           grpc::ClientContext* context) {
    AddActor(context);
    return (StubOf(static_cast<Stub*>(nullptr)).*rpc)(context, request);
  }

  // A List call (AIP-158): the page `request` asks for, or with `all` every page from there on,
  // appended into `response`, whose next_page_token is then empty.
  template <typename Stub, typename Request, typename Response>
  grpc::Status CallPaged(Rpc<Stub, Request, Response> rpc, Request request, bool all,
                         Response* response) {
    for (;;) {
      Response page;
      grpc::Status status = Call(rpc, request, &page);
      if (!status.ok()) return status;
      response->MergeFrom(page);
      response->set_next_page_token(page.next_page_token());
      if (!all || page.next_page_token().empty()) return status;
      request.set_page_token(page.next_page_token());
    }
  }

  // Prints `message` as JSON with -o json, as one CSV record with -o csv (see SetAction), else
  // runs `print_table`. Returns kExitOk.
  int Show(const google::protobuf::Message& message,
           const std::function<void(std::ostream&)>& print_table);
  // After a table of one page: tells on stderr how to get the next one.
  void NoteNextPage(const std::string& next_page_token);
  // Prints the decoded error of the last call on stderr. Returns kExitServerError.
  int Fail(const grpc::Status& status);
  // Fail for a mutating call. When the outcome is unknown (no answer in time, connection lost)
  // also says how to retry without applying the change twice. Change commands reach it through
  // RunChange (change.h).
  int FailChange(const grpc::Status& status, const std::string& request_id);

  // Makes `command` the action of `app`; its return value becomes the exit code. Unless
  // `prints_csv`, -o csv is a usage error, found before any call.
  void SetAction(CLI::App* app, std::function<int(Session&)> command, bool prints_csv = false);
  int exit_code() const { return exit_code_; }

 private:
  std::unique_ptr<grpc::ClientContext> NewContext() const;
  void AddActor(grpc::ClientContext* context) const;
  // The stub of each service (the argument only selects the overload); each remembers its
  // service as the target of the last call, for Fail.
  registry::Registry::Stub& StubOf(registry::Registry::Stub*);
  deadlines::Deadlines::Stub& StubOf(deadlines::Deadlines::Stub*);
  transfers::Transfers::Stub& StubOf(transfers::Transfers::Stub*);

  GlobalOptions options_;
  std::ostream& out_;
  std::ostream& err_;
  std::unique_ptr<registry::Registry::Stub> registry_;
  std::unique_ptr<deadlines::Deadlines::Stub> deadlines_;
  std::unique_ptr<transfers::Transfers::Stub> transfers_;
  CallTarget last_target_;
  int exit_code_ = kExitOk;
};

}  // namespace haicap::ctl
