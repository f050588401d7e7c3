// Delivers the transfers service's outbox: MoveMember to the registry, CreateDossier and
// TransitionDossier to the deadlines service, each answer folded back into the transfer.
#pragma once

#include <map>
#include <memory>
#include <string>

#include "common/outbox/outbox.h"
#include "grpcpp/grpcpp.h"
#include "services/transfers/transfer_book.h"

namespace haicap::transfers {

// Routes kToRegistry, kToDeadlines and each ToProvinceRegistry(code) of `other_registries` (code →
// channel) of `outbox` to the services behind the channels. Nothing is owned but the channels.
void RouteDeliveries(outbox::Outbox* outbox, TransferBook* book, std::shared_ptr<grpc::Channel> registry,
                     std::shared_ptr<grpc::Channel> deadlines,
                     const std::map<std::string, std::shared_ptr<grpc::Channel>>& other_registries);

}  // namespace haicap::transfers
