#include "bench/transfer_walk.h"

#include <thread>

#include "absl/strings/str_cat.h"
#include "common/status_macros.h"

namespace haicap::bench {
namespace {

namespace v1 = ::haicap::transfers::v1;

constexpr char kActor[] = "haicap-bench-transfers";

uint32_t MicrosSince(Clock::time_point start) {
  return static_cast<uint32_t>(std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - start).count());
}

void Prepare(grpc::ClientContext& context) {
  context.AddMetadata(kActorHeader, kActor);
  context.set_deadline(std::chrono::system_clock::now() + kCallDeadline);
}

absl::Status FromGrpc(const grpc::Status& status, const std::string& what) {
  return absl::Status(static_cast<absl::StatusCode>(status.error_code()),
                      absl::StrCat(what, ": ", status.error_message()));
}

size_t Index(TransferStep step) { return static_cast<size_t>(step); }

}  // namespace

void StepTimes::Merge(const StepTimes& other) {
  for (size_t i = 0; i < latencies_us.size(); ++i) {
    latencies_us[i].insert(latencies_us[i].end(), other.latencies_us[i].begin(), other.latencies_us[i].end());
    errors[i] += other.errors[i];
  }
  if (first_error.ok()) first_error = other.first_error;
}

TransferWalk::TransferWalk(std::shared_ptr<grpc::Channel> channel, WalkOptions options)
    : stub_(v1::Transfers::NewStub(channel)), options_(std::move(options)) {}

template <typename Request>
absl::Status TransferWalk::Call(TransferStep step,
                                grpc::Status (v1::Transfers::Stub::*method)(grpc::ClientContext*, const Request&,
                                                                           v1::Transfer*),
                                const Request& request, v1::Transfer* transfer, StepTimes* times) {
  grpc::ClientContext context;
  Prepare(context);
  const Clock::time_point start = Clock::now();
  const grpc::Status status = (stub_.get()->*method)(&context, request, transfer);
  if (status.ok()) {
    times->latencies_us[Index(step)].push_back(MicrosSince(start));
    return absl::OkStatus();
  }
  ++times->errors[Index(step)];
  absl::Status error = FromGrpc(status, absl::StrCat(kTransferStepNames[Index(step)], " ", request.request_id()));
  if (times->first_error.ok()) times->first_error = error;
  return error;
}

absl::StatusOr<Clock::time_point> TransferWalk::Run(const std::string& member_id, const std::string& to,
                                                    StepTimes* times) {
  // Request ids are per run and member: each member is transferred once per run.
  const std::string prefix = absl::StrCat("bench-", options_.run, "-", member_id, "-");
  v1::CreateTransferRequest create;
  create.mutable_transfer()->set_member_id(member_id);
  create.mutable_transfer()->set_kind(v1::OFFICIAL);
  create.mutable_transfer()->set_to_organization_id(to);
  create.mutable_transfer()->set_reason("Chuyển công tác sang phường Đống Đa");
  create.set_request_id(prefix + "create");
  v1::Transfer transfer;
  RETURN_IF_ERROR(Call(TransferStep::kCreate, &v1::Transfers::Stub::CreateTransfer, create, &transfer, times));

  const std::string id = transfer.id();
  const auto chain = transfer.chain();  // a copy: `transfer` is overwritten by each answer
  Clock::time_point received;
  for (const v1::ChainStep& step : chain) {
    const std::string request_id = absl::StrCat(prefix, "step", step.step());
    if (step.role() == v1::ISSUING_COMMITTEE) {
      v1::IssueIntroductionRequest issue;
      issue.set_id(id);
      issue.mutable_letter()->set_number(absl::StrCat(step.step(), "-GGT/ĐU"));
      issue.set_request_id(request_id);
      RETURN_IF_ERROR(Call(TransferStep::kIntroduce, &v1::Transfers::Stub::IssueIntroduction, issue, &transfer, times));
    } else if (step.role() == v1::RECEIVING_ORGANIZATION) {
      v1::ConfirmReceiptRequest receive;
      receive.set_id(id);
      receive.set_request_id(request_id);
      RETURN_IF_ERROR(Call(TransferStep::kReceive, &v1::Transfers::Stub::ConfirmReceipt, receive, &transfer, times));
      received = Clock::now();
    } else {
      v1::EndorseTransferRequest endorse;
      endorse.set_id(id);
      endorse.set_organization_id(step.organization_id());
      endorse.set_note("Đồng ý");
      endorse.set_request_id(request_id);
      RETURN_IF_ERROR(Call(TransferStep::kEndorse, &v1::Transfers::Stub::EndorseTransfer, endorse, &transfer, times));
    }
  }
  if (absl::Status completed = AwaitCompleted(id); !completed.ok()) {
    ++times->errors[Index(TransferStep::kCompletion)];
    if (times->first_error.ok()) times->first_error = completed;
    return completed;
  }
  const Clock::time_point done = Clock::now();
  times->latencies_us[Index(TransferStep::kCompletion)].push_back(MicrosSince(received));
  return done;
}

absl::Status TransferWalk::AwaitCompleted(const std::string& id) {
  const Clock::time_point give_up = Clock::now() + options_.completion_timeout;
  v1::GetTransferRequest request;
  request.set_id(id);
  v1::Transfer transfer;
  for (;;) {
    grpc::ClientContext context;
    Prepare(context);
    const grpc::Status status = stub_->GetTransfer(&context, request, &transfer);
    if (!status.ok()) return FromGrpc(status, absl::StrCat("GetTransfer ", id));
    if (transfer.state() == v1::COMPLETED) return absl::OkStatus();
    if (transfer.state() != v1::RECEIVED) {
      return absl::InternalError(absl::StrCat("transfer ", id, " went to ", v1::TransferState_Name(transfer.state()),
                                              ", not COMPLETED: ", transfer.history().empty()
                                                                       ? std::string()
                                                                       : transfer.history().rbegin()->summary()));
    }
    if (Clock::now() >= give_up) {
      return absl::DeadlineExceededError(absl::StrCat("transfer ", id, " not COMPLETED after ",
                                                      options_.completion_timeout.count(), " s"));
    }
    std::this_thread::sleep_for(options_.poll_interval);
  }
}

}  // namespace haicap::bench
