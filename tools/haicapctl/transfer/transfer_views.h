// How transfers of party membership are printed as text: the short answer to a change (id,
// state, the endorsing chain), one transfer in full with its chain and history, and a list as a
// table. Instants are Vietnam time, dates YYYY-MM-DD.
#pragma once

#include <ostream>

#include "google/protobuf/repeated_ptr_field.h"
#include "haicap/transfers/v1/transfers.pb.h"
#include "tools/haicapctl/core/output.h"

namespace haicap::ctl {

namespace transfers = ::haicap::transfers::v1;

// Transfer id, state, present-by once the letter is out, revision; then the chain.
void PrintTransferSummary(std::ostream& out, const transfers::Transfer& transfer);
// Every field, then the chain and the history (when there is one).
void PrintTransfer(std::ostream& out, const transfers::Transfer& transfer);
// ID, MEMBER, KIND, FROM, TO, STATE, PRESENT BY, OVERDUE; one row per transfer.
Table TransferTable(const google::protobuf::RepeatedPtrField<transfers::Transfer>& list);

}  // namespace haicap::ctl
