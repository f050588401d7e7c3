// What the fake services of the haicapctl tests share: recording what each call carried (actor
// header, deadline, the last request of each type), injected failures and delays, starting a
// service on 127.0.0.1:0, running the real command line in process, and a fixture doing both.
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "google/protobuf/message.h"
#include "grpcpp/security/server_credentials.h"
#include "grpcpp/server.h"
#include "grpcpp/server_builder.h"
#include "grpcpp/server_context.h"
#include "gtest/gtest.h"
#include "tools/haicapctl/core/app.h"

namespace haicap::ctl {

// A base for fakes: each RPC takes mu_, calls Begin (which records the call and answers the
// injected failure, OK by default) and Record(request).
class RecordingFake {
 public:
  // Every following call fails with `status`.
  void FailWith(grpc::Status status) {
    std::lock_guard lock(mu_);
    error_ = std::move(status);
  }
  void SetDelay(std::chrono::milliseconds delay) {
    std::lock_guard lock(mu_);
    delay_ = delay;
  }

  struct Seen {
    std::string actor;
    std::chrono::system_clock::time_point deadline;
  };
  std::vector<Seen> seen() {
    std::lock_guard lock(mu_);
    return seen_;
  }
  // The last request of this type that reached the fake; empty if none did.
  template <typename Request>
  Request last() {
    std::lock_guard lock(mu_);
    Request request;
    auto it = last_.find(Request::descriptor()->full_name());
    if (it != last_.end()) request.CopyFrom(*it->second);
    return request;
  }

 protected:
  // REQUIRES: mu_ is held.
  grpc::Status Begin(grpc::ServerContext* context) {
    seen_.push_back({ActorOf(context), context->deadline()});
    if (delay_.count() > 0) std::this_thread::sleep_for(delay_);
    return error_;
  }
  // The `x-haicap-actor` header; "" without one.
  static std::string ActorOf(grpc::ServerContext* context) {
    const auto& metadata = context->client_metadata();
    auto actor = metadata.find("x-haicap-actor");
    return actor == metadata.end() ? "" : std::string(actor->second.data(), actor->second.size());
  }
  // REQUIRES: mu_ is held.
  void Record(const google::protobuf::Message& request) {
    auto& copy = last_[request.GetDescriptor()->full_name()];
    copy.reset(request.New());
    copy->CopyFrom(request);
  }

  std::mutex mu_;

 private:
  grpc::Status error_;
  std::chrono::milliseconds delay_{0};
  std::vector<Seen> seen_;
  std::map<std::string, std::unique_ptr<google::protobuf::Message>> last_;
};

inline std::unique_ptr<grpc::Server> StartServer(grpc::Service* service, int* port) {
  grpc::ServerBuilder builder;
  builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), port);
  builder.RegisterService(service);
  return builder.BuildAndStart();
}

// Runs `haicapctl --actor clerk.phucloi <args...>` in process, output into `out` and `err`
// (cleared first); returns the exit code.
inline int RunCli(std::vector<std::string> args, std::ostringstream& out, std::ostringstream& err) {
  args.insert(args.begin(), {"haicapctl", "--actor", "clerk.phucloi"});
  std::vector<const char*> argv;
  for (const std::string& arg : args) argv.push_back(arg.c_str());
  out.str("");
  err.str("");
  return RunHaicapctl(static_cast<int>(argv.size()), argv.data(), out, err);
}

// A test against one fake service: starts `fake_` on 127.0.0.1:0; Run is RunCli with
// `kAddressFlag` (e.g. "--transfers") pointing at it.
template <typename Fake, const char* kAddressFlag>
class FakeServiceCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    int port = 0;
    server_ = StartServer(&fake_, &port);
    ASSERT_NE(server_, nullptr);
    address_ = "127.0.0.1:" + std::to_string(port);
  }
  void TearDown() override { server_->Shutdown(); }

  // Runs `haicapctl <kAddressFlag> <fake> --actor clerk.phucloi <args...>`.
  int Run(std::vector<std::string> args) {
    args.insert(args.begin(), {kAddressFlag, address_});
    return RunCli(std::move(args), out_, err_);
  }

  Fake fake_;
  std::unique_ptr<grpc::Server> server_;
  std::string address_;
  std::ostringstream out_, err_;
};

}  // namespace haicap::ctl
