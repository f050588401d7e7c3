// The dossiers the deadlines benchmarks create: citizens' administrative procedures (ADMIN_PROCEDURE)
// at the one-stop centres of real communes, 30 working days on the national calendar.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "absl/time/time.h"
#include "google/protobuf/timestamp.pb.h"
#include "haicap/deadlines/v1/deadlines.pb.h"

namespace haicap::bench {

// Every field has a default, so that designated initializers may leave any out.
struct AdminProcedure {
  std::string id = {};  // empty: the server assigns one
  std::string unit_code = {};
  deadlines::v1::Channel channel = deadlines::v1::DIRECT;
  std::optional<absl::Time> received_at = {};  // unset: when the server records it
  int64_t working_days = 30;
  std::string request_id = {};
};

// The channel of the `bits`-th dossier: half direct, 40% online, 10% by post.
deadlines::v1::Channel ChannelFor(uint64_t bits);

// Replaces `request` with a CreateDossier of `procedure`.
void FillCreateDossier(const AdminProcedure& procedure, deadlines::v1::CreateDossierRequest* request);

}  // namespace haicap::bench
