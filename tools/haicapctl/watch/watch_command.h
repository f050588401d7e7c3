// `haicapctl watch`: the near-due, overdue and due-changed events of the deadlines service as they
// happen (watch_command.cc).
#pragma once

#include "CLI/CLI.hpp"
#include "tools/haicapctl/core/session.h"

namespace haicap::ctl {

// `watch`, directly under the root command.
void AddWatchCommand(CLI::App* app, Session& session);

}  // namespace haicap::ctl
