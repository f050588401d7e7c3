// The chain's steps: endorsements, the introduction letter with its clock, the receipt with the
// registry move.
#include <algorithm>

#include "absl/strings/str_cat.h"
#include "common/proto_time.h"
#include "common/civil_date.h"
#include "common/errors.h"
#include "common/organization_unit.h"
#include "common/status_macros.h"
#include "common/text/text.h"
#include "haicap/deadlines/v1/deadlines.pb.h"
#include "haicap/registry/v1/registry.pb.h"
#include "services/transfers/transfer_book.h"
#include "services/transfers/transfer_rules.h"
#include "services/transfers/transfer_time.h"

namespace haicap::transfers {

absl::StatusOr<v1::Transfer> TransferBook::Endorse(const v1::EndorseTransferRequest& request, const std::string& actor) {
  ValidationErrors errors;
  if (request.organization_id().empty()) errors.Add(InvalidArgument("organization_id", "is required"));
  if (!request.note().empty()) errors.Add(text::ValidateName("note", request.note(), kMaxReasonChars));
  RETURN_IF_ERROR(errors.Result());
  return Mutate("EndorseTransfer", request.id(), request.etag(), request.request_id(), actor,
                [&](v1::Transfer& t, v1::TransferChange& change, rocksdb::WriteBatch*) -> absl::Status {
    ASSIGN_OR_RETURN(v1::ChainStep * step, StepToEndorse(t, request.organization_id()));
    step->set_endorsed_by(actor);
    *step->mutable_endorsed_at() = ToTimestamp(clock_->Now());
    step->set_note(request.note());
    if (t.state() == v1::REQUESTED) t.set_state(v1::ENDORSING);
    change.set_summary(absl::StrCat("endorsed by ", step->organization_name()));
    return absl::OkStatus();
  });
}

absl::StatusOr<v1::Transfer> TransferBook::IssueIntroduction(const v1::IssueIntroductionRequest& request,
                                                             const std::string& actor) {
  const absl::CivilDay today = VietnamDay(clock_->Now());
  ValidationErrors errors;
  errors.Add(text::ValidateName("letter.number", request.letter().number(), 100));
  absl::StatusOr<absl::CivilDay> issued_on =
      DayOrToday(request.letter().has_issued_on(), request.letter().issued_on(), today, "letter.issued_on");
  errors.Add(issued_on.status());
  RETURN_IF_ERROR(errors.Result());
  return Mutate("IssueIntroduction", request.id(), request.etag(), request.request_id(), actor,
                [&](v1::Transfer& t, v1::TransferChange& change, rocksdb::WriteBatch* batch) -> absl::Status {
    ASSIGN_OR_RETURN(v1::ChainStep * step, StepToIssue(t));
    step->set_endorsed_by(actor);
    *step->mutable_endorsed_at() = ToTimestamp(clock_->Now());
    v1::Letter& letter = *t.mutable_letter();
    letter.set_number(request.letter().number());
    *letter.mutable_issued_on() = ToProtoDate(*issued_on);
    letter.set_issued_by_organization_id(step->organization_id());
    t.set_state(v1::INTRODUCED);
    change.set_summary(absl::StrCat("letter ", letter.number(), " issued by ", step->organization_name()));

    // The 30 working days to present the letter, counted by the deadlines service.
    deadlines::v1::CreateDossierRequest clock;
    deadlines::v1::Dossier& d = *clock.mutable_dossier();
    d.set_id(ClockId(t.id()));
    d.set_kind(deadlines::v1::PARTY_OBLIGATION);
    d.set_subject(absl::StrCat("transfers/", t.id()));
    d.set_unit_code(OrganizationUnitCode(step->organization_id()));
    d.set_procedure_code("giay-gioi-thieu-sinh-hoat-dang");
    const absl::Time issued_at = std::min(clock_->Now(), absl::FromCivil(*issued_on, VietnamTimeZone()) + absl::Hours(7));
    *d.mutable_received_at() = ToTimestamp(issued_at);
    d.mutable_duration()->set_amount(kPresentWithinWorkingDays);
    d.mutable_duration()->set_unit(deadlines::v1::WORKING_DAYS);
    d.set_calendar_id("VN");
    clock.set_request_id(absl::StrCat("transfer-", t.id(), "-clock"));
    return Send(batch, kToDeadlines, "CreateDossier", clock, clock.request_id(), t.id());
  });
}

absl::StatusOr<v1::Transfer> TransferBook::ConfirmReceipt(const v1::ConfirmReceiptRequest& request,
                                                          const std::string& actor) {
  const absl::CivilDay today = VietnamDay(clock_->Now());
  ValidationErrors errors;
  absl::StatusOr<absl::CivilDay> presented =
      DayOrToday(request.has_presented_on(), request.presented_on(), today, "presented_on");
  errors.Add(presented.status());
  absl::StatusOr<absl::CivilDay> effective =
      request.has_effective_date() ? ToCivilDay(request.effective_date(), "effective_date") : presented;
  if (request.has_effective_date()) errors.Add(effective.status());
  RETURN_IF_ERROR(errors.Result());
  // Across provinces the member's record goes to the other registry: read before the member's lock,
  // so that a slow registry holds up no other change.
  std::optional<registry::v1::Member> leaving;
  const auto read_leaving = [&](const v1::Transfer& t) -> absl::Status {
    if (t.to_province_code().empty()) return absl::OkStatus();
    ASSIGN_OR_RETURN(leaving, registry_->GetMember(t.member_id(), *effective - 1));
    return absl::OkStatus();
  };
  return Mutate("ConfirmReceipt", request.id(), request.etag(), request.request_id(), actor,
                [&](v1::Transfer& t, v1::TransferChange& change, rocksdb::WriteBatch* batch) -> absl::Status {
    ASSIGN_OR_RETURN(v1::ChainStep * step, StepToReceive(t));
    ASSIGN_OR_RETURN(absl::CivilDay issued, ToCivilDay(t.letter().issued_on(), "letter.issued_on"));
    if (*presented < issued) return InvalidArgument("presented_on", "is before the letter was issued");
    if (*effective < *presented) return InvalidArgument("effective_date", "is before presented_on");
    step->set_endorsed_by(actor);
    *step->mutable_endorsed_at() = ToTimestamp(clock_->Now());
    *t.mutable_presented_on() = ToProtoDate(*presented);
    *t.mutable_effective_date() = ToProtoDate(*effective);
    t.set_state(v1::RECEIVED);
    change.set_summary(absl::StrCat("received by ", step->organization_name()));

    if (!t.to_province_code().empty()) {
      // Across provinces, a saga: the receiving province's registry takes the member in first.
      registry::v1::RegisterMemberRequest in;
      registry::v1::Member& m = *in.mutable_member();
      m = *leaving;
      m.clear_id();
      m.clear_etag();
      m.clear_temporary_organization_id();
      m.clear_temporary_until();
      m.set_organization_id(t.to_organization_id());
      *in.mutable_effective_date() = ToProtoDate(*effective);
      in.mutable_decision()->set_number(t.decision().number());
      *in.mutable_decision()->mutable_date() = t.decision().date();
      if (t.decision().number().empty()) in.clear_decision();
      in.set_request_id(absl::StrCat("transfer-", t.id(), "-in"));
      RETURN_IF_ERROR(Send(batch, ToProvinceRegistry(t.to_province_code()), "RegisterMember", in, in.request_id(),
                           t.id()));
    } else {
      RETURN_IF_ERROR(SendMove(batch, t, *effective));
    }

    deadlines::v1::TransitionDossierRequest done;
    done.set_id(ClockId(t.id()));
    done.set_status(deadlines::v1::PROCESSED);
    // Presented today: now; on an earlier day: its noon (after the clock's start at 07:00).
    *done.mutable_occurred_at() = ToTimestamp(
        *presented < today ? absl::FromCivil(*presented, VietnamTimeZone()) + absl::Hours(12) : clock_->Now());
    done.set_request_id(absl::StrCat("transfer-", t.id(), "-clock-done"));
    return Send(batch, kToDeadlines, "TransitionDossier", done, done.request_id(), t.id());
  }, read_leaving);
}

absl::Status TransferBook::SendMove(rocksdb::WriteBatch* batch, const v1::Transfer& t, absl::CivilDay effective) {
  registry::v1::MoveMemberRequest move;
  move.set_member_id(t.member_id());
  move.set_kind(t.kind() == v1::TEMPORARY ? registry::v1::MoveMemberRequest::TEMPORARY
                                          : registry::v1::MoveMemberRequest::PERMANENT);
  move.set_organization_id(t.to_organization_id());
  *move.mutable_effective_date() = ToProtoDate(effective);
  if (t.kind() == v1::TEMPORARY) *move.mutable_temporary_until() = t.expected_return_on();
  move.set_reference(absl::StrCat("transfers/", t.id()));
  move.set_request_id(absl::StrCat("transfer-", t.id(), "-move"));
  return Send(batch, kToRegistry, "MoveMember", move, move.request_id(), t.id());
}

}  // namespace haicap::transfers
