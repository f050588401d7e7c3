// The commands of the transfers service: `haicapctl transfer ...` opens a transfer of party
// membership (chuyển sinh hoạt đảng), takes it through its endorsing chain, the introduction
// letter and the receipt (or cancels, rejects or ends it), and shows and lists transfers.
#pragma once

#include "CLI/CLI.hpp"
#include "tools/haicapctl/core/session.h"

namespace haicap::ctl {

// get, list, the changes below, and the footer of `transfer --help`: states and the chain.
void AddTransferCommands(CLI::App* transfer, Session& session);
// create, endorse, introduce, receive, cancel, reject, return, overdue-reason.
void AddTransferChangeCommands(CLI::App* transfer, Session& session);

}  // namespace haicap::ctl
