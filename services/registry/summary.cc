// SummarizeSubtree: how many organisations and members an organisation has under it on a day,
// and what its office must act on. Member numbers come from the counters kept with every change
// (member_store.cc), never from reading members one by one.
#include <deque>
#include <map>

#include "absl/strings/str_cat.h"
#include "common/civil_date.h"
#include "common/errors.h"
#include "common/status_macros.h"
#include "services/registry/member_clocks.h"
#include "services/registry/organization_registry.h"
#include "services/registry/organization_rules.h"
#include "services/registry/request_checks.h"

namespace haicap::registry {
namespace {

// "2027-01-19", or "2027-01-19 (provisional: no official calendar decision for its year yet)".
std::string DueText(const ClockDue& due) {
  return absl::StrCat(FormatDayNumber(due.day),
                      due.provisional ? " (provisional: no official calendar decision for its year yet)" : "");
}

void SetDue(v1::Finding& finding, const ClockDue& due) {
  *finding.mutable_due_on() = ToProtoDate(FromDayNumber(due.day));
  finding.set_due_provisional(due.provisional);
}

constexpr int64_t kMinOfficialMembers = 3;
constexpr int64_t kGrassrootsCellLimit = 30;
constexpr int64_t kProbationNoticeDays = 30;

v1::Finding OrganizationFinding(v1::FindingKind kind, const v1::Organization& org, int64_t count, std::string message) {
  v1::Finding f;
  f.set_kind(kind);
  f.set_organization_id(org.id());
  f.set_organization_name(org.name());
  f.set_count(count);
  f.set_message(std::move(message));
  return f;
}

}  // namespace

absl::StatusOr<v1::Finding> OrganizationRegistry::MemberFinding(v1::Finding finding, uint64_t member_id,
                                                              const rocksdb::Snapshot* snapshot) const {
  finding.set_member_id(absl::StrCat(member_id));
  ASSIGN_OR_RETURN(std::optional<MemberRecord> member, store_->ReadMember(member_id, snapshot));
  if (member && !member->versions().empty()) {
    finding.set_member_name(member->versions(member->versions_size() - 1).member().full_name());
  }
  return finding;
}

absl::StatusOr<v1::SubtreeSummary> OrganizationRegistry::Summarize(const v1::SummarizeSubtreeRequest& request) const {
  ValidationErrors errors;
  errors.Add(ParseOrganizationId(request.organization_id(), "organization_id").status());
  errors.Add(CheckAsOf(request.as_of(), "as_of").status());
  RETURN_IF_ERROR(errors.Result());
  const uint64_t root = *ParseOrganizationId(request.organization_id(), "organization_id");
  const std::optional<int64_t> day = *CheckAsOf(request.as_of(), "as_of");
  // Member findings look at a real day: the as-of day, or today.
  const int64_t finding_day = day ? *day : DayNumber(VietnamDay(clock_->Now()));

  storage::ScopedSnapshot snapshot(store_->db());
  ASSIGN_OR_RETURN(const OrganizationRecord root_record, store_->ExistingOrganization(root, snapshot.get()));
  const OrganizationVersion* root_version = VersionAt(root_record, day);
  if (!root_version) {
    return NotFound("NOT_YET_ESTABLISHED", absl::StrCat("organization ", root, " did not exist on ", FormatDayNumber(*day)));
  }

  v1::SubtreeSummary summary;
  *summary.mutable_root() = WithEtag(root_record, *root_version);
  if (day) *summary.mutable_as_of() = ToProtoDate(FromDayNumber(*day));
  std::map<v1::OrganizationKind, int64_t> by_kind;
  std::vector<v1::Finding> member_findings;

  // Visits one active organisation of the subtree: its members and its findings.
  auto visit = [&](uint64_t id, const v1::Organization& org) -> absl::Status {
    ASSIGN_OR_RETURN(RegistryStore::MemberCounts counts, store_->CountMembers(id, day, snapshot.get()));
    summary.set_official_member_count(summary.official_member_count() + counts.official);
    summary.set_probationary_member_count(summary.probationary_member_count() + counts.probationary);
    const int64_t total = counts.official + counts.probationary;
    if ((org.kind() == v1::CELL || org.kind() == v1::GRASSROOTS_CELL) && counts.official < kMinOfficialMembers) {
      *summary.add_findings() = OrganizationFinding(
          v1::TOO_FEW_OFFICIAL_MEMBERS, org, counts.official,
          absl::StrCat(org.name(), " has ", counts.official, " official member(s); a cell needs at least ",
                       kMinOfficialMembers));
    }
    if (org.kind() == v1::GRASSROOTS_CELL && total >= kGrassrootsCellLimit) {
      *summary.add_findings() = OrganizationFinding(
          v1::GRASSROOTS_CELL_TOO_LARGE, org, total,
          absl::StrCat(org.name(), " has ", total, " members: from ", kGrassrootsCellLimit,
                       " a grassroots cell should become a grassroots committee"));
    }
    ASSIGN_OR_RETURN(std::vector<RegistryStore::Probation> probations,
                     store_->ProbationsIn(id, finding_day, snapshot.get()));
    for (const auto& p : probations) {
      if (p.ends_on > finding_day + kProbationNoticeDays) continue;
      v1::Finding f = OrganizationFinding(v1::PROBATION_ENDING, org, 0, "");
      ASSIGN_OR_RETURN(f, MemberFinding(std::move(f), p.member_id, snapshot.get()));
      if (p.ends_on >= finding_day) {
        *f.mutable_due_on() = ToProtoDate(FromDayNumber(p.ends_on));
        f.set_message(absl::StrCat(f.member_name(), ": probation ends on ", FormatDayNumber(p.ends_on),
                                   "; prepare the recognition"));
      } else {
        // Over: the cell has 30 working days to consider recognition, counted by the deadlines service.
        ASSIGN_OR_RETURN(const ClockDueDays due, ReadClockDueDays(*store_, p.member_id, snapshot.get()));
        const bool overdue = due.recognition && due.recognition->day < finding_day;
        f.set_kind(overdue ? v1::RECOGNITION_OVERDUE : v1::RECOGNITION_DUE);
        if (due.recognition) SetDue(f, *due.recognition);
        f.set_message(absl::StrCat(f.member_name(), ": probation ended on ", FormatDayNumber(p.ends_on),
                                   overdue ? "; recognition was due by " : "; consider recognition by ",
                                   due.recognition ? DueText(*due.recognition) : "30 working days after"));
      }
      member_findings.push_back(std::move(f));
    }
    ASSIGN_OR_RETURN(std::vector<uint64_t> pending, store_->PendingCeremoniesIn(id, finding_day, snapshot.get()));
    for (uint64_t member_id : pending) {
      ASSIGN_OR_RETURN(const ClockDueDays due, ReadClockDueDays(*store_, member_id, snapshot.get()));
      const bool overdue = due.ceremony && due.ceremony->day < finding_day;
      v1::Finding f = OrganizationFinding(overdue ? v1::CEREMONY_OVERDUE : v1::CEREMONY_PENDING, org, 0, "");
      ASSIGN_OR_RETURN(f, MemberFinding(std::move(f), member_id, snapshot.get()));
      if (due.ceremony) SetDue(f, *due.ceremony);
      f.set_message(absl::StrCat(f.member_name(), overdue ? ": the admission ceremony was due by "
                                                          : ": admitted, the ceremony is due by ",
                                 due.ceremony ? DueText(*due.ceremony) : "30 working days after the decision"));
      member_findings.push_back(std::move(f));
    }
    return absl::OkStatus();
  };

  std::deque<uint64_t> pending;
  if (root_version->organization().state() == v1::ACTIVE) {
    RETURN_IF_ERROR(visit(root, root_version->organization()));
    pending.push_back(root);
  }
  while (!pending.empty()) {
    ASSIGN_OR_RETURN(std::vector<uint64_t> children, store_->ChildIds(pending.front(), {.day = day}, snapshot.get()));
    pending.pop_front();
    for (uint64_t child : children) {
      ASSIGN_OR_RETURN(std::optional<OrganizationRecord> record, store_->ReadRecord(child, snapshot.get()));
      const OrganizationVersion* v = record ? VersionAt(*record, day) : nullptr;
      if (!v || v->organization().state() != v1::ACTIVE) continue;
      ++by_kind[v->organization().kind()];
      RETURN_IF_ERROR(visit(child, v->organization()));
      pending.push_back(child);
    }
  }
  for (const auto& [kind, count] : by_kind) {
    auto* entry = summary.add_organizations_by_kind();
    entry->set_kind(kind);
    entry->set_count(count);
    summary.set_total_organizations(summary.total_organizations() + count);
  }
  summary.set_member_count(summary.official_member_count() + summary.probationary_member_count());
  for (auto& f : member_findings) *summary.add_findings() = std::move(f);
  return summary;
}

}  // namespace haicap::registry
