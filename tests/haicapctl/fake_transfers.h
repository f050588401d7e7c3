// A fake transfers service for running the real haicapctl command line in process: transfers in
// memory with a chain the test sets (or a three-step default), states moved by each change as
// the service would (without its rules), history, etags; on 127.0.0.1:0. And the test fixture
// that runs `haicapctl --transfers <fake> ...`.
#pragma once

#include <algorithm>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_format.h"
#include "common/errors.h"
#include "haicap/transfers/v1/transfers.grpc.pb.h"
#include "tests/haicapctl/fake_service.h"

namespace haicap::ctl {

namespace transfers = ::haicap::transfers::v1;

class FakeTransfers final : public transfers::Transfers::Service, public RecordingFake {
 public:
  // The instant the fake takes for "now": 2026-02-13 10:00 in Vietnam.
  static constexpr int64_t kNow = 1770951600;

  // Adds or replaces a transfer as given.
  void AddTransfer(const transfers::Transfer& transfer) {
    std::lock_guard lock(mu_);
    transfers_[transfer.id()] = transfer;
  }
  // The chain CreateTransfer gives a new transfer (the default: 57 → 12 → 104).
  void SetChain(std::vector<transfers::ChainStep> chain) {
    std::lock_guard lock(mu_);
    chain_ = std::move(chain);
  }
  // What IssueIntroduction sets as the last day to present the letter.
  static google::type::Date PresentBy() {
    google::type::Date date;
    date.set_year(2026);
    date.set_month(3);
    date.set_day(27);
    return date;
  }

  // From organisation 57 with the chain; REQUESTED, revision 1.
  grpc::Status CreateTransfer(grpc::ServerContext* context,
                              const transfers::CreateTransferRequest* request,
                              transfers::Transfer* response) override {
    std::lock_guard lock(mu_);
    if (auto failed = Begin(context); !failed.ok()) return failed;
    Record(*request);
    transfers::Transfer transfer = request->transfer();
    transfer.set_id(absl::StrFormat("T-%012d", ++created_));
    transfer.set_from_organization_id("57");
    transfer.set_state(transfers::REQUESTED);
    for (const transfers::ChainStep& step : chain_) *transfer.add_chain() = step;
    transfer.mutable_created_at()->set_seconds(kNow);
    transfers::TransferChange change;
    change.set_to_state(transfers::REQUESTED);
    change.set_summary("requested");
    Stamp(context, request->request_id(), &change, &transfer);
    *response = transfers_[transfer.id()] = transfer;
    return grpc::Status::OK;
  }

  grpc::Status GetTransfer(grpc::ServerContext* context,
                           const transfers::GetTransferRequest* request,
                           transfers::Transfer* response) override {
    std::lock_guard lock(mu_);
    if (auto failed = Begin(context); !failed.ok()) return failed;
    Record(*request);
    auto it = transfers_.find(request->id());
    if (it == transfers_.end()) return TransferNotFound(request->id());
    *response = it->second;
    return grpc::Status::OK;
  }

  // Filters by member and state; the organisation, direction and `overdue` are only recorded.
  // Pages by id; the token is an offset.
  grpc::Status ListTransfers(grpc::ServerContext* context,
                             const transfers::ListTransfersRequest* request,
                             transfers::ListTransfersResponse* response) override {
    std::lock_guard lock(mu_);
    if (auto failed = Begin(context); !failed.ok()) return failed;
    Record(*request);
    std::vector<const transfers::Transfer*> matching;
    for (const auto& [id, transfer] : transfers_) {
      const auto& states = request->states();
      const bool state_ok = states.empty() || std::find(states.begin(), states.end(),
                                                        transfer.state()) != states.end();
      if (state_ok &&
          (request->member_id().empty() || request->member_id() == transfer.member_id())) {
        matching.push_back(&transfer);
      }
    }
    size_t offset = 0;
    if (!request->page_token().empty() && !absl::SimpleAtoi(request->page_token(), &offset)) {
      return ToGrpcStatus(InvalidArgument("page_token", "is not a token of this list"),
                          "transfers.haicap");
    }
    const size_t size = request->page_size() > 0 ? request->page_size() : 100;
    for (size_t i = offset; i < matching.size() && i < offset + size; ++i) {
      transfers::Transfer* listed = response->add_transfers();
      *listed = *matching[i];
      listed->clear_history();
    }
    if (offset + size < matching.size()) {
      response->set_next_page_token(std::to_string(offset + size));
    }
    return grpc::Status::OK;
  }

  // Only the next step's organisation may endorse, as in the service.
  grpc::Status EndorseTransfer(grpc::ServerContext* context,
                               const transfers::EndorseTransferRequest* request,
                               transfers::Transfer* response) override {
    return Change(context, *request, response, [&](transfers::Transfer& transfer) {
      for (transfers::ChainStep& step : *transfer.mutable_chain()) {
        if (!step.endorsed_by().empty()) continue;
        if (step.organization_id() != request->organization_id()) break;
        step.set_endorsed_by(ActorOf(context));
        step.mutable_endorsed_at()->set_seconds(kNow);
        step.set_note(request->note());
        transfer.set_state(transfers::ENDORSING);
        return std::string("endorsed by ") + step.organization_name();
      }
      return std::string();
    });
  }

  grpc::Status IssueIntroduction(grpc::ServerContext* context,
                                 const transfers::IssueIntroductionRequest* request,
                                 transfers::Transfer* response) override {
    return Change(context, *request, response, [&](transfers::Transfer& transfer) {
      *transfer.mutable_letter() = request->letter();
      transfer.mutable_letter()->set_issued_by_organization_id("12");
      *transfer.mutable_present_by() = PresentBy();
      transfer.set_state(transfers::INTRODUCED);
      return "letter " + request->letter().number() + " issued";
    });
  }

