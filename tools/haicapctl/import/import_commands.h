// The `haicapctl import ...` commands: organisations and members from CSV files, sent to the
// registry's ImportOrganizations / ImportMembers in batches, in file order, with a progress bar
// on stderr and a report of every row that did not land.
//
// Imports carry no request id: the registry recognises rows imported before (by organisation
// key, by citizen ID), so running the same file again creates nothing twice.
#pragma once

#include "CLI/CLI.hpp"
#include "tools/haicapctl/core/session.h"

namespace haicap::ctl {

// orgs, members.
void AddImportCommands(CLI::App* import, Session& session);

}  // namespace haicap::ctl
