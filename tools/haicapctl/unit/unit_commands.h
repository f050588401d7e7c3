// The `haicapctl unit ...` commands over the administrative-unit gazetteer (the 34 provinces and
// 3,321 communes in force since 1 July 2025, and the old communes they were formed from).
#pragma once

#include "CLI/CLI.hpp"
#include "tools/haicapctl/core/session.h"

namespace haicap::ctl {

// get, list.
void AddUnitCommands(CLI::App* unit, Session& session);

}  // namespace haicap::ctl
