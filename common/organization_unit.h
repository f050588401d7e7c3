// How the suite's services name an organisation as the owner (unit_code) of the clocks they hand
// to the deadlines service: "org-<id>". A bare registry id would read there as a province
// (2 digits) or commune (5 digits) code: counted in that province's statistics, or refused.
#pragma once

#include <string>
#include <string_view>

namespace haicap {

inline std::string OrganizationUnitCode(std::string_view organization_id) {
  return "org-" + std::string(organization_id);
}

}  // namespace haicap
