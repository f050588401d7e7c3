// `haicapctl report`: the 766 statistics of a unit for a period (report_command.cc).
#pragma once

#include "CLI/CLI.hpp"
#include "tools/haicapctl/core/session.h"

namespace haicap::ctl {

// `report`, directly under the root command.
void AddReportCommand(CLI::App* app, Session& session);

}  // namespace haicap::ctl
