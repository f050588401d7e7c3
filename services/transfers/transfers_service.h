// gRPC glue for haicap.transfers.v1.Transfers. Everything runs on the worker pool: changes write
// synced batches, and creation reads the registry.
#pragma once

#include "common/server/worker_pool.h"
#include "haicap/transfers/v1/transfers.grpc.pb.h"
#include "services/transfers/transfer_book.h"

namespace haicap::transfers {

inline constexpr char kTransfersServiceName[] = "haicap.transfers.v1.Transfers";
inline constexpr char kTransfersErrorDomain[] = "transfers.haicap";

class TransfersService final : public v1::Transfers::CallbackService {
 public:
  // Nothing is owned.
  TransfersService(TransferBook* book, server::WorkerPool* pool) : book_(book), pool_(pool) {}

  grpc::ServerUnaryReactor* CreateTransfer(grpc::CallbackServerContext* context, const v1::CreateTransferRequest* request,
                                      v1::Transfer* response) override;
  grpc::ServerUnaryReactor* GetTransfer(grpc::CallbackServerContext* context, const v1::GetTransferRequest* request,
                                      v1::Transfer* response) override;
  grpc::ServerUnaryReactor* ListTransfers(grpc::CallbackServerContext* context, const v1::ListTransfersRequest* request,
                                      v1::ListTransfersResponse* response) override;
  grpc::ServerUnaryReactor* EndorseTransfer(grpc::CallbackServerContext* context, const v1::EndorseTransferRequest* request,
                                      v1::Transfer* response) override;
  grpc::ServerUnaryReactor* IssueIntroduction(grpc::CallbackServerContext* context, const v1::IssueIntroductionRequest* request,
                                      v1::Transfer* response) override;
  grpc::ServerUnaryReactor* ConfirmReceipt(grpc::CallbackServerContext* context, const v1::ConfirmReceiptRequest* request,
                                      v1::Transfer* response) override;
  grpc::ServerUnaryReactor* CancelTransfer(grpc::CallbackServerContext* context, const v1::CancelTransferRequest* request,
                                      v1::Transfer* response) override;
  grpc::ServerUnaryReactor* RejectTransfer(grpc::CallbackServerContext* context, const v1::RejectTransferRequest* request,
                                      v1::Transfer* response) override;
  grpc::ServerUnaryReactor* EndTemporaryTransfer(grpc::CallbackServerContext* context, const v1::EndTemporaryTransferRequest* request,
                                      v1::Transfer* response) override;
  grpc::ServerUnaryReactor* ReportOverdueReason(grpc::CallbackServerContext* context, const v1::ReportOverdueReasonRequest* request,
                                      v1::Transfer* response) override;

 private:
  TransferBook* book_;
  server::WorkerPool* pool_;
};

}  // namespace haicap::transfers
