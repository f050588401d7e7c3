// The dossier commands of the deadlines service: `haicapctl dossier ...` records dossiers (hồ sơ)
// and other tracked clocks with their statutory time and follows their statuses; `haicapctl
// report` prints the 766 statistics of a unit; `haicapctl watch` follows near-due and overdue
// events as they happen.
#pragma once

#include "CLI/CLI.hpp"
#include "tools/haicapctl/session.h"

namespace haicap::ctl {

// get, list, the changes below, and the footer of `dossier --help`: statuses and legal changes.
void AddDossierCommands(CLI::App* dossier, Session& session);
// receive, supplement, resume, reschedule, status.
void AddDossierChangeCommands(CLI::App* dossier, Session& session);
// `report` and `watch`, directly under the root command.
void AddReportCommand(CLI::App* app, Session& session);
void AddWatchCommand(CLI::App* app, Session& session);

}  // namespace haicap::ctl
