// The registry side of haicap-bench-transfers: the seed case of docs/domain.md §3 at scale. Hà Nội's
// provincial committee ("01"), the ward committees of phường Tây Tựu (sending) and phường Đống Đa
// (receiving), grassroots cells under each, and the members to transfer, all in the sending cells.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "bench/roster_client.h"

namespace haicap::bench {

struct TransferWards {
  std::string sending_ward_id;
  std::string receiving_ward_id;
  std::vector<std::string> member_ids;          // every member of the sending ward
  std::vector<std::string> receiving_cell_ids;  // the grassroots cells of the receiving ward
};

// Imports the two wards with `cells_per_ward` grassroots cells each and `members` official members
// spread evenly over the sending ward's cells (ImportOrganizations, ImportMembers), then lists the
// members' ids. Fails if a row is refused, the import stops at `stop_at`, or the registry does not
// list exactly `members`.
absl::StatusOr<TransferWards> SeedTransferWards(RosterClient& client, const std::string& units_csv, int64_t members,
                                                int cells_per_ward, std::chrono::steady_clock::time_point stop_at);

// The members of `organization_id` and its subtree today (SummarizeSubtree).
absl::StatusOr<int64_t> MembersUnder(RosterClient& client, const std::string& organization_id);

}  // namespace haicap::bench
