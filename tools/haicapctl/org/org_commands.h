// The `haicapctl org ...` commands over the registry's organisation RPCs. Each registers its
// subcommand on `org` with its flags, its help (which is the user documentation: what it does
// and examples) and its action, which runs through `session`.
#pragma once

#include "CLI/CLI.hpp"
#include "tools/haicapctl/core/session.h"

namespace haicap::ctl {

// get, list, tree, history, summary.
void AddOrgQueryCommands(CLI::App* org, Session& session);
// create, update, move, merge, dissolve.
void AddOrgChangeCommands(CLI::App* org, Session& session);

}  // namespace haicap::ctl
