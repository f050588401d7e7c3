#include "services/transfers/transfer_rules.h"

#include "absl/strings/str_cat.h"
#include "common/civil_date.h"
#include "common/errors.h"
#include "services/transfers/transfer_chain.h"

namespace haicap::transfers {
namespace {

absl::Status NotYourTurn(const v1::Transfer& t, int next, std::string_view why) {
  if (next >= t.chain_size()) {
    return FailedPrecondition("CHAIN_COMPLETE", absl::StrCat("every body of transfer ", t.id(), " has acted"));
  }
  return FailedPrecondition("NOT_NEXT_IN_CHAIN",
                            absl::StrCat(std::string(why), "; step ", next + 1, " of ", t.chain_size(), " waits for ",
                                         t.chain(next).organization_name(), " (", t.chain(next).organization_id(),
                                         ")"));
}

std::string StateName(v1::TransferState state) { return v1::TransferState_Name(state); }

}  // namespace

absl::Status CheckDecision(const v1::Decision& decision, const std::string& field) {
  if (decision.number().empty() && !decision.has_date()) return absl::OkStatus();
  if (decision.number().empty()) return InvalidArgument(field + ".number", "is required with a date");
  if (!decision.has_date()) return InvalidArgument(field + ".date", "is required with a number");
  if (decision.number().size() > 100) return InvalidArgument(field + ".number", "is longer than 100 characters");
  return ToCivilDay(decision.date(), field + ".date").status();
}

absl::Status CheckReturn(const v1::Transfer& transfer, absl::CivilDay today) {
  const std::string field = "transfer.expected_return_on";
  if (transfer.kind() != v1::TEMPORARY) {
    if (transfer.has_expected_return_on() || transfer.for_study()) {
      return InvalidArgument(field, "only a temporary transfer has an expected return");
    }
    return absl::OkStatus();
  }
  if (!transfer.has_expected_return_on()) return InvalidArgument(field, "is required for a temporary transfer");
  absl::StatusOr<absl::CivilDay> back = ToCivilDay(transfer.expected_return_on(), field);
  if (!back.ok()) return back.status();
  const int max_months = transfer.for_study() ? 24 : 12;
  if (*back < AddMonths(today, 3)) return InvalidArgument(field, "must be at least 3 months away");
  const bool too_far = transfer.for_study() ? *back > AddMonths(today, max_months) : *back >= AddMonths(today, 12);
  if (too_far) {
    return InvalidArgument(field, transfer.for_study() ? "a temporary transfer for study lasts at most 24 months"
                                                       : "a temporary transfer lasts less than 12 months (for study, "
                                                         "up to 24: set for_study)");
  }
  return absl::OkStatus();
}

absl::Status CheckMemberActive(const registry::v1::Member& member) {
  if (member.status() == registry::v1::PROBATIONARY || member.status() == registry::v1::OFFICIAL) {
    return absl::OkStatus();
  }
  return FailedPrecondition("MEMBER_NOT_ACTIVE", absl::StrCat("member ", member.id(), " is ",
                                                              registry::v1::MemberStatus_Name(member.status())));
}

absl::Status CheckReceivingOrganization(const registry::v1::Organization& org) {
  if (org.state() != registry::v1::ACTIVE) {
    return FailedPrecondition("RECEIVING_NOT_ACTIVE", absl::StrCat("organisation ", org.id(), " is not active"));
  }
  const auto kind = org.kind();
  if (kind != registry::v1::CELL && kind != registry::v1::GRASSROOTS_CELL &&
      kind != registry::v1::GRASSROOTS_COMMITTEE) {
    return FailedPrecondition("RECEIVING_CANNOT_HOLD_MEMBERS",
                              absl::StrCat("organisation ", org.id(), " (", registry::v1::OrganizationKind_Name(kind),
                                           ") does not hold members: choose a cell or grassroots organisation"));
  }
  return absl::OkStatus();
}

bool IsEnded(v1::TransferState state) {
  return state == v1::RETURNED || state == v1::CANCELLED || state == v1::REJECTED;
}

bool IsEnded(const v1::Transfer& transfer) {
  return IsEnded(transfer.state()) || (transfer.state() == v1::COMPLETED && transfer.kind() != v1::TEMPORARY);
}

absl::StatusOr<v1::ChainStep*> StepToEndorse(v1::Transfer& t, const std::string& organization_id) {
  if (t.state() != v1::REQUESTED && t.state() != v1::ENDORSING && t.state() != v1::INTRODUCED) {
    return FailedPrecondition("NOT_ENDORSABLE", absl::StrCat("transfer ", t.id(), " is ", StateName(t.state())));
  }
  const int next = NextStep(t);
  if (next == IssuingStep(t)) return NotYourTurn(t, next, "the letter comes next: IssueIntroduction");
  if (next == t.chain_size() - 1) return NotYourTurn(t, next, "the receipt comes next: ConfirmReceipt");
  if (next >= t.chain_size() || t.chain(next).organization_id() != organization_id) {
    return NotYourTurn(t, next, absl::StrCat("organisation ", organization_id, " may not endorse now"));
  }
  return t.mutable_chain(next);
}

absl::StatusOr<v1::ChainStep*> StepToIssue(v1::Transfer& t) {
  const int next = NextStep(t);
  if (next != IssuingStep(t) || (t.state() != v1::REQUESTED && t.state() != v1::ENDORSING)) {
    return NotYourTurn(t, next, "the letter is issued when every sending body has endorsed, once");
  }
  return t.mutable_chain(next);
}

absl::StatusOr<v1::ChainStep*> StepToReceive(v1::Transfer& t) {
  const int next = NextStep(t);
  if (t.state() != v1::INTRODUCED || next != t.chain_size() - 1) {
    return NotYourTurn(t, next, "the receipt is confirmed after the letter and every receiving endorsement");
  }
  return t.mutable_chain(next);
}

absl::Status CheckCancellable(const v1::Transfer& t) {
  if (t.state() == v1::REQUESTED || t.state() == v1::ENDORSING || t.state() == v1::INTRODUCED) {
    return absl::OkStatus();
  }
  return FailedPrecondition("NOT_CANCELLABLE",
                            absl::StrCat("transfer ", t.id(), " is ", StateName(t.state()),
                                         ": only a transfer not yet received may be cancelled"));
}

absl::Status CheckRejectable(const v1::Transfer& t, const std::string& organization_id) {
  if (absl::Status open = CheckCancellable(t); !open.ok()) return open;
  const int issuing = IssuingStep(t);
  for (int i = issuing + 1; i < t.chain_size(); ++i) {
    if (t.chain(i).organization_id() == organization_id) return absl::OkStatus();
  }
  return FailedPrecondition("NOT_RECEIVING_SIDE",
                            absl::StrCat("organisation ", organization_id, " is not on the receiving side of transfer ",
                                         t.id()));
}

}  // namespace haicap::transfers
