// The closed loop of the gRPC benchmarks (haicap-loadgen, haicap-bench-dossiers): client threads
// each own a channel (one HTTP/2 connection) and a CompletionQueue and keep their share of the
// calls in flight; every completion immediately issues the slot's next call. Calls completing
// during the warmup are not counted; then calls completing within the measured window are.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "grpcpp/grpcpp.h"
#include "nlohmann/json.hpp"

namespace haicap::bench {

using Clock = std::chrono::steady_clock;

inline constexpr char kActorHeader[] = "x-haicap-actor";
// Every benchmark call carries this deadline.
inline constexpr auto kCallDeadline = std::chrono::seconds(10);

// One call kept in flight. Issue() starts the slot's next call, if it has one; its completion
// arrives on the queue with this slot as the tag, after which status() and started() describe it.
class CallSlot {
 public:
  virtual ~CallSlot() = default;
  // False when the slot has no more calls to make.
  bool Issue(grpc::CompletionQueue* cq, const std::string& actor);
  Clock::time_point started() const { return started_; }
  const grpc::Status& status() const { return status_; }

 protected:
  // Starts one call on `cq` whose Finish reports into status_ with `this` as the tag, or returns
  // false (starting nothing) when there is none left.
  virtual bool Start(grpc::ClientContext* context, grpc::CompletionQueue* cq) = 0;
  grpc::Status status_;

 private:
  std::optional<grpc::ClientContext> context_;  // a context serves exactly one call
  Clock::time_point started_;
};

// A unary call made again and again: `fill` rewrites the request before each call, `start` is the
// stub's Async method.
template <typename Request, typename Response>
class UnarySlot final : public CallSlot {
 public:
  using Fill = std::function<void(Request*)>;
  using AsyncCall = std::function<std::unique_ptr<grpc::ClientAsyncResponseReader<Response>>(
      grpc::ClientContext*, const Request&, grpc::CompletionQueue*)>;
  UnarySlot(Fill fill, AsyncCall start) : fill_(std::move(fill)), start_(std::move(start)) {}

 private:
  bool Start(grpc::ClientContext* context, grpc::CompletionQueue* cq) override {
    fill_(&request_);
    response_.Clear();
    reader_ = start_(context, request_, cq);
    reader_->Finish(&response_, &status_, this);
    return true;
  }

  Fill fill_;
  AsyncCall start_;
  Request request_;
  Response response_;
  std::unique_ptr<grpc::ClientAsyncResponseReader<Response>> reader_;
};

// What the loop sends. Thread-safe: NewSlot is called from every client thread.
class Workload {
 public:
  virtual ~Workload() = default;
  // One-off setup before the clock starts (e.g. the organisations to read).
  virtual absl::Status Prepare(const std::shared_ptr<grpc::Channel>& channel) { return absl::OkStatus(); }
  // A slot sending this workload's requests over `channel`.
  virtual std::unique_ptr<CallSlot> NewSlot(const std::shared_ptr<grpc::Channel>& channel) = 0;

 protected:
  // A number unique to this call (or item) within the run, from 0.
  uint64_t NextNumber() { return next_.fetch_add(1, std::memory_order_relaxed); }

 private:
  std::atomic<uint64_t> next_{0};
};

struct LoopOptions {
  std::string actor;  // sent as x-haicap-actor
  int in_flight = 64;
  int threads = 2;
  double seconds = 10;  // length of the measured window
  double warmup = 2;
  uint64_t max_calls = 2'000'000;  // calls issued at most, warmup included
};

struct LoopResult {
  uint64_t calls = 0;   // successful calls completed in the window
  uint64_t errors = 0;  // failed ones in the window
  double seconds = 0;   // the window, cut short when the calls or the slots' work ran out
  std::vector<uint32_t> latencies_us;  // of the successful calls, sorted
  std::optional<grpc::Status> first_error;

  double rps() const { return seconds > 0 ? static_cast<double>(calls) / seconds : 0.0; }
  // The fields every measurement line shares: calls, errors, seconds, rps, p50/p90/p99/max µs.
  nlohmann::json Figures() const;
};

// `count` channels to `target`, each with its own connection.
std::vector<std::shared_ptr<grpc::Channel>> NewChannels(const std::string& target, int count);

// Runs `workload` with options.threads client threads (one per channel of `channels`, which must
// hold at least that many) and logs the first error, if any.
LoopResult RunClosedLoop(Workload& workload, const std::vector<std::shared_ptr<grpc::Channel>>& channels,
                         const LoopOptions& options);

// The p-th percentile (0–1) of sorted values; 0 when there are none.
uint32_t Percentile(const std::vector<uint32_t>& sorted, double p);

}  // namespace haicap::bench
