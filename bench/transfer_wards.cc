#include "bench/transfer_wards.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "bench/communes.h"
#include "bench/roster_dataset.h"
#include "common/pagination.h"
#include "common/status_macros.h"

namespace haicap::bench {
namespace {

namespace v1 = ::haicap::registry::v1;

constexpr char kProvinceCode[] = "01";
constexpr int kHanoiCommunes = 126;
constexpr char kTayTuu[] = "00613";
constexpr char kDongDa[] = "00235";

absl::StatusOr<Commune> FindCommune(const std::vector<Commune>& communes, const std::string& code) {
  const auto it = std::find_if(communes.begin(), communes.end(), [&](const Commune& c) { return c.code == code; });
  if (it == communes.end()) return absl::InvalidArgumentError(absl::StrCat("no commune ", code, " in Hà Nội"));
  return *it;
}

absl::Status CheckImport(const std::string& what, const ImportTally& tally) {
  if (tally.row_errors > 0) {
    return absl::FailedPreconditionError(absl::StrCat(what, ": ", tally.row_errors, " rows refused, the first: ",
                                                      tally.first_errors.front().message()));
  }
  if (!tally.complete) return absl::DeadlineExceededError(absl::StrCat(what, ": stopped by the time limit"));
  return absl::OkStatus();
}

absl::StatusOr<std::vector<std::string>> MemberIdsUnder(RosterClient& client, const std::string& organization_id) {
  v1::ListMembersRequest request;
  request.set_organization_id(organization_id);
  request.set_include_subtree(true);
  request.set_page_size(kMaxPageSize);
  std::vector<std::string> ids;
  do {
    ASSIGN_OR_RETURN(v1::ListMembersResponse page, client.ListMembers(request));
    for (const v1::Member& member : page.members()) ids.push_back(member.id());
    request.set_page_token(page.next_page_token());
  } while (!request.page_token().empty());
  return ids;
}

}  // namespace

absl::StatusOr<TransferWards> SeedTransferWards(RosterClient& client, const std::string& units_csv, int64_t members,
                                                int cells_per_ward, std::chrono::steady_clock::time_point stop_at) {
  ASSIGN_OR_RETURN(std::vector<Commune> hanoi, ReadCommunes(units_csv, kProvinceCode, kHanoiCommunes));
  ASSIGN_OR_RETURN(Commune sending, FindCommune(hanoi, kTayTuu));
  ASSIGN_OR_RETURN(Commune receiving, FindCommune(hanoi, kDongDa));
  // The cells alternate between the two wards (commune 0 sends, 1 receives); only the sending
  // ward's cells get members.
  std::vector<PlannedOrganization> plan = PlanImportTree({sending, receiving}, 2 * cells_per_ward, 0);
  int sending_cells = 0;
  for (PlannedOrganization& p : plan) {
    if (!p.grassroots || p.commune != 0) continue;
    p.members = members / cells_per_ward + (sending_cells++ < members % cells_per_ward ? 1 : 0);
  }

  ASSIGN_OR_RETURN(ImportTally organizations, ImportOrganizationPlan(client, plan));
  RETURN_IF_ERROR(CheckImport("ImportOrganizations", organizations));
  ASSIGN_OR_RETURN(ImportTally imported, ImportMemberRows(client, MemberRows(plan), 1, stop_at));
  RETURN_IF_ERROR(CheckImport("ImportMembers", imported));

  TransferWards wards;
  wards.sending_ward_id = organizations.organization_ids.at(absl::StrCat("X", sending.code));
  wards.receiving_ward_id = organizations.organization_ids.at(absl::StrCat("X", receiving.code));
  for (const PlannedOrganization& p : plan) {
    if (p.grassroots && p.commune == 1) wards.receiving_cell_ids.push_back(organizations.organization_ids.at(p.row.key()));
  }
  ASSIGN_OR_RETURN(wards.member_ids, MemberIdsUnder(client, wards.sending_ward_id));
  if (static_cast<int64_t>(wards.member_ids.size()) != members) {
    return absl::InternalError(
        absl::StrCat("the registry lists ", wards.member_ids.size(), " members in the sending ward, not ", members));
  }
  return wards;
}

absl::StatusOr<int64_t> MembersUnder(RosterClient& client, const std::string& organization_id) {
  v1::SummarizeSubtreeRequest request;
  request.set_organization_id(organization_id);
  ASSIGN_OR_RETURN(v1::SubtreeSummary summary, client.SummarizeSubtree(request));
  return summary.member_count();
}

}  // namespace haicap::bench
