// How a transfer ends other than by a completed receipt: cancelled by the sending side, rejected by
// the receiving side, a temporary transfer's return; and the reason for a late letter.
#include "absl/strings/str_cat.h"
#include "common/civil_date.h"
#include "common/errors.h"
#include "common/status_macros.h"
#include "common/text/text.h"
#include "haicap/deadlines/v1/deadlines.pb.h"
#include "haicap/registry/v1/registry.pb.h"
#include "services/transfers/transfer_book.h"
#include "services/transfers/transfer_rules.h"
#include "services/transfers/transfer_time.h"

namespace haicap::transfers {

absl::StatusOr<v1::Transfer> TransferBook::Cancel(const v1::CancelTransferRequest& request, const std::string& actor) {
  RETURN_IF_ERROR(text::ValidateName("reason", request.reason(), kMaxReasonChars));
  return Mutate("CancelTransfer", request.id(), request.etag(), request.request_id(), actor,
                [&](v1::Transfer& t, v1::TransferChange& change, rocksdb::WriteBatch* batch) -> absl::Status {
    RETURN_IF_ERROR(CheckCancellable(t));
    RETURN_IF_ERROR(StopClock(batch, t, deadlines::v1::WITHDRAWN, absl::StrCat("transfer cancelled: ", request.reason())));
    t.set_state(v1::CANCELLED);
    change.set_summary(absl::StrCat("cancelled: ", request.reason()));
    return absl::OkStatus();
  });
}

absl::StatusOr<v1::Transfer> TransferBook::Reject(const v1::RejectTransferRequest& request, const std::string& actor) {
  ValidationErrors errors;
  if (request.organization_id().empty()) errors.Add(InvalidArgument("organization_id", "is required"));
  errors.Add(text::ValidateName("reason", request.reason(), kMaxReasonChars));
  RETURN_IF_ERROR(errors.Result());
  return Mutate("RejectTransfer", request.id(), request.etag(), request.request_id(), actor,
                [&](v1::Transfer& t, v1::TransferChange& change, rocksdb::WriteBatch* batch) -> absl::Status {
    RETURN_IF_ERROR(CheckRejectable(t, request.organization_id()));
    RETURN_IF_ERROR(StopClock(batch, t, deadlines::v1::STOPPED, absl::StrCat("transfer rejected: ", request.reason())));
    t.set_state(v1::REJECTED);
    change.set_summary(absl::StrCat("rejected by organisation ", request.organization_id(), ": ", request.reason()));
    return absl::OkStatus();
  });
}

absl::StatusOr<v1::Transfer> TransferBook::EndTemporary(const v1::EndTemporaryTransferRequest& request,
                                                        const std::string& actor) {
  const absl::CivilDay today = VietnamDay(clock_->Now());
  ASSIGN_OR_RETURN(absl::CivilDay returned,
                   DayOrToday(request.has_returned_on(), request.returned_on(), today, "returned_on"));
  return Mutate("EndTemporaryTransfer", request.id(), request.etag(), request.request_id(), actor,
                [&](v1::Transfer& t, v1::TransferChange& change, rocksdb::WriteBatch* batch) -> absl::Status {
    if (t.kind() != v1::TEMPORARY || t.state() != v1::COMPLETED) {
      return FailedPrecondition("NOT_TEMPORARY_ABROAD",
                                absl::StrCat("transfer ", t.id(), " is not a completed temporary transfer"));
    }
    if (returned < FromDayNumber(DayNumber(t.effective_date()))) {
      return InvalidArgument("returned_on", "is before the temporary transfer took effect");
    }
    *t.mutable_returned_on() = ToProtoDate(returned);
    t.set_state(v1::RETURNED);
    change.set_summary("returned from the temporary transfer");
    registry::v1::MoveMemberRequest back;
    back.set_member_id(t.member_id());
    back.set_kind(registry::v1::MoveMemberRequest::RETURN);
    *back.mutable_effective_date() = ToProtoDate(returned);
    back.set_reference(absl::StrCat("transfers/", t.id()));
    back.set_request_id(absl::StrCat("transfer-", t.id(), "-return"));
    return Send(batch, kToRegistry, "MoveMember", back, back.request_id(), t.id());
  });
}

absl::StatusOr<v1::Transfer> TransferBook::ReportOverdueReason(const v1::ReportOverdueReasonRequest& request,
                                                               const std::string& actor) {
  RETURN_IF_ERROR(text::ValidateName("reason", request.reason(), kMaxReasonChars));
  return Mutate("ReportOverdueReason", request.id(), request.etag(), request.request_id(), actor,
                [&](v1::Transfer& t, v1::TransferChange& change, rocksdb::WriteBatch*) -> absl::Status {
    if (!t.overdue()) {
      return FailedPrecondition("NOT_OVERDUE", absl::StrCat("transfer ", t.id(), "'s letter is not overdue"));
    }
    t.set_overdue_reason(request.reason());
    change.set_summary(absl::StrCat("reason for the late letter: ", request.reason()));
    return absl::OkStatus();
  });
}

absl::Status TransferBook::StopClock(rocksdb::WriteBatch* batch, const v1::Transfer& t,
                                     deadlines::v1::DossierStatus status, const std::string& reason) {
  if (t.state() != v1::INTRODUCED) return absl::OkStatus();  // no clock before the letter
  deadlines::v1::TransitionDossierRequest stop;
  stop.set_id(ClockId(t.id()));
  stop.set_status(status);
  stop.set_reason(reason.substr(0, kMaxReasonChars));
  stop.set_request_id(absl::StrCat("transfer-", t.id(), "-clock-end"));
  return Send(batch, kToDeadlines, "TransitionDossier", stop, stop.request_id(), t.id());
}

}  // namespace haicap::transfers
