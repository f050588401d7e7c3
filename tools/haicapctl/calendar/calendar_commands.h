// The commands of the deadlines service: `haicapctl calendar ...` over working-day calendars, and
// `haicapctl due` and `haicapctl days` over their arithmetic.
#pragma once

#include "CLI/CLI.hpp"
#include "tools/haicapctl/core/session.h"

namespace haicap::ctl {

// list, show, create, set-day, remove-day, history, import.
void AddCalendarCommands(CLI::App* calendar, Session& session);
// `calendar import ID FILE` (calendar_import_command.cc).
void AddCalendarImport(CLI::App* calendar, Session& session);
// `due START DURATION` and `days FROM TO`, directly under the root command.
void AddDueCommands(CLI::App* app, Session& session);

}  // namespace haicap::ctl
