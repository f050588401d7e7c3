#include "services/registry/organization_rules.h"

#include "absl/strings/str_cat.h"
#include "common/errors.h"

namespace haicap::registry {

using v1::OrganizationKind;

std::string KindLabel(OrganizationKind kind) {
  switch (kind) {
    case v1::PROVINCIAL_COMMITTEE: return "provincial committee";
    case v1::COMMUNE_COMMITTEE: return "commune committee";
    case v1::GRASSROOTS_COMMITTEE: return "grassroots committee";
    case v1::GRASSROOTS_CELL: return "grassroots cell";
    case v1::SUB_COMMITTEE: return "sub-committee";
    case v1::CELL: return "cell";
    case v1::DISTRICT_COMMITTEE: return "district committee";
    default: return "unspecified kind";
  }
}

bool IsRootKind(OrganizationKind kind) { return kind == v1::PROVINCIAL_COMMITTEE; }

namespace {
bool MayHold(const Organization& parent, OrganizationKind child) {
  const OrganizationKind p = parent.kind();
  switch (child) {
    case v1::DISTRICT_COMMITTEE:
      return p == v1::PROVINCIAL_COMMITTEE;
    case v1::COMMUNE_COMMITTEE:
      // Before July 2025 commune committees sat under district committees.
      return p == v1::PROVINCIAL_COMMITTEE || p == v1::DISTRICT_COMMITTEE;
    case v1::GRASSROOTS_COMMITTEE:
    case v1::GRASSROOTS_CELL:
      return p == v1::PROVINCIAL_COMMITTEE || p == v1::DISTRICT_COMMITTEE ||
             p == v1::COMMUNE_COMMITTEE ||
             (p == v1::GRASSROOTS_COMMITTEE && parent.upper_grassroots_powers());
    case v1::SUB_COMMITTEE:
      return p == v1::GRASSROOTS_COMMITTEE;
    case v1::CELL:
      return p == v1::GRASSROOTS_COMMITTEE || p == v1::SUB_COMMITTEE;
    default:
      return false;
  }
}
}  // namespace

absl::Status CheckPlacement(const Organization& parent, OrganizationKind child) {
  if (MayHold(parent, child)) return absl::OkStatus();
  return FailedPrecondition(
      "KIND_NOT_ALLOWED_UNDER_PARENT",
      absl::StrCat("a ", KindLabel(child), " cannot sit under ", parent.name(), " (", parent.id(),
                   "), a ", KindLabel(parent.kind()),
                   parent.kind() == v1::GRASSROOTS_COMMITTEE && !parent.upper_grassroots_powers() &&
                           (child == v1::GRASSROOTS_CELL || child == v1::GRASSROOTS_COMMITTEE)
                       ? " without upper-grassroots powers"
                       : ""));
}

bool HoldsMembers(OrganizationKind kind) {
  return kind == v1::CELL || kind == v1::GRASSROOTS_CELL || kind == v1::GRASSROOTS_COMMITTEE;
}

absl::Status CheckHoldsMembers(const Organization& org) {
  if (HoldsMembers(org.kind())) return absl::OkStatus();
  return FailedPrecondition("KIND_HOLDS_NO_MEMBERS",
                            absl::StrCat(org.name(), " (", org.id(), "), a ", KindLabel(org.kind()),
                                         ", does not hold members directly: members belong to a cell, a "
                                         "grassroots cell or a grassroots committee"));
}

UnitLevel RequiredUnitLevel(OrganizationKind kind) {
  switch (kind) {
    case v1::PROVINCIAL_COMMITTEE: return UnitLevel::kProvince;
    case v1::COMMUNE_COMMITTEE: return UnitLevel::kCommune;
    case v1::DISTRICT_COMMITTEE: return UnitLevel::kFormerDistrict;
    default: return UnitLevel::kProvinceOrCommune;
  }
}

bool UnitCodeRequired(OrganizationKind kind) {
  return kind == v1::PROVINCIAL_COMMITTEE || kind == v1::COMMUNE_COMMITTEE ||
         kind == v1::DISTRICT_COMMITTEE;
}

}  // namespace haicap::registry
