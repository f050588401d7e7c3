#include "services/registry/clock_deliveries.h"

#include "common/proto_time.h"

#include <chrono>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "haicap/deadlines/v1/deadlines.grpc.pb.h"

namespace haicap::registry {
namespace {

// Handlers run one at a time: a receiver that hangs delays the others by at most this per attempt.
constexpr auto kDeliveryTimeout = std::chrono::seconds(5);

}  // namespace

void RouteClockDeliveries(outbox::Outbox* outbox, MemberClocks* clocks, std::shared_ptr<grpc::Channel> deadlines) {
  auto stub = std::shared_ptr<deadlines::v1::Deadlines::Stub>(deadlines::v1::Deadlines::NewStub(deadlines));
  outbox->Route(kToDeadlines, [clocks, stub](const outbox::OutboxMessage& message) {
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + kDeliveryTimeout);
    context.AddMetadata("x-haicap-actor", "haicap-registry");
    deadlines::v1::Dossier dossier;
    uint64_t member = 0;
    if (!absl::SimpleAtoi(message.reference, &member)) {
      return outbox::DeliveryResult::Fail(absl::StrCat("no member in the reference of ", message.method));
    }
    if (message.method == "CreateDossier") {
      deadlines::v1::CreateDossierRequest request;
      if (!request.ParseFromString(message.payload)) return outbox::DeliveryResult::Fail("unreadable CreateDossier");
      const grpc::Status status = stub->CreateDossier(&context, request, &dossier);
      const MemberClock clock = request.dossier().id().starts_with("CEREMONY-") ? kCeremonyClock : kRecognitionClock;
      const absl::CivilDay due = VietnamDay(FromTimestamp(dossier.due_at()));
      const bool provisional = dossier.due_provisional();
      return outbox::ResultOfRpc(status, [clocks, member, clock, due, provisional](rocksdb::WriteBatch* batch) {
        return clocks->OnDue(batch, member, clock, due, provisional);
      });
    }
    deadlines::v1::TransitionDossierRequest request;
    if (message.method != "TransitionDossier" || !request.ParseFromString(message.payload)) {
      return outbox::DeliveryResult::Fail(absl::StrCat("unreadable ", message.method));
    }
    return outbox::ResultOfRpc(stub->TransitionDossier(&context, request, &dossier));
  });
}

}  // namespace haicap::registry
