// The rules of a transfer (docs/domain.md §3) that need no storage: who may be transferred where, for
// how long, and which step of the chain may act in which state.
#pragma once

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "haicap/registry/v1/registry.pb.h"
#include "haicap/transfers/v1/transfers.pb.h"

namespace haicap::transfers {

inline constexpr int kMaxReasonChars = 500;
// The member must present the introduction letter within this many working days.
inline constexpr int kPresentWithinWorkingDays = 30;

// INVALID_ARGUMENT naming `field` for a decision with a number and no date or the reverse.
absl::Status CheckDecision(const v1::Decision& decision, const std::string& field);
// A temporary transfer returns 3 to < 12 months after `today` (study: up to 24 months); other
// kinds have no return. INVALID_ARGUMENT naming transfer.expected_return_on otherwise.
absl::Status CheckReturn(const v1::Transfer& transfer, absl::CivilDay today);
// FAILED_PRECONDITION MEMBER_NOT_ACTIVE unless probationary or official.
absl::Status CheckMemberActive(const registry::v1::Member& member);
// FAILED_PRECONDITION unless active (RECEIVING_NOT_ACTIVE) and of a kind that holds members
// (RECEIVING_CANNOT_HOLD_MEMBERS).
absl::Status CheckReceivingOrganization(const registry::v1::Organization& organization);

// COMPLETED (for official and internal transfers), RETURNED, CANCELLED, REJECTED: the member may
// start another transfer. A completed temporary transfer is still open until the return.
bool IsEnded(v1::TransferState state);
bool IsEnded(const v1::Transfer& transfer);

// The step `organization_id` may endorse now: the next one, on the sending side before the letter
// or the receiving side after it, but not the issuing or the receiving organisation's own step
// (IssueIntroduction and ConfirmReceipt). FAILED_PRECONDITION saying whose turn it is otherwise.
absl::StatusOr<v1::ChainStep*> StepToEndorse(v1::Transfer& transfer, const std::string& organization_id);
// The issuing committee's step, when every step before it has endorsed.
absl::StatusOr<v1::ChainStep*> StepToIssue(v1::Transfer& transfer);
// The receiving organisation's step, when the letter is issued and every step before it endorsed.
absl::StatusOr<v1::ChainStep*> StepToReceive(v1::Transfer& transfer);
// FAILED_PRECONDITION unless the transfer may still be cancelled (before receipt).
absl::Status CheckCancellable(const v1::Transfer& transfer);
// FAILED_PRECONDITION unless `organization_id` is on the receiving side and the transfer is not
// received yet.
absl::Status CheckRejectable(const v1::Transfer& transfer, const std::string& organization_id);

}  // namespace haicap::transfers
