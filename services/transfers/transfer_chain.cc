#include "services/transfers/transfer_chain.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "common/errors.h"

namespace haicap::transfers {
namespace {

using registry::v1::OrganizationKind;

bool IsGrassroots(OrganizationKind kind) {
  return kind == registry::v1::GRASSROOTS_CELL || kind == registry::v1::GRASSROOTS_COMMITTEE;
}

// The index of the grassroots organisation in `path`, or an error naming `side`.
absl::StatusOr<size_t> GrassrootsIndex(const std::vector<OrgRef>& path, std::string_view side) {
  for (size_t i = 0; i < path.size(); ++i) {
    if (IsGrassroots(path[i].kind)) {
      if (i + 1 >= path.size()) break;  // nobody above it to issue the letter
      return i;
    }
  }
  return FailedPrecondition("NO_GRASSROOTS",
                            absl::StrCat("the ", std::string(side), " organisation ",
                                         path.empty() ? std::string("?") : path.front().id,
                                         " is not under a grassroots organisation with a committee above it"));
}

void Add(std::vector<v1::ChainStep>& chain, const OrgRef& org, v1::ChainRole role) {
  v1::ChainStep& step = chain.emplace_back();
  step.set_step(static_cast<int32_t>(chain.size()) - 1);
  step.set_role(role);
  step.set_organization_id(org.id);
  step.set_organization_name(org.name);
  step.set_province_code(org.province_code);
}

bool SameOrg(const OrgRef& a, const OrgRef& b) { return a.id == b.id && a.province_code == b.province_code; }

}  // namespace

absl::StatusOr<std::vector<v1::ChainStep>> DeriveChain(v1::TransferKind kind, const std::vector<OrgRef>& sending,
                                                       const std::vector<OrgRef>& receiving) {
  if (sending.empty() || receiving.empty()) return absl::InvalidArgumentError("empty organisation path");
  if (SameOrg(sending.front(), receiving.front())) {
    return FailedPrecondition("SAME_ORGANIZATION", "the member already belongs to the receiving organisation");
  }
  std::vector<v1::ChainStep> chain;
  if (kind == v1::INTERNAL) {
    // The nearest grassroots committee above both ends issues the letter.
    for (size_t i = 1; i < sending.size(); ++i) {
      if (sending[i].kind != registry::v1::GRASSROOTS_COMMITTEE) continue;
      const auto shared = std::find_if(receiving.begin(), receiving.end(),
                                       [&](const OrgRef& r) { return SameOrg(r, sending[i]); });
      if (shared == receiving.end()) break;
      Add(chain, sending[0], v1::SENDING_ORGANIZATION);
      for (size_t j = 1; j < i; ++j) Add(chain, sending[j], v1::SENDING_SUPERIOR);
      Add(chain, sending[i], v1::ISSUING_COMMITTEE);
      for (size_t r = shared - receiving.begin(); r > 1; --r) Add(chain, receiving[r - 1], v1::RECEIVING_SUPERIOR);
      Add(chain, receiving[0], v1::RECEIVING_ORGANIZATION);
      return chain;
    }
    return FailedPrecondition("NOT_INTERNAL",
                              "an internal transfer stays under one grassroots committee; use OFFICIAL");
  }
  absl::StatusOr<size_t> send_root = GrassrootsIndex(sending, "sending");
  if (!send_root.ok()) return send_root.status();
  absl::StatusOr<size_t> receive_root = GrassrootsIndex(receiving, "receiving");
  if (!receive_root.ok()) return receive_root.status();
  const OrgRef& issuing = sending[*send_root + 1];
  Add(chain, sending[0], v1::SENDING_ORGANIZATION);
  for (size_t j = 1; j <= *send_root; ++j) Add(chain, sending[j], v1::SENDING_SUPERIOR);
  Add(chain, issuing, v1::ISSUING_COMMITTEE);
  // The receiving side from its issuing committee down, skipping bodies already in the chain (a
  // transfer inside one commune has one issuing committee for both sides).
  for (size_t r = *receive_root + 1;; --r) {
    // The receiving organisation always confirms, even when it endorsed as a sending superior.
    const bool already = r > 0 && std::any_of(chain.begin(), chain.end(), [&](const v1::ChainStep& s) {
      return s.organization_id() == receiving[r].id && s.province_code() == receiving[r].province_code;
    });
    if (!already) Add(chain, receiving[r], r == 0 ? v1::RECEIVING_ORGANIZATION : v1::RECEIVING_SUPERIOR);
    if (r == 0) break;
  }
  return chain;
}

int NextStep(const v1::Transfer& transfer) {
  for (const v1::ChainStep& step : transfer.chain()) {
    if (!step.has_endorsed_at()) return step.step();
  }
  return transfer.chain_size();
}

int IssuingStep(const v1::Transfer& transfer) {
  for (const v1::ChainStep& step : transfer.chain()) {
    if (step.role() == v1::ISSUING_COMMITTEE) return step.step();
  }
  return -1;
}

}  // namespace haicap::transfers
