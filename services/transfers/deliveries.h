// Delivers the transfers service's outbox: MoveMember to the registry, CreateDossier and
// TransitionDossier to the deadlines service, each answer folded back into the transfer.
#pragma once

#include <memory>

#include "common/outbox/outbox.h"
#include "grpcpp/grpcpp.h"
#include "services/transfers/transfer_book.h"

namespace haicap::transfers {

// Routes kToRegistry and kToDeadlines of `outbox` to the services behind the channels. Nothing is
// owned but the channels.
void RouteDeliveries(outbox::Outbox* outbox, TransferBook* book, std::shared_ptr<grpc::Channel> registry,
                     std::shared_ptr<grpc::Channel> deadlines);

}  // namespace haicap::transfers
