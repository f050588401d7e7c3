// The dossier commands of the deadlines service: `haicapctl dossier ...` records dossiers (hồ sơ)
// and other tracked clocks with their statutory time and follows their statuses. `haicapctl
// report` (report/) and `haicapctl watch` (watch/) cover the same dossiers.
#pragma once

#include "CLI/CLI.hpp"
#include "tools/haicapctl/core/session.h"

namespace haicap::ctl {

// get, list, the changes below, and the footer of `dossier --help`: statuses and legal changes.
void AddDossierCommands(CLI::App* dossier, Session& session);
// receive, supplement, resume, reschedule, status.
void AddDossierChangeCommands(CLI::App* dossier, Session& session);

}  // namespace haicap::ctl