  grpc::Status ConfirmReceipt(grpc::ServerContext* context,
                              const transfers::ConfirmReceiptRequest* request,
                              transfers::Transfer* response) override {
    return Change(context, *request, response, [&](transfers::Transfer& transfer) {
      *transfer.mutable_presented_on() = request->presented_on();
      *transfer.mutable_effective_date() = request->effective_date();
      transfer.set_state(transfers::RECEIVED);
      return std::string("received");
    });
  }

  grpc::Status CancelTransfer(grpc::ServerContext* context,
                              const transfers::CancelTransferRequest* request,
                              transfers::Transfer* response) override {
    return Change(context, *request, response, [&](transfers::Transfer& transfer) {
      transfer.set_state(transfers::CANCELLED);
      return "cancelled: " + request->reason();
    });
  }

  grpc::Status RejectTransfer(grpc::ServerContext* context,
                              const transfers::RejectTransferRequest* request,
                              transfers::Transfer* response) override {
    return Change(context, *request, response, [&](transfers::Transfer& transfer) {
      transfer.set_state(transfers::REJECTED);
      return "rejected by " + request->organization_id() + ": " + request->reason();
    });
  }

  grpc::Status EndTemporaryTransfer(grpc::ServerContext* context,
                                    const transfers::EndTemporaryTransferRequest* request,
                                    transfers::Transfer* response) override {
    return Change(context, *request, response, [&](transfers::Transfer& transfer) {
      *transfer.mutable_returned_on() = request->returned_on();
      transfer.set_state(transfers::RETURNED);
      return std::string("returned");
    });
  }

  grpc::Status ReportOverdueReason(grpc::ServerContext* context,
                                   const transfers::ReportOverdueReasonRequest* request,
                                   transfers::Transfer* response) override {
    return Change(context, *request, response, [&](transfers::Transfer& transfer) {
      transfer.set_overdue_reason(request->reason());
      return "overdue reason: " + request->reason();
    });
  }

 private:
  // Applies `apply` to the transfer named by `request`: the etag must match; `apply` returns the
  // summary of the change for the history, "" to refuse it (FAILED_PRECONDITION).
  template <typename Request>
  grpc::Status Change(grpc::ServerContext* context, const Request& request,
                      transfers::Transfer* response,
                      const std::function<std::string(transfers::Transfer&)>& apply) {
    std::lock_guard lock(mu_);
    if (auto failed = Begin(context); !failed.ok()) return failed;
    Record(request);
    auto it = transfers_.find(request.id());
    if (it == transfers_.end()) return TransferNotFound(request.id());
    transfers::Transfer transfer = it->second;
    if (!request.etag().empty() && request.etag() != transfer.etag()) {
      return ToGrpcStatus(
          Aborted("ETAG_MISMATCH", "transfer " + transfer.id() + " changed since it was read"),
          "transfers.haicap");
    }
    transfers::TransferChange change;
    change.set_from_state(transfer.state());
    change.set_summary(apply(transfer));
    if (change.summary().empty()) {
      return ToGrpcStatus(
          FailedPrecondition("NOT_NEXT_IN_CHAIN", "transfer " + transfer.id() +
                                                      " is not waiting for " + "that organisation"),
          "transfers.haicap");
    }
    change.set_to_state(transfer.state());
    Stamp(context, request.request_id(), &change, &transfer);
    *response = it->second = transfer;
    return grpc::Status::OK;
  }

  // Appends `change` to the history and moves the transfer to the next revision.
  void Stamp(grpc::ServerContext* context, const std::string& request_id,
             transfers::TransferChange* change, transfers::Transfer* transfer) {
    change->set_sequence(transfer->history_size() + 1);
    change->mutable_recorded_at()->set_seconds(kNow);
    change->set_actor(ActorOf(context));
    change->set_request_id(request_id);
    *transfer->add_history() = *change;
    transfer->set_revision(transfer->revision() + 1);
    transfer->set_etag("r" + std::to_string(transfer->revision()));
  }

  static grpc::Status TransferNotFound(const std::string& id) {
    return ToGrpcStatus(
        ::haicap::NotFound("TRANSFER_NOT_FOUND", "transfer " + id + " does not exist"),
        "transfers.haicap");
  }

  static transfers::ChainStep Step(int number, transfers::ChainRole role, std::string id,
                                   std::string name) {
    transfers::ChainStep step;
    step.set_step(number);
    step.set_role(role);
    step.set_organization_id(std::move(id));
    step.set_organization_name(std::move(name));
    return step;
  }

  std::map<std::string, transfers::Transfer> transfers_;
  std::vector<transfers::ChainStep> chain_ = {
      Step(1, transfers::SENDING_ORGANIZATION, "57", "Chi bộ Khu phố 3"),
      Step(2, transfers::ISSUING_COMMITTEE, "12", "Đảng ủy phường Phúc Lợi"),
      Step(3, transfers::RECEIVING_ORGANIZATION, "104", "Chi bộ Tây Tựu 2")};
  int created_ = 0;
};

inline constexpr char kTransfersAddressFlag[] = "--transfers";
// Runs `haicapctl --transfers <fake> --actor clerk.phucloi <args...>`.
using TransfersCliTest = FakeServiceCliTest<FakeTransfers, kTransfersAddressFlag>;

}  // namespace haicap::ctl
