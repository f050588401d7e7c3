#include "services/transfers/transfers_service.h"

#include "common/server/unary.h"

namespace haicap::transfers {

using server::CallerActor;
using server::RunOnPool;

grpc::ServerUnaryReactor* TransfersService::CreateTransfer(grpc::CallbackServerContext* context,
                                                        const v1::CreateTransferRequest* request, v1::Transfer* response) {
  return RunOnPool(context, *pool_, kTransfersErrorDomain, response,
                   [this, request, actor = CallerActor(context)] { return book_->Create(*request, actor); });
}

grpc::ServerUnaryReactor* TransfersService::GetTransfer(grpc::CallbackServerContext* context,
                                                        const v1::GetTransferRequest* request, v1::Transfer* response) {
  return RunOnPool(context, *pool_, kTransfersErrorDomain, response,
                   [this, request] { return book_->Get(*request); });
}

grpc::ServerUnaryReactor* TransfersService::ListTransfers(grpc::CallbackServerContext* context,
                                                        const v1::ListTransfersRequest* request, v1::ListTransfersResponse* response) {
  return RunOnPool(context, *pool_, kTransfersErrorDomain, response,
                   [this, request] { return book_->List(*request); });
}

grpc::ServerUnaryReactor* TransfersService::EndorseTransfer(grpc::CallbackServerContext* context,
                                                        const v1::EndorseTransferRequest* request, v1::Transfer* response) {
  return RunOnPool(context, *pool_, kTransfersErrorDomain, response,
                   [this, request, actor = CallerActor(context)] { return book_->Endorse(*request, actor); });
}

grpc::ServerUnaryReactor* TransfersService::IssueIntroduction(grpc::CallbackServerContext* context,
                                                        const v1::IssueIntroductionRequest* request, v1::Transfer* response) {
  return RunOnPool(context, *pool_, kTransfersErrorDomain, response,
                   [this, request, actor = CallerActor(context)] { return book_->IssueIntroduction(*request, actor); });
}

grpc::ServerUnaryReactor* TransfersService::ConfirmReceipt(grpc::CallbackServerContext* context,
                                                        const v1::ConfirmReceiptRequest* request, v1::Transfer* response) {
  return RunOnPool(context, *pool_, kTransfersErrorDomain, response,
                   [this, request, actor = CallerActor(context)] { return book_->ConfirmReceipt(*request, actor); });
}

grpc::ServerUnaryReactor* TransfersService::CancelTransfer(grpc::CallbackServerContext* context,
                                                        const v1::CancelTransferRequest* request, v1::Transfer* response) {
  return RunOnPool(context, *pool_, kTransfersErrorDomain, response,
                   [this, request, actor = CallerActor(context)] { return book_->Cancel(*request, actor); });
}

grpc::ServerUnaryReactor* TransfersService::RejectTransfer(grpc::CallbackServerContext* context,
                                                        const v1::RejectTransferRequest* request, v1::Transfer* response) {
  return RunOnPool(context, *pool_, kTransfersErrorDomain, response,
                   [this, request, actor = CallerActor(context)] { return book_->Reject(*request, actor); });
}

grpc::ServerUnaryReactor* TransfersService::EndTemporaryTransfer(grpc::CallbackServerContext* context,
                                                        const v1::EndTemporaryTransferRequest* request, v1::Transfer* response) {
  return RunOnPool(context, *pool_, kTransfersErrorDomain, response,
                   [this, request, actor = CallerActor(context)] { return book_->EndTemporary(*request, actor); });
}

grpc::ServerUnaryReactor* TransfersService::ReportOverdueReason(grpc::CallbackServerContext* context,
                                                        const v1::ReportOverdueReasonRequest* request, v1::Transfer* response) {
  return RunOnPool(context, *pool_, kTransfersErrorDomain, response,
                   [this, request, actor = CallerActor(context)] { return book_->ReportOverdueReason(*request, actor); });
}

}  // namespace haicap::transfers
