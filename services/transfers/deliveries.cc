#include "services/transfers/deliveries.h"

#include <chrono>

#include "absl/strings/str_cat.h"
#include "common/proto_time.h"
#include "common/clock.h"
#include "haicap/deadlines/v1/deadlines.grpc.pb.h"
#include "haicap/registry/v1/registry.grpc.pb.h"

namespace haicap::transfers {
namespace {

// Handlers run one at a time: a receiver that hangs delays the others by at most this per attempt.
constexpr auto kDeliveryTimeout = std::chrono::seconds(5);

void Prepare(grpc::ClientContext& context) {
  context.set_deadline(std::chrono::system_clock::now() + kDeliveryTimeout);
  context.AddMetadata("x-haicap-actor", "haicap-transfers");
}

template <typename Request>
bool Parse(const outbox::OutboxMessage& message, Request* request) {
  return request->ParseFromString(message.payload);
}

outbox::DeliveryResult Unreadable(const outbox::OutboxMessage& message) {
  return outbox::DeliveryResult::Fail(absl::StrCat("unreadable ", message.method, " payload"));
}

}  // namespace

void RouteDeliveries(outbox::Outbox* outbox, TransferBook* book, std::shared_ptr<grpc::Channel> registry,
                     std::shared_ptr<grpc::Channel> deadlines,
                     const std::map<std::string, std::shared_ptr<grpc::Channel>>& other_registries) {
  auto registry_stub = std::shared_ptr<registry::v1::Registry::Stub>(registry::v1::Registry::NewStub(registry));
  outbox->Route(kToRegistry, [book, registry_stub](const outbox::OutboxMessage& message) {
    grpc::ClientContext context;
    Prepare(context);
    registry::v1::Member moved;
    const std::string id = message.reference;
    if (message.method == "EndMembership") {  // the end of a transfer to another province
      registry::v1::EndMembershipRequest request;
      if (!Parse(message, &request)) return Unreadable(message);
      return outbox::ResultOfRpc(registry_stub->EndMembership(&context, request, &moved),
                                 [book, id](rocksdb::WriteBatch* batch) { return book->OnRegistryMoved(batch, id); });
    }
    registry::v1::MoveMemberRequest request;
    if (message.method != "MoveMember" || !Parse(message, &request)) return Unreadable(message);
    const grpc::Status status = registry_stub->MoveMember(&context, request, &moved);
    if (request.kind() == registry::v1::MoveMemberRequest::RETURN) return outbox::ResultOfRpc(status);
    return outbox::ResultOfRpc(
        status, [book, id](rocksdb::WriteBatch* batch) { return book->OnRegistryMoved(batch, id); },
        [book, id, error = status.error_message()](rocksdb::WriteBatch* batch) {
          return book->OnRegistryRefused(batch, id, error);
        });
  });

  for (const auto& [province, channel] : other_registries) {
    auto stub = std::shared_ptr<registry::v1::Registry::Stub>(registry::v1::Registry::NewStub(channel));
    outbox->Route(ToProvinceRegistry(province), [book, stub](const outbox::OutboxMessage& message) {
      registry::v1::RegisterMemberRequest request;
      if (message.method != "RegisterMember" || !Parse(message, &request)) return Unreadable(message);
      grpc::ClientContext context;
      Prepare(context);
      registry::v1::Member taken_in;
      const grpc::Status status = stub->RegisterMember(&context, request, &taken_in);
      const std::string id = message.reference;
      return outbox::ResultOfRpc(
          status, [book, id](rocksdb::WriteBatch* batch) { return book->OnTakenIn(batch, id); },
          [book, id, error = status.error_message()](rocksdb::WriteBatch* batch) {
            return book->OnRefusedByReceivingProvince(batch, id, error);
          });
    });
  }

  auto deadlines_stub = std::shared_ptr<deadlines::v1::Deadlines::Stub>(deadlines::v1::Deadlines::NewStub(deadlines));
  outbox->Route(kToDeadlines, [book, deadlines_stub](const outbox::OutboxMessage& message) {
    grpc::ClientContext context;
    Prepare(context);
    deadlines::v1::Dossier dossier;
    if (message.method == "CreateDossier") {
      deadlines::v1::CreateDossierRequest request;
      if (!Parse(message, &request)) return Unreadable(message);
      const grpc::Status status = deadlines_stub->CreateDossier(&context, request, &dossier);
      const absl::CivilDay present_by = absl::ToCivilDay(
          FromTimestamp(dossier.due_at()), VietnamTimeZone());
      return outbox::ResultOfRpc(status, [book, id = message.reference, present_by](rocksdb::WriteBatch* batch) {
        return book->OnPresentBy(batch, id, present_by);
      });
    }
    if (message.method == "TransitionDossier") {
      deadlines::v1::TransitionDossierRequest request;
      if (!Parse(message, &request)) return Unreadable(message);
      return outbox::ResultOfRpc(deadlines_stub->TransitionDossier(&context, request, &dossier));
    }
    return Unreadable(message);
  });
}

}  // namespace haicap::transfers
