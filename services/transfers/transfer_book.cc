#include "services/transfers/transfer_book.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "common/proto_time.h"
#include "common/change/etag.h"
#include "common/civil_date.h"
#include "common/errors.h"
#include "common/status_macros.h"
#include "common/storage/idempotency.h"
#include "common/text/text.h"
#include "haicap/deadlines/v1/deadlines.pb.h"
#include "haicap/registry/v1/registry.pb.h"
#include "services/transfers/transfer_rules.h"
#include "services/transfers/transfer_time.h"

namespace haicap::transfers {

using change::ChangeLock;
using change::WithEtag;

TransferBook::TransferBook(TransferStore* store, outbox::Outbox* outbox, const RegistryClient* registry,
                           std::map<std::string, const RegistryClient*> registries, const Clock* clock)
    : store_(store),
      outbox_(outbox),
      registry_(registry),
      registries_(std::move(registries)),
      clock_(clock),
      // The messages a change enqueued go out as soon as it is committed.
      kernel_(&store->idempotency(), {.after_commit = [outbox] { outbox->Notify(); }}) {}

absl::Status TransferBook::Init() { return ids_.ResumeAfterLastIn(*store_->db(), store_->family(kTransfers)); }

const RegistryClient* TransferBook::RegistryFor(const std::string& province_code) const {
  if (province_code.empty()) return registry_;
  auto it = registries_.find(province_code);
  return it == registries_.end() ? nullptr : it->second;
}

absl::Status TransferBook::Send(rocksdb::WriteBatch* batch, const std::string& destination, const std::string& method,
                                const google::protobuf::Message& request, const std::string& request_id,
                                const std::string& reference) {
  outbox::OutboxMessage message;
  message.destination = destination;
  message.method = method;
  message.request_id = request_id;
  message.reference = reference;
  message.payload = request.SerializeAsString();
  return outbox_->Enqueue(batch, message);
}

void TransferBook::Write(rocksdb::WriteBatch* batch, v1::Transfer& transfer, v1::TransferChange change) {
  change.set_to_state(transfer.state());
  change.set_sequence(transfer.revision() + 1);
  *change.mutable_recorded_at() = ToTimestamp(clock_->Now());
  transfer.set_revision(transfer.revision() + 1);
  store_->Put(batch, transfer);
  store_->PutHistory(batch, transfer.id(), change);
}

absl::StatusOr<v1::Transfer> TransferBook::Create(const v1::CreateTransferRequest& request, const std::string& actor) {
  const v1::Transfer& in = request.transfer();
  const absl::CivilDay today = VietnamDay(clock_->Now());
  ValidationErrors errors;
  errors.Add(storage::ValidateRequestId(request.request_id()));
  if (in.member_id().empty()) errors.Add(InvalidArgument("transfer.member_id", "is required"));
  if (in.kind() != v1::OFFICIAL && in.kind() != v1::TEMPORARY && in.kind() != v1::INTERNAL) {
    errors.Add(InvalidArgument("transfer.kind", "must be OFFICIAL, TEMPORARY or INTERNAL"));
  }
  if (in.to_organization_id().empty()) errors.Add(InvalidArgument("transfer.to_organization_id", "is required"));
  errors.Add(text::ValidateName("transfer.reason", in.reason(), kMaxReasonChars));
  errors.Add(CheckDecision(in.decision(), "transfer.decision"));
  if (!in.to_province_code().empty() && in.kind() != v1::OFFICIAL) {
    errors.Add(InvalidArgument("transfer.to_province_code",
                               "only an official transfer goes to another province's deployment"));
  }
  RETURN_IF_ERROR(errors.Result());

  // What the registries say today: asked before the member's lock, and only for a new request id.
  registry::v1::Member member;
  registry::v1::Organization to;
  std::vector<OrgRef> sending_path;
  std::vector<OrgRef> receiving_path;
  std::vector<v1::ChainStep> chain;
  const auto ask_registries = [&]() -> absl::StatusOr<ChangeLock> {
    RETURN_IF_ERROR(CheckReturn(in, today));  // today's rule: a retry tomorrow still gets today's answer
    const RegistryClient* receiving_registry = RegistryFor(in.to_province_code());
    if (receiving_registry == nullptr) {
      return FailedPrecondition("PROVINCE_NOT_CONFIGURED",
                                absl::StrCat("transfer.to_province_code: no registry is configured for province ",
                                             in.to_province_code()));
    }
    ASSIGN_OR_RETURN(member, registry_->GetMember(in.member_id(), today, "transfer.member_id"));
    RETURN_IF_ERROR(CheckMemberActive(member));
    if (!in.from_organization_id().empty() && in.from_organization_id() != member.organization_id()) {
      return FailedPrecondition("NOT_IN_SENDING_ORGANIZATION",
                                absl::StrCat("member ", member.id(), " belongs to organisation ",
                                             member.organization_id(), ", not ", in.from_organization_id()));
    }
    ASSIGN_OR_RETURN(to, receiving_registry->GetOrganization(in.to_organization_id(), today,
                                                             "transfer.to_organization_id"));
    RETURN_IF_ERROR(CheckReceivingOrganization(to));
    ASSIGN_OR_RETURN(sending_path, registry_->Path(member.organization_id(), today));
    ASSIGN_OR_RETURN(receiving_path, receiving_registry->Path(to.id(), today));
    ASSIGN_OR_RETURN(chain, DeriveChain(in.kind(), sending_path, receiving_path));
    return ChangeLock{&MemberLock(member.id())};
  };
  return kernel_.Run<v1::Transfer>({"CreateTransfer", request.request_id()}, ask_registries,
                                   [&](rocksdb::WriteBatch* batch) -> absl::StatusOr<v1::Transfer> {
    ASSIGN_OR_RETURN(std::optional<std::string> open, store_->OpenTransferOf(member.id()));
    if (open) {
      return FailedPrecondition("MEMBER_IN_TRANSFER",
                                absl::StrCat("member ", member.id(), " is already in transfer ", *open));
    }
    v1::Transfer t;
    t.set_id(ids_.Next());
    t.set_member_id(member.id());
    t.set_member_name(member.full_name());
    t.set_kind(in.kind());
    t.set_from_organization_id(member.organization_id());
    t.set_to_organization_id(to.id());
    t.set_to_province_code(in.to_province_code());
    t.set_reason(in.reason());
    *t.mutable_decision() = in.decision();
    t.set_state(v1::REQUESTED);
    for (v1::ChainStep& step : chain) *t.add_chain() = std::move(step);
    if (in.kind() == v1::TEMPORARY) {
      *t.mutable_expected_return_on() = in.expected_return_on();
      t.set_for_study(in.for_study());
    }
    *t.mutable_created_at() = ToTimestamp(clock_->Now());
    store_->SetOpen(batch, member.id(), t.id());
    store_->PutOrganizationIndex(batch, MemberIndexKey(member.id()), 'M', t.id());
    for (const OrgRef& org : sending_path) store_->PutOrganizationIndex(batch, org.id, 'O', t.id());
    for (const OrgRef& org : receiving_path) {
      store_->PutOrganizationIndex(batch, org.province_code.empty() ? org.id : org.province_code + "/" + org.id, 'I',
                                   t.id());
    }
    v1::TransferChange change;
    change.set_summary(absl::StrCat("requested: ", v1::TransferKind_Name(in.kind()), " transfer of ",
                                    member.full_name(), " to ", to.name()));
    change.set_actor(actor);
    change.set_request_id(request.request_id());
    Write(batch, t, std::move(change));
    return WithEtag(t);
  });
}

absl::StatusOr<v1::Transfer> TransferBook::Get(const v1::GetTransferRequest& request) const {
  if (request.id().empty()) return InvalidArgument("id", "is required");
  ASSIGN_OR_RETURN(std::optional<v1::Transfer> transfer, store_->Read(request.id()));
  if (!transfer) return NotFound("TRANSFER_NOT_FOUND", absl::StrCat("no transfer ", request.id()));
  ASSIGN_OR_RETURN(std::vector<v1::TransferChange> history, store_->ReadHistory(request.id()));
  for (auto& change : history) *transfer->add_history() = std::move(change);
  return WithEtag(*std::move(transfer));
}

absl::StatusOr<v1::Transfer> TransferBook::Mutate(std::string_view method, const std::string& id,
                                                  const std::string& etag, const std::string& request_id,
                                                  const std::string& actor, const MutateFn& mutate,
                                                  const PrefetchFn& prefetch) {
  ValidationErrors errors;
  errors.Add(storage::ValidateRequestId(request_id));
  if (id.empty()) errors.Add(InvalidArgument("id", "is required"));
  RETURN_IF_ERROR(errors.Result());
  const auto peek = [&]() -> absl::StatusOr<ChangeLock> {
    ASSIGN_OR_RETURN(const v1::Transfer transfer, store_->ReadExisting(id));
    if (prefetch) RETURN_IF_ERROR(prefetch(transfer));
    // Locked by member, like CreateTransfer: one member's transfers change one at a time.
    return ChangeLock{&MemberLock(transfer.member_id())};
  };
  return kernel_.Run<v1::Transfer>({method, request_id}, peek,
                                   [&](rocksdb::WriteBatch* batch) -> absl::StatusOr<v1::Transfer> {
    ASSIGN_OR_RETURN(v1::Transfer transfer, store_->ReadExisting(id));
    RETURN_IF_ERROR(change::CheckEtag(etag, transfer.revision(), absl::StrCat("transfer ", id)));
    v1::TransferChange change;
    change.set_from_state(transfer.state());
    change.set_actor(actor);
    change.set_request_id(request_id);
    RETURN_IF_ERROR(mutate(transfer, change, batch));
    if (IsEnded(transfer)) store_->ClearOpen(batch, transfer.member_id());
    Write(batch, transfer, std::move(change));
    return WithEtag(std::move(transfer));
  });
}

}  // namespace haicap::transfers
