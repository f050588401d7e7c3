// One whole official transfer driven through haicap-transfers the way the bodies of its chain
// would, each call timed: CreateTransfer, then for each step of the chain the response returned,
// in order, EndorseTransfer (sending and receiving bodies), IssueIntroduction (the issuing
// committee) or ConfirmReceipt (the receiving organisation), then GetTransfer until the registry's
// move shows as COMPLETED.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "bench/closed_loop.h"
#include "grpcpp/grpcpp.h"
#include "haicap/transfers/v1/transfers.grpc.pb.h"

namespace haicap::bench {

// What the benchmark times; kCompletion runs from the receipt's answer to the first GetTransfer
// that shows COMPLETED (the move goes through the transfers service's outbox to the registry).
enum class TransferStep { kCreate, kEndorse, kIntroduce, kReceive, kCompletion };
inline constexpr std::array<const char*, 5> kTransferStepNames = {"create", "endorse", "introduce", "receive",
                                                                  "completion"};

// The latencies (µs) and failures of each step; one per client thread, merged at the end.
struct StepTimes {
  std::array<std::vector<uint32_t>, kTransferStepNames.size()> latencies_us;
  std::array<int64_t, kTransferStepNames.size()> errors{};
  absl::Status first_error;

  void Merge(const StepTimes& other);
};

struct WalkOptions {
  std::string run;  // makes the request ids of this run unique
  std::chrono::milliseconds poll_interval{5};
  std::chrono::seconds completion_timeout{60};
};

// Not thread-safe: one per client thread.
class TransferWalk {
 public:
  TransferWalk(std::shared_ptr<grpc::Channel> channel, WalkOptions options);

  // Transfers `member_id` to the organisation `to`; returns when COMPLETED was seen, or the first
  // failure (counted in `times` against its step; the transfer is left where it stopped).
  absl::StatusOr<Clock::time_point> Run(const std::string& member_id, const std::string& to, StepTimes* times);

 private:
  // Times one call of `method` as `step`, failing on an error.
  template <typename Request>
  absl::Status Call(TransferStep step,
                    grpc::Status (transfers::v1::Transfers::Stub::*method)(grpc::ClientContext*, const Request&,
                                                                            transfers::v1::Transfer*),
                    const Request& request, transfers::v1::Transfer* transfer, StepTimes* times);
  // Polls GetTransfer (untimed) until COMPLETED or the completion timeout.
  absl::Status AwaitCompleted(const std::string& id);

  std::unique_ptr<transfers::v1::Transfers::Stub> stub_;
  WalkOptions options_;
};

}  // namespace haicap::bench
