// The `haicapctl member ...` commands over the registry's member roster (đảng viên). Each
// registers its subcommand on `member` with its flags, its help (the user documentation: what it
// does, in the clerk's words, and examples) and its action, which runs through `session`.
//
// Citizen IDs are personal data: the CLI prints them only where the registry's answer holds
// them, and never repeats a typed one in an error.
#pragma once

#include "CLI/CLI.hpp"
#include "tools/haicapctl/core/session.h"

namespace haicap::ctl {

// get, list, history.
void AddMemberQueryCommands(CLI::App* member, Session& session);
// admit, register, recognize, end, update, move.
void AddMemberChangeCommands(CLI::App* member, Session& session);
// move (member_move_command.cc).
void AddMemberMoveCommand(CLI::App* member, Session& session);

// The first line of every member change's footer.
inline constexpr char kRetryNote[] =
    "Retrying a command with the same --request-id never applies the change twice.\n";

}  // namespace haicap::ctl
