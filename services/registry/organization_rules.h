// Which kind of party organisation may sit under which (Điều lệ Đảng; Quy định 294-QĐ/TW), and
// what administrative unit each kind is tied to. Pure functions, no storage.
#pragma once

#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "haicap/registry/v1/registry.pb.h"

namespace haicap::registry {

using v1::Organization;
using v1::OrganizationKind;

inline constexpr int kMaxNameChars = 200;
inline constexpr int kMaxDecisionNumberChars = 100;

// "commune committee" etc., for messages.
std::string KindLabel(OrganizationKind kind);

// True when `kind` has no parent (a provincial committee).
bool IsRootKind(OrganizationKind kind);

// OK when an organisation of `child` kind may sit under `parent` (a grassroots organisation may sit
// under a grassroots committee only when that one has upper-grassroots powers); otherwise
// FAILED_PRECONDITION with reason KIND_NOT_ALLOWED_UNDER_PARENT.
absl::Status CheckPlacement(const Organization& parent, OrganizationKind child);

// Members belong directly to cells, grassroots cells and grassroots committees only.
bool HoldsMembers(OrganizationKind kind);
// FAILED_PRECONDITION KIND_HOLDS_NO_MEMBERS unless `org` holds members directly.
absl::Status CheckHoldsMembers(const Organization& org);

// Which administrative-unit code an organisation of `kind` carries.
enum class UnitLevel { kProvince, kCommune, kFormerDistrict, kProvinceOrCommune };
UnitLevel RequiredUnitLevel(OrganizationKind kind);
// True when a code is required (not optional) for `kind`.
bool UnitCodeRequired(OrganizationKind kind);

}  // namespace haicap::registry
