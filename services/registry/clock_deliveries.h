// The registry's deliveries to the deadlines service (member_clocks.h).
#pragma once

#include <memory>

#include "common/outbox/outbox.h"
#include "grpcpp/grpcpp.h"
#include "services/registry/member_clocks.h"

namespace haicap::registry {

// Routes kToDeadlines of `outbox` to the deadlines service behind `deadlines`: the clocks' calls,
// with the due day of each created clock recorded through `clocks`. Nothing is owned but the
// channel.
void RouteClockDeliveries(outbox::Outbox* outbox, MemberClocks* clocks, std::shared_ptr<grpc::Channel> deadlines);

}  // namespace haicap::registry
