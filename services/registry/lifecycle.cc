// What happens when an organisation is established, updated, handed over, merged or dissolved.
#include <mutex>
#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/change/etag.h"
#include "common/civil_date.h"
#include "common/errors.h"
#include "common/status_macros.h"
#include "common/storage/idempotency.h"
#include "common/text/text.h"
#include "services/registry/change_set.h"
#include "services/registry/organization_registry.h"
#include "services/registry/organization_rules.h"
#include "services/registry/request_checks.h"

namespace haicap::registry {
namespace {

using rocksdb::WriteBatch;

constexpr int kMaxMoveBatch = 1000;
const std::set<std::string> kUpdatableFields = {"name", "admin_unit_code", "upper_grassroots_powers", "kind"};

OrganizationEvent NewEvent(v1::EventType type, const google::type::Date& effective, const v1::Decision& decision) {
  OrganizationEvent event;
  event.set_type(type);
  *event.mutable_effective_date() = effective;
  *event.mutable_decision() = decision;
  return event;
}

// The fields an establishment records; everything else is the server's.
v1::Organization EstablishedFields(const v1::Organization& org) {
  v1::Organization out;
  out.set_name(org.name());
  out.set_kind(org.kind());
  out.set_parent_id(org.parent_id());
  out.set_admin_unit_code(org.admin_unit_code());
  out.set_upper_grassroots_powers(org.upper_grassroots_powers());
  return out;
}

// The version in force on `day`, which must exist and be active.
absl::StatusOr<const OrganizationVersion*> ActiveOn(const OrganizationRecord& record, int64_t day,
                                                    std::string_view role) {
  const OrganizationVersion* v = VersionAt(record, day);
  const v1::Organization& latest = record.versions(record.versions_size() - 1).organization();
  if (!v) {
    return FailedPrecondition("NOT_YET_ESTABLISHED",
                              absl::StrCat(std::string(role), " ", latest.name(), " (", latest.id(), ") was established only on ",
                                           FormatDayNumber(EstablishedDay(record)), ", after ", FormatDayNumber(day)));
  }
  if (v->organization().state() != v1::ACTIVE) {
    return FailedPrecondition("ORGANIZATION_ENDED",
                              absl::StrCat(std::string(role), " ", latest.name(), " (", latest.id(), ") ended on ",
                                           FormatDayNumber(v->from_day()), " and is not active on ", FormatDayNumber(day)));
  }
  return v;
}

}  // namespace

absl::Status OrganizationRegistry::ValidateUnitCode(v1::OrganizationKind kind, const std::string& code,
                                                    std::string_view field) const {
  if (code.empty()) {
    if (UnitCodeRequired(kind)) return InvalidArgument(field, absl::StrCat("is required for a ", KindLabel(kind)));
    return absl::OkStatus();
  }
  switch (RequiredUnitLevel(kind)) {
    case UnitLevel::kProvince:
      if (gazetteer_->IsProvince(code)) return absl::OkStatus();
      return InvalidArgument(field, absl::StrCat("\"", code, "\" is not a province code (2 digits, e.g. 01 for Hà Nội)"));
    case UnitLevel::kCommune:
      if (gazetteer_->IsCommune(code)) return absl::OkStatus();
      return InvalidArgument(field, absl::StrCat("\"", code, "\" is not a commune code in force since 1 July 2025 (5 digits)"));
    case UnitLevel::kFormerDistrict:
      if (gazetteer_->IsFormerDistrict(code)) return absl::OkStatus();
      return InvalidArgument(field, absl::StrCat("\"", code, "\" is not a pre-2025 district code (3 digits)"));
    case UnitLevel::kProvinceOrCommune:
      if (gazetteer_->IsProvince(code) || gazetteer_->IsCommune(code)) return absl::OkStatus();
      return InvalidArgument(field, absl::StrCat("\"", code, "\" is neither a province nor a commune code"));
  }
  return absl::OkStatus();
}

absl::Status OrganizationRegistry::ValidateNewOrganization(const v1::Organization& org, std::string_view field) const {
  ValidationErrors errors;
  errors.Add(text::ValidateName(absl::StrCat(std::string(field), ".name"), org.name(), kMaxNameChars));
  const std::string kind_field = absl::StrCat(std::string(field), ".kind");
  const std::string parent_field = absl::StrCat(std::string(field), ".parent_id");
  if (!v1::OrganizationKind_IsValid(org.kind()) || org.kind() == v1::ORGANIZATION_KIND_UNSPECIFIED) {
    errors.Add(InvalidArgument(kind_field, "is required"));
  } else {
    errors.Add(ValidateUnitCode(org.kind(), org.admin_unit_code(), absl::StrCat(std::string(field), ".admin_unit_code")));
    if (IsRootKind(org.kind()) && !org.parent_id().empty()) {
      errors.Add(InvalidArgument(parent_field, "must be empty for a provincial committee"));
    } else if (!IsRootKind(org.kind())) {
      errors.Add(ParseOrganizationId(org.parent_id(), parent_field).status());
    }
  }
  return errors.Result();
}

absl::StatusOr<v1::Organization> OrganizationRegistry::Create(const v1::CreateOrganizationRequest& request,
                                                              const Caller& caller) {
  ValidationErrors errors;
  errors.Add(storage::ValidateRequestId(request.request_id()));
  errors.Add(ValidateNewOrganization(request.organization(), "organization"));
  errors.Add(CheckEffectiveDate(request.effective_date(), "effective_date").status());
  errors.Add(CheckDecision(request.decision(), "decision"));
  RETURN_IF_ERROR(errors.Result());

  return RunStructural<v1::Organization>(
      Structure::kShared, "CreateOrganization", request.request_id(), [&](WriteBatch* batch) -> absl::StatusOr<v1::Organization> {
        ChangeSet change(store_, caller.actor, request.request_id(), clock_->Now());
        ASSIGN_OR_RETURN(const uint64_t id, StageEstablish(change, request.organization(), request.effective_date(),
                                                           request.decision(), "organization.parent_id"));
        RETURN_IF_ERROR(change.Validate());
        change.Write(batch);
        return change.Latest(id);
      });
}

absl::StatusOr<v1::Organization> OrganizationRegistry::Update(const v1::UpdateOrganizationRequest& request,
                                                              const Caller& caller) {
  const v1::Organization& values = request.organization();
  ValidationErrors errors;
  errors.Add(storage::ValidateRequestId(request.request_id()));
  errors.Add(ParseOrganizationId(values.id(), "organization.id").status());
  errors.Add(CheckEffectiveDate(request.effective_date(), "effective_date").status());
  errors.Add(CheckDecision(request.decision(), "decision"));
  std::set<std::string> paths;
  if (request.update_mask().paths().empty()) {
    errors.Add(InvalidArgument("update_mask", "must name at least one field: name, admin_unit_code, "
                                              "upper_grassroots_powers or kind"));
  }
  for (const std::string& path : request.update_mask().paths()) {
    if (!kUpdatableFields.count(path)) {
      errors.Add(InvalidArgument("update_mask", absl::StrCat("\"", path, "\" cannot be updated; updatable: name, "
                                                             "admin_unit_code, upper_grassroots_powers, kind")));
    }
    paths.insert(path);
  }
  if (paths.count("name")) errors.Add(text::ValidateName("organization.name", values.name(), kMaxNameChars));
  if (paths.count("kind") && (!v1::OrganizationKind_IsValid(values.kind()) ||
                              values.kind() == v1::ORGANIZATION_KIND_UNSPECIFIED)) {
    errors.Add(InvalidArgument("organization.kind", "is required when the mask names it"));
  }
  RETURN_IF_ERROR(errors.Result());
  const uint64_t id = *ParseOrganizationId(values.id(), "organization.id");
  const int64_t day = *CheckEffectiveDate(request.effective_date(), "effective_date");

  return RunStructural<v1::Organization>(
      Structure::kExclusive, "UpdateOrganization", request.request_id(), [&](WriteBatch* batch) -> absl::StatusOr<v1::Organization> {
        ChangeSet change(store_, caller.actor, request.request_id(), clock_->Now());
        ASSIGN_OR_RETURN(const OrganizationRecord* record, change.Load(id, "organization.id"));
        RETURN_IF_ERROR(change::CheckEtag(request.etag(), record->revision(), absl::StrCat("organization ", id)));
        ASSIGN_OR_RETURN(const OrganizationVersion* now, ActiveOn(*record, day, "organization"));
        const v1::Organization& current = now->organization();
        const v1::OrganizationKind kind = paths.count("kind") ? values.kind() : current.kind();
        if (IsRootKind(kind) != IsRootKind(current.kind())) {
          return InvalidArgument("organization.kind", "cannot change to or from provincial committee");
        }
        if (paths.count("kind") || paths.count("admin_unit_code")) {
          const std::string& code = paths.count("admin_unit_code") ? values.admin_unit_code() : current.admin_unit_code();
          RETURN_IF_ERROR(ValidateUnitCode(kind, code, "organization.admin_unit_code"));
        }
        OrganizationEvent event = NewEvent(v1::UPDATED, request.effective_date(), request.decision());
        *event.mutable_changed_fields() = request.update_mask();
        *event.mutable_organization() = EstablishedFields(values);
        event.mutable_organization()->clear_parent_id();
        RETURN_IF_ERROR(change.AddEvent(id, std::move(event)));
        RETURN_IF_ERROR(change.Validate());
        change.Write(batch);
        return change.Latest(id);
      });
}

absl::StatusOr<v1::MoveOrganizationsResponse> OrganizationRegistry::Move(const v1::MoveOrganizationsRequest& request,
                                                                         const Caller& caller) {
  ValidationErrors errors;
  errors.Add(storage::ValidateRequestId(request.request_id()));
  errors.Add(CheckIdList(request.organization_ids(), "organization_ids", kMaxMoveBatch).status());
  errors.Add(ParseOrganizationId(request.new_parent_id(), "new_parent_id").status());
  errors.Add(CheckEffectiveDate(request.effective_date(), "effective_date").status());
  errors.Add(CheckDecision(request.decision(), "decision"));
  RETURN_IF_ERROR(errors.Result());
  const std::vector<uint64_t> ids = *CheckIdList(request.organization_ids(), "organization_ids", kMaxMoveBatch);
  const uint64_t new_parent = *ParseOrganizationId(request.new_parent_id(), "new_parent_id");

  return RunStructural<v1::MoveOrganizationsResponse>(
      Structure::kExclusive, "MoveOrganizations", request.request_id(),
      [&](WriteBatch* batch) -> absl::StatusOr<v1::MoveOrganizationsResponse> {
        ChangeSet change(store_, caller.actor, request.request_id(), clock_->Now());
        for (size_t i = 0; i < ids.size(); ++i) {
          RETURN_IF_ERROR(StageMove(change, ids[i], new_parent, request.effective_date(), request.decision(),
                                    absl::StrCat("organization_ids[", i, "]")));
        }
        RETURN_IF_ERROR(change.Validate());
        change.Write(batch);
        v1::MoveOrganizationsResponse response;
        for (uint64_t id : ids) *response.add_organizations() = change.Latest(id);
        return response;
      });
}

absl::StatusOr<v1::MergeOrganizationsResponse> OrganizationRegistry::Merge(const v1::MergeOrganizationsRequest& request,
                                                                           const Caller& caller) {
  const bool into_new = request.successor_case() == v1::MergeOrganizationsRequest::kNewOrganization;
  ValidationErrors errors;
  errors.Add(storage::ValidateRequestId(request.request_id()));
  absl::StatusOr<std::vector<uint64_t>> sources = CheckIdList(request.source_ids(), "source_ids", kMaxMoveBatch);
  errors.Add(sources.status());
  switch (request.successor_case()) {
    case v1::MergeOrganizationsRequest::kTargetId: {
      absl::StatusOr<uint64_t> target = ParseOrganizationId(request.target_id(), "target_id");
      errors.Add(target.status());
      if (target.ok() && sources.ok() && std::count(sources->begin(), sources->end(), *target)) {
        errors.Add(InvalidArgument("target_id", "must not be one of source_ids"));
      }
      break;
    }
    case v1::MergeOrganizationsRequest::kNewOrganization:
      errors.Add(ValidateNewOrganization(request.new_organization(), "new_organization"));
      break;
    default:
      errors.Add(InvalidArgument("successor", "set target_id (an existing organization) or new_organization"));
  }
  errors.Add(CheckEffectiveDate(request.effective_date(), "effective_date").status());
  errors.Add(CheckDecision(request.decision(), "decision"));
  RETURN_IF_ERROR(errors.Result());
  const int64_t day = *CheckEffectiveDate(request.effective_date(), "effective_date");

  return RunStructural<v1::MergeOrganizationsResponse>(
      Structure::kExclusive, "MergeOrganizations", request.request_id(),
      [&](WriteBatch* batch) -> absl::StatusOr<v1::MergeOrganizationsResponse> {
        ChangeSet change(store_, caller.actor, request.request_id(), clock_->Now());
        uint64_t successor = 0;
        if (into_new) {
          ASSIGN_OR_RETURN(successor, StageEstablish(change, request.new_organization(), request.effective_date(),
                                                     request.decision(), "new_organization.parent_id"));
        } else {
          successor = *ParseOrganizationId(request.target_id(), "target_id");
          ASSIGN_OR_RETURN(const OrganizationRecord* target, change.Load(successor, "target_id"));
          RETURN_IF_ERROR(ActiveOn(*target, day, "the target").status());
        }
        const std::string successor_id = absl::StrCat(successor);
        const std::set<uint64_t> source_set(sources->begin(), sources->end());
        std::vector<uint64_t> moved;
        for (size_t i = 0; i < sources->size(); ++i) {
          const uint64_t source = (*sources)[i];
          ASSIGN_OR_RETURN(const OrganizationRecord* record,
                           change.Load(source, absl::StrCat("source_ids[", i, "]")));
          RETURN_IF_ERROR(ActiveOn(*record, day, "source").status());
          // The source's children on the merge day go to the successor with it.
          ASSIGN_OR_RETURN(std::vector<uint64_t> children, store_->ChildIds(source, {.day = day}));
          for (uint64_t child : children) {
            if (source_set.count(child) || child == successor) continue;
            ASSIGN_OR_RETURN(const OrganizationRecord* child_record, change.Load(child));
            const OrganizationVersion* v = VersionAt(*child_record, day);
            if (!v || v->organization().state() != v1::ACTIVE) continue;
            OrganizationEvent event = NewEvent(v1::MOVED, request.effective_date(), request.decision());
            event.set_parent_id(successor_id);
            event.set_previous_parent_id(absl::StrCat(source));
            RETURN_IF_ERROR(change.AddEvent(child, std::move(event)));
            moved.push_back(child);
          }
          // So do its members.
          ASSIGN_OR_RETURN(std::vector<uint64_t> members, store_->MemberIds(source, {.day = day}));
          for (uint64_t member : members) {
            ASSIGN_OR_RETURN(const MemberRecord* record, change.LoadMember(member));
            const MemberVersion* v = MemberVersionAt(*record, day);
            if (!v || !HoldsPlace(v->member().status()) || v->member().organization_id() != absl::StrCat(source)) continue;
            MemberEvent moved_member;
            moved_member.set_type(v1::MEMBER_MOVED);
            *moved_member.mutable_effective_date() = request.effective_date();
            *moved_member.mutable_decision() = request.decision();
            moved_member.set_organization_id(successor_id);
            moved_member.set_previous_organization_id(absl::StrCat(source));
            RETURN_IF_ERROR(change.AddMemberEvent(member, std::move(moved_member)));
          }
          OrganizationEvent merged = NewEvent(v1::MERGED_INTO, request.effective_date(), request.decision());
          merged.set_successor_id(successor_id);
          RETURN_IF_ERROR(change.AddEvent(source, std::move(merged)));
        }
        OrganizationEvent absorbed = NewEvent(v1::ABSORBED, request.effective_date(), request.decision());
        for (const std::string& id : request.source_ids()) absorbed.add_source_ids(id);
        RETURN_IF_ERROR(change.AddEvent(successor, std::move(absorbed)));
        RETURN_IF_ERROR(change.Validate());
        change.Write(batch);
        v1::MergeOrganizationsResponse response;
        *response.mutable_successor() = change.Latest(successor);
        for (uint64_t source : *sources) *response.add_merged() = change.Latest(source);
        for (uint64_t child : moved) *response.add_moved_children() = change.Latest(child);
        return response;
      });
}

absl::StatusOr<v1::Organization> OrganizationRegistry::Dissolve(const v1::DissolveOrganizationRequest& request,
                                                                const Caller& caller) {
  ValidationErrors errors;
  errors.Add(storage::ValidateRequestId(request.request_id()));
  errors.Add(ParseOrganizationId(request.id(), "id").status());
  errors.Add(CheckEffectiveDate(request.effective_date(), "effective_date").status());
  errors.Add(CheckDecision(request.decision(), "decision"));
  RETURN_IF_ERROR(errors.Result());
  const uint64_t id = *ParseOrganizationId(request.id(), "id");

  return RunStructural<v1::Organization>(
      Structure::kExclusive, "DissolveOrganization", request.request_id(), [&](WriteBatch* batch) -> absl::StatusOr<v1::Organization> {
        ChangeSet change(store_, caller.actor, request.request_id(), clock_->Now());
        RETURN_IF_ERROR(StageDissolve(change, id, request.effective_date(), request.decision()));
        RETURN_IF_ERROR(change.Validate());
        change.Write(batch);
        return change.Latest(id);
      });
}

absl::StatusOr<uint64_t> OrganizationRegistry::StageEstablish(ChangeSet& change, const v1::Organization& org,
                                                              const google::type::Date& effective,
                                                              const v1::Decision& decision,
                                                              std::string_view parent_field) {
  if (!org.parent_id().empty()) {
    ASSIGN_OR_RETURN(uint64_t parent, ParseOrganizationId(org.parent_id(), parent_field));
    RETURN_IF_ERROR(change.Load(parent, parent_field).status());
  }
  const uint64_t id = store_->AllocateOrganizationId();
  OrganizationEvent event = NewEvent(v1::ESTABLISHED, effective, decision);
  event.set_parent_id(org.parent_id());
  *event.mutable_organization() = EstablishedFields(org);
  RETURN_IF_ERROR(change.AddEvent(id, std::move(event), /*is_new=*/true));
  return id;
}

absl::Status OrganizationRegistry::StageMove(ChangeSet& change, uint64_t id, uint64_t new_parent,
                                             const google::type::Date& effective, const v1::Decision& decision,
                                             std::string_view field) {
  const int64_t day = DayNumber(effective);
  const std::string new_parent_id = absl::StrCat(new_parent);
  ASSIGN_OR_RETURN(const OrganizationRecord* parent, change.Load(new_parent, "new_parent_id"));
  RETURN_IF_ERROR(ActiveOn(*parent, day, "the new parent").status());
  ASSIGN_OR_RETURN(const OrganizationRecord* record, change.Load(id, field));
  ASSIGN_OR_RETURN(const OrganizationVersion* now, ActiveOn(*record, day, "organization"));
  if (now->organization().parent_id() == new_parent_id) {
    return FailedPrecondition("ALREADY_UNDER_PARENT", absl::StrCat(now->organization().name(), " (", id,
                                                                   ") is already under ", new_parent_id, " on ",
                                                                   FormatDayNumber(day)));
  }
  OrganizationEvent event = NewEvent(v1::MOVED, effective, decision);
  event.set_parent_id(new_parent_id);
  event.set_previous_parent_id(now->organization().parent_id());
  return change.AddEvent(id, std::move(event));
}

absl::Status OrganizationRegistry::StageDissolve(ChangeSet& change, uint64_t id, const google::type::Date& effective,
                                                 const v1::Decision& decision) {
  const int64_t day = DayNumber(effective);
  ASSIGN_OR_RETURN(const OrganizationRecord* record, change.Load(id, "id"));
  ASSIGN_OR_RETURN(const OrganizationVersion* now, ActiveOn(*record, day, "organization"));
  const std::string name = now->organization().name();
  // Name what still hangs under it on or after the day, so the clerk knows what to move first.
  std::vector<std::string> remaining;
  ASSIGN_OR_RETURN(std::vector<uint64_t> children, store_->ChildIds(id, {.ever = true}));
  for (uint64_t child : children) {
    ASSIGN_OR_RETURN(const OrganizationRecord* child_record, change.Load(child));
    for (const OrganizationVersion& v : child_record->versions()) {
      const v1::Organization& c = v.organization();
      if (c.state() == v1::ACTIVE && c.parent_id() == absl::StrCat(id) && v.to_day() > day) {
        remaining.push_back(absl::StrCat(c.name(), " (", c.id(), ")"));
        break;
      }
    }
  }
  if (!remaining.empty()) {
    const size_t shown = std::min<size_t>(remaining.size(), 10);
    return FailedPrecondition(
        "HAS_CHILDREN",
        absl::StrCat("cannot dissolve ", name, " (", id, ") on ", FormatDayNumber(day), ": ", remaining.size(),
                     " organization(s) still under it: ",
                     absl::StrJoin(remaining.begin(), remaining.begin() + shown, ", "),
                     remaining.size() > shown ? ", ..." : "",
                     "; move, merge or dissolve them first"));
  }
  ASSIGN_OR_RETURN(RegistryStore::MemberCounts on_day, store_->CountMembers(id, day));
  ASSIGN_OR_RETURN(RegistryStore::MemberCounts latest, store_->CountMembers(id, std::nullopt));
  const int64_t members = std::max(on_day.official + on_day.probationary, latest.official + latest.probationary);
  if (members > 0) {
    return FailedPrecondition("HAS_MEMBERS", absl::StrCat("cannot dissolve ", name, " (", id, ") on ",
                                                          FormatDayNumber(day), ": ", members,
                                                          " member(s) still belong to it; transfer them first"));
  }
  return change.AddEvent(id, NewEvent(v1::DISSOLVED_EVENT, effective, decision));
}

}  // namespace haicap::registry
