// How dossiers (hồ sơ) are printed as text: the short answer to a change, one dossier in full
// with its supplements, reschedule and history, and a list as a table. Instants are Vietnam time.
#pragma once

#include <ostream>

#include "google/protobuf/repeated_ptr_field.h"
#include "haicap/deadlines/v1/deadlines.pb.h"
#include "tools/haicapctl/core/output.h"

namespace haicap::ctl {

namespace deadlines = ::haicap::deadlines::v1;

// Dossier id, status, due instant (or why there is none yet), outcome once finished, revision.
void PrintDossierSummary(std::ostream& out, const deadlines::Dossier& dossier);
// Every field, then the supplement requests, the reschedule and the history, each when there is
// one.
void PrintDossier(std::ostream& out, const deadlines::Dossier& dossier);
// ID, UNIT, PROCEDURE, STATUS, RECEIVED, DUE, OUTCOME; one row per dossier.
Table DossierTable(const google::protobuf::RepeatedPtrField<deadlines::Dossier>& dossiers);

}  // namespace haicap::ctl
