// The endorsement chain of a transfer (docs/domain.md §3), derived from the registry's tree instead of
// fixed box numbers, and which body may act next.
//
// A path lists an organisation and its ancestors, nearest first (the member's cell, …, the
// provincial committee), as the registry has them on the transfer's date. The grassroots
// organisation of a path is its first GRASSROOTS_CELL or GRASSROOTS_COMMITTEE; the committee that
// issues the introduction letter is the grassroots organisation's parent (a commune committee, or
// the provincial committee for grassroots organisations directly under it). An internal transfer
// stays under one grassroots committee, which issues the (shorter) letter itself.
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "haicap/registry/v1/registry.pb.h"
#include "haicap/transfers/v1/transfers.pb.h"

namespace haicap::transfers {

struct OrgRef {
  std::string id;
  std::string name;
  registry::v1::OrganizationKind kind = registry::v1::ORGANIZATION_KIND_UNSPECIFIED;
  // Set when the organisation lives in another province's deployment.
  std::string province_code;
};

// The chain from `sending` (the member's organisation first) to `receiving` (the receiving
// organisation first). FAILED_PRECONDITION (reason NOT_INTERNAL) for an internal transfer whose
// ends are not under one grassroots committee, (NO_GRASSROOTS) when a path has no grassroots
// organisation or no parent above it, (SAME_ORGANIZATION) when both ends are one organisation.
absl::StatusOr<std::vector<v1::ChainStep>> DeriveChain(v1::TransferKind kind, const std::vector<OrgRef>& sending,
                                                       const std::vector<OrgRef>& receiving);

// The index of the first step nobody has endorsed; chain.size() when all have.
int NextStep(const v1::Transfer& transfer);
// The index of the ISSUING_COMMITTEE step.
int IssuingStep(const v1::Transfer& transfer);

}  // namespace haicap::transfers
