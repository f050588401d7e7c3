// Input checks of member data shared by RegisterMember and ImportMembers.
#pragma once

#include <string>

#include "common/errors.h"
#include "haicap/registry/v1/registry.pb.h"

namespace haicap::registry {

// Adds to `errors` what is wrong with the personal data, status and dates of a member being
// registered; `prefix` is the path of the member message in field names, e.g. "member." or "".
void CheckRegistration(const v1::Member& member, const std::string& prefix, ValidationErrors* errors);

}  // namespace haicap::registry
