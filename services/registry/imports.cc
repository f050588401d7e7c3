// Imports from spreadsheets. Rows are applied one by one inside one ChangeSet: a bad row is rolled
// back to the savepoint before it and reported with its line, column and reason, the good rows are
// committed together in one durable WriteBatch. Rows already imported are recognised — by their
// key (organisations) or by citizen ID (members) — and counted as unchanged, so a re-run of the
// same file creates no duplicates.
#include <map>
#include <mutex>
#include <set>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/civil_date.h"
#include "common/errors.h"
#include "common/status_macros.h"
#include "common/storage/idempotency.h"
#include "common/text/text.h"
#include "services/registry/change_set.h"
#include "services/registry/member_checks.h"
#include "services/registry/organization_registry.h"
#include "services/registry/organization_rules.h"
#include "services/registry/request_checks.h"

namespace haicap::registry {
namespace {

constexpr int kMaxImportRows = 1000;
constexpr char kIdPrefix[] = "id:";

// The CSV column a field path of a row's request corresponds to.
std::string ColumnOf(std::string field) {
  for (const char* prefix : {"organization.", "member.", "."}) {
    if (absl::StartsWith(field, prefix)) field = field.substr(std::string(prefix).size());
  }
  if (field == "parent_id" || field == "new_parent_id") return "parent_key";
  if (field == "organization_id") return "organization_key";
  if (field == "id") return "key";
  if (field == "decision.number") return "decision_number";
  if (field == "decision.date") return "decision_date";
  return field;
}

v1::RowError RowErrorOf(int64_t line, const absl::Status& status) {
  v1::RowError error;
  error.set_line(line);
  const std::vector<FieldViolation> fields = FieldViolations(status);
  error.set_reason(ErrorReason(status));
  if (!fields.empty()) {
    error.set_column(ColumnOf(fields.front().field));
  } else if (error.reason() == "CITIZEN_ID_TAKEN") {
    error.set_column("citizen_id");
  } else if (error.reason() == "TOO_YOUNG") {
    error.set_column("date_of_birth");
  }
  error.set_message(std::string(status.message()));
  return error;
}

absl::Status CheckRowCount(int rows) {
  if (rows > kMaxImportRows) return InvalidArgument("rows", "send at most 1000 rows per call");
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::optional<uint64_t>> OrganizationRegistry::ResolveImportKey(
    const std::string& key, const std::map<std::string, uint64_t>& staged, std::string_view column) const {
  if (absl::StartsWith(key, kIdPrefix)) {
    ASSIGN_OR_RETURN(uint64_t id, ParseOrganizationId(key.substr(3), column));
    ASSIGN_OR_RETURN(std::optional<OrganizationRecord> record, store_->ReadRecord(id));
    if (!record) return InvalidArgument(column, absl::StrCat("no organization with id ", id));
    return std::optional<uint64_t>(id);
  }
  RETURN_IF_ERROR(storage::ValidateRequestId(key, column));
  if (auto it = staged.find(key); it != staged.end()) return std::optional<uint64_t>(it->second);
  return store_->LookupImportKey(key);
}

absl::StatusOr<std::string> OrganizationRegistry::LookAlikeSibling(ChangeSet& change, uint64_t id, int64_t day,
                                                                   const std::map<std::string, uint64_t>& staged) {
  const v1::Organization org = change.Latest(id);
  uint64_t parent = 0;
  if (!absl::SimpleAtoi(org.parent_id(), &parent)) return std::string();
  ASSIGN_OR_RETURN(std::vector<uint64_t> siblings, store_->ChildIds(parent, {.day = day}));
  for (const auto& [key, staged_id] : staged) siblings.push_back(staged_id);
  for (uint64_t sibling : siblings) {
    if (sibling == id) continue;
    ASSIGN_OR_RETURN(const OrganizationRecord* record, change.Load(sibling));
    const OrganizationVersion* version = VersionAt(*record, day);
    if (version == nullptr || version->organization().state() != v1::ACTIVE ||
        version->organization().parent_id() != org.parent_id()) {
      continue;
    }
    if (text::LookAlike(org.name(), version->organization().name())) {
      return absl::StrCat("looks like the name of ", version->organization().name(), " (", sibling,
                          ") under the same parent, differing at most by case, diacritics or spacing: check "
                          "that it is not the same organization imported twice");
    }
  }
  return std::string();
}

absl::Status OrganizationRegistry::ImportOrganizationRow(ChangeSet& change, const v1::OrganizationImportRow& row,
                                                         std::map<std::string, uint64_t>* staged,
                                                         v1::ImportReport* report) {
  ValidationErrors errors;
  if (row.key().empty()) errors.Add(InvalidArgument("key", "is required"));
  errors.Add(CheckEffectiveDate(row.effective_date(), "effective_date").status());
  errors.Add(CheckDecision(row.decision(), "decision"));
  if (row.action() != "establish" && row.action() != "move" && row.action() != "dissolve") {
    errors.Add(InvalidArgument("action", "must be establish, move or dissolve"));
  }
  RETURN_IF_ERROR(errors.Result());
  const int64_t day = DayNumber(row.effective_date());
  ASSIGN_OR_RETURN(std::optional<uint64_t> existing, ResolveImportKey(row.key(), *staged, "key"));

  if (row.action() == "establish") {
    if (absl::StartsWith(row.key(), kIdPrefix)) return InvalidArgument("key", "an establish row needs a new key");
    if (existing) {
      report->set_unchanged(report->unchanged() + 1);
      (*report->mutable_organization_ids())[row.key()] = absl::StrCat(*existing);
      return absl::OkStatus();
    }
    v1::Organization org;
    org.set_name(row.name());
    org.set_kind(row.kind());
    org.set_admin_unit_code(row.admin_unit_code());
    org.set_upper_grassroots_powers(row.upper_grassroots_powers());
    if (!row.parent_key().empty()) {
      ASSIGN_OR_RETURN(std::optional<uint64_t> parent, ResolveImportKey(row.parent_key(), *staged, "parent_key"));
      if (!parent) return InvalidArgument("parent_key", absl::StrCat("no organization has the key ", row.parent_key()));
      org.set_parent_id(absl::StrCat(*parent));
    }
    RETURN_IF_ERROR(ValidateNewOrganization(org, ""));
    ASSIGN_OR_RETURN(uint64_t id, StageEstablish(change, org, row.effective_date(), row.decision(), "parent_key"));
    RETURN_IF_ERROR(change.ValidateSinceSavepoint());
    ASSIGN_OR_RETURN(const std::string look_alike, LookAlikeSibling(change, id, day, *staged));
    if (!look_alike.empty()) {
      v1::RowError& warning = *report->add_warnings();
      warning.set_line(row.line());
      warning.set_column("name");
      warning.set_reason("SIMILAR_SIBLING_NAME");
      warning.set_message(look_alike);
    }
    (*staged)[row.key()] = id;
    (*report->mutable_organization_ids())[row.key()] = absl::StrCat(id);
    report->set_imported(report->imported() + 1);
    return absl::OkStatus();
  }

  if (!existing) return InvalidArgument("key", absl::StrCat("no organization has the key ", row.key()));
  ASSIGN_OR_RETURN(const OrganizationRecord* record, change.Load(*existing, "key"));
  const OrganizationVersion* on_day = VersionAt(*record, day);
  if (row.action() == "move") {
    ASSIGN_OR_RETURN(std::optional<uint64_t> parent, ResolveImportKey(row.parent_key(), *staged, "parent_key"));
    if (!parent) return InvalidArgument("parent_key", absl::StrCat("no organization has the key ", row.parent_key()));
    if (on_day && on_day->organization().parent_id() == absl::StrCat(*parent)) {
      report->set_unchanged(report->unchanged() + 1);
      return absl::OkStatus();
    }
    RETURN_IF_ERROR(StageMove(change, *existing, *parent, row.effective_date(), row.decision(), "key"));
  } else {
    if (on_day && on_day->organization().state() == v1::DISSOLVED && on_day->from_day() <= day) {
      report->set_unchanged(report->unchanged() + 1);
      return absl::OkStatus();
    }
    RETURN_IF_ERROR(StageDissolve(change, *existing, row.effective_date(), row.decision()));
  }
  RETURN_IF_ERROR(change.ValidateSinceSavepoint());
  (*report->mutable_organization_ids())[row.key()] = absl::StrCat(*existing);
  report->set_imported(report->imported() + 1);
  return absl::OkStatus();
}

absl::StatusOr<v1::ImportReport> OrganizationRegistry::RunImport(std::string_view method,
                                                                 const std::string& request_id, bool dry_run,
                                                                 const StageImportFn& stage) {
  if (dry_run) {
    ASSIGN_OR_RETURN(StagedImport staged, stage());
    return staged.report;
  }
  StagedImport staged;
  uint64_t staged_at = 0;
  const auto stage_unlocked = [&]() -> absl::StatusOr<change::ChangeLock> {
    staged_at = structure_version_.load();
    ASSIGN_OR_RETURN(staged, stage());
    if (import_staged_for_testing_) import_staged_for_testing_();
    return change::ChangeLock{&structure_mu_};
  };
  return kernel_.Run<v1::ImportReport>({method, request_id}, stage_unlocked,
                                       [&](rocksdb::WriteBatch* batch) -> absl::StatusOr<v1::ImportReport> {
    if (structure_version_.load() != staged_at) {
      ASSIGN_OR_RETURN(staged, stage());  // what it read may have changed
    }
    staged.change->Write(batch);
    for (const auto& [key, id] : staged.keys) store_->PutImportKey(batch, key, id);
    RETURN_IF_ERROR(StageMemberClocks(*staged.change, batch));
    return staged.report;
  });
}

absl::StatusOr<v1::ImportReport> OrganizationRegistry::ImportOrganizations(
    const v1::ImportOrganizationsRequest& request, const Caller& caller) {
  RETURN_IF_ERROR(CheckRowCount(request.rows_size()));
  return RunImport("ImportOrganizations", request.request_id(), request.dry_run(),
                   [&]() -> absl::StatusOr<StagedImport> {
    StagedImport staged{std::make_unique<ChangeSet>(store_, caller.actor, request.request_id(), clock_->Now())};
    for (const v1::OrganizationImportRow& row : request.rows()) {
      staged.change->Savepoint();
      const absl::Status status = ImportOrganizationRow(*staged.change, row, &staged.keys, &staged.report);
      if (status.ok()) continue;
      staged.change->RollbackToSavepoint();
      *staged.report.add_errors() = RowErrorOf(row.line(), status);
    }
    return staged;
  });
}

absl::Status OrganizationRegistry::ImportMemberRow(ChangeSet& change, const v1::MemberImportRow& row,
                                                   std::map<std::string, int64_t>* citizens_in_call,
                                                   v1::ImportReport* report) {
  ValidationErrors errors;
  CheckRegistration(row.member(), "", &errors);
  if (!IsUnset(row.effective_date())) errors.Add(CheckEffectiveDate(row.effective_date(), "effective_date").status());
  absl::StatusOr<std::optional<uint64_t>> org = ResolveImportKey(row.organization_key(), {}, "organization_key");
  errors.Add(org.status());
  if (org.ok() && !*org) {
    errors.Add(InvalidArgument("organization_key", absl::StrCat("no organization has the key ", row.organization_key())));
  }
  RETURN_IF_ERROR(errors.Result());
  v1::Member member = row.member();
  member.set_organization_id(absl::StrCat(**org));

  const std::string& citizen_id = member.citizen_id();
  if (auto it = citizens_in_call->find(citizen_id); it != citizens_in_call->end()) {
    return AlreadyExists("CITIZEN_ID_TAKEN", absl::StrCat("line ", it->second, " has the same citizen ID"));
  }
  ASSIGN_OR_RETURN(std::optional<uint64_t> owner, store_->CitizenOwner(citizen_id));
  if (owner) {
    // The same person in the same organisation: imported by an earlier run.
    ASSIGN_OR_RETURN(const MemberRecord* existing, change.LoadMember(*owner));
    const v1::Member& latest = existing->versions(existing->versions_size() - 1).member();
    if (latest.organization_id() == member.organization_id() && latest.full_name() == member.full_name()) {
      report->set_unchanged(report->unchanged() + 1);
      return absl::OkStatus();
    }
    return AlreadyExists("CITIZEN_ID_TAKEN", absl::StrCat("the citizen ID already belongs to living member ", *owner));
  }
  google::type::Date effective = row.effective_date();
  if (IsUnset(effective)) {
    // Default: the later of the admission and the organisation's establishment.
    ASSIGN_OR_RETURN(const OrganizationRecord* record, change.Load(**org, "organization_key"));
    effective = ToProtoDate(FromDayNumber(std::max(DayNumber(member.admitted_on()), EstablishedDay(*record))));
  }
  RETURN_IF_ERROR(StageRegistration(change, member, effective, {}, "").status());
  RETURN_IF_ERROR(change.ValidateSinceSavepoint());
  (*citizens_in_call)[citizen_id] = row.line();
  report->set_imported(report->imported() + 1);
  return absl::OkStatus();
}

absl::StatusOr<v1::ImportReport> OrganizationRegistry::ImportMembers(const v1::ImportMembersRequest& request,
                                                                    const Caller& caller) {
  RETURN_IF_ERROR(CheckRowCount(request.rows_size()));
  return RunImport("ImportMembers", request.request_id(), request.dry_run(), [&]() -> absl::StatusOr<StagedImport> {
    StagedImport staged{std::make_unique<ChangeSet>(store_, caller.actor, request.request_id(), clock_->Now())};
    std::map<std::string, int64_t> citizens_in_call;
    for (const v1::MemberImportRow& row : request.rows()) {
      staged.change->Savepoint();
      const absl::Status status = ImportMemberRow(*staged.change, row, &citizens_in_call, &staged.report);
      if (status.ok()) continue;
      staged.change->RollbackToSavepoint();
      *staged.report.add_errors() = RowErrorOf(row.line(), status);
    }
    return staged;
  });
}

}  // namespace haicap::registry
