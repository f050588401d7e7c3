// What happens when a member is admitted, registered, recognised as official, removed, or their
// personal data corrected.
#include <mutex>
#include <set>

#include "absl/strings/str_cat.h"
#include "common/change/etag.h"
#include "common/citizen_id.h"
#include "common/civil_date.h"
#include "common/errors.h"
#include "common/status_macros.h"
#include "common/storage/idempotency.h"
#include "common/text/text.h"
#include "services/registry/member_checks.h"
#include "services/registry/member_timeline.h"
#include "services/registry/organization_registry.h"
#include "services/registry/request_checks.h"

namespace haicap::registry {
namespace {

constexpr int kMaxMemberNameChars = 100;
constexpr int kMaxNumberChars = 20;
constexpr int kMaxReasonChars = 500;
constexpr int kMinBirthYear = 1900;
constexpr int kAdmissionAge = 18;  // Điều lệ Đảng: from 18 years of age
const std::set<std::string> kCorrectableFields = {"full_name", "date_of_birth", "sex", "citizen_id",
                                                  "party_card_number", "party_record_number"};

absl::Status CheckCitizenId(const std::string& citizen_id, const std::string& field) {
  const std::string problem = CitizenIdProblem(citizen_id);
  return problem.empty() ? absl::OkStatus() : InvalidArgument(field, problem);
}

absl::Status CheckOptionalNumber(const std::string& value, const std::string& field) {
  if (value.empty()) return absl::OkStatus();
  return text::ValidateName(field, value, kMaxNumberChars);
}

// Checks one personal-data field of `m` named `path`; `prefix` is e.g. "member.".
absl::Status CheckPersonalField(const v1::Member& m, const std::string& path, const std::string& prefix) {
  const std::string field = prefix + path;
  if (path == "full_name") return text::ValidateName(field, m.full_name(), kMaxMemberNameChars);
  if (path == "date_of_birth") return ToCivilDay(m.date_of_birth(), field, kMinBirthYear).status();
  if (path == "sex") {
    return m.sex() == v1::MALE || m.sex() == v1::FEMALE ? absl::OkStatus() : InvalidArgument(field, "must be MALE or FEMALE");
  }
  if (path == "citizen_id") return CheckCitizenId(m.citizen_id(), field);
  if (path == "party_card_number") return CheckOptionalNumber(m.party_card_number(), field);
  if (path == "party_record_number") return CheckOptionalNumber(m.party_record_number(), field);
  return InvalidArgument("update_mask", absl::StrCat("\"", path, "\" cannot be corrected"));
}

// The personal data and organisation of a new member.
void CheckNewMember(const v1::Member& m, ValidationErrors* errors) {
  for (const std::string& path : kCorrectableFields) errors->Add(CheckPersonalField(m, path, "member."));
  errors->Add(ParseOrganizationId(m.organization_id(), "member.organization_id").status());
}

absl::Status CheckAdultOn(const v1::Member& m, absl::CivilDay admitted) {
  const absl::CivilDay eighteenth =
      AddYears(absl::CivilDay(m.date_of_birth().year(), m.date_of_birth().month(), m.date_of_birth().day()), kAdmissionAge);
  if (admitted < eighteenth) {
    return FailedPrecondition("TOO_YOUNG", absl::StrCat("a member must be at least ", kAdmissionAge,
                                                        " years old when admitted (from ", FormatDay(eighteenth), ")"));
  }
  return absl::OkStatus();
}

// The fields a new member is stored with: personal data and organisation, nothing of the server's.
v1::Member NewMemberFields(const v1::Member& m) {
  v1::Member out;
  out.set_full_name(m.full_name());
  *out.mutable_date_of_birth() = m.date_of_birth();
  out.set_sex(m.sex());
  out.set_citizen_id(m.citizen_id());
  out.set_party_card_number(m.party_card_number());
  out.set_party_record_number(m.party_record_number());
  out.set_organization_id(m.organization_id());
  return out;
}

const v1::Member& Latest(const MemberRecord& record) { return record.versions(record.versions_size() - 1).member(); }

}  // namespace

MemberEvent NewMemberEvent(v1::MemberEventType type, const google::type::Date& effective, const v1::Decision& decision) {
  MemberEvent event;
  event.set_type(type);
  *event.mutable_effective_date() = effective;
  *event.mutable_decision() = decision;
  return event;
}

absl::Status CheckMemberEtag(const MemberRecord& record, const std::string& etag, uint64_t id) {
  return change::CheckEtag(etag, record.revision(), absl::StrCat("member ", id));
}

absl::Status OrganizationRegistry::StageMemberClocks(const ChangeSet& change, rocksdb::WriteBatch* batch) {
  if (!clocks_) return absl::OkStatus();
  return change.ForEachChangedMember([&](uint64_t member_id, const MemberRecord* before, const MemberRecord& after,
                                         const std::vector<MemberEvent>& events) {
    std::optional<absl::CivilDay> recognized_on;
    for (const MemberEvent& e : events) {
      if (e.type() == v1::RECOGNIZED_OFFICIAL && !IsUnset(e.decision().date())) {
        recognized_on = ToCivilDay(e.decision().date(), "decision.date").value_or(VietnamDay(clock_->Now()));
      }
    }
    return clocks_->Stage(batch, member_id, before, after, recognized_on);
  });
}

absl::StatusOr<v1::Member> OrganizationRegistry::CommitMemberChange(
    std::string_view method, const std::string& request_id, const Caller& caller,
    const std::function<absl::StatusOr<uint64_t>(ChangeSet&)>& stage) {
  return RunStructural<v1::Member>(
      Structure::kExclusive, method, request_id, [&](rocksdb::WriteBatch* batch) -> absl::StatusOr<v1::Member> {
        ChangeSet change(store_, caller.actor, request_id, clock_->Now());
        ASSIGN_OR_RETURN(uint64_t id, stage(change));
        RETURN_IF_ERROR(change.Validate());
        change.Write(batch);
        RETURN_IF_ERROR(StageMemberClocks(change, batch));
        return change.LatestMember(id);
      });
}

absl::StatusOr<int> OrganizationRegistry::StartRecognitionClocks() {
  if (!clocks_) return 0;
  constexpr size_t kPerBatch = 500;
  ASSIGN_OR_RETURN(const std::vector<uint64_t> ended, store_->ProbationsEndedBy(DayNumber(VietnamDay(clock_->Now()))));
  int started = 0;
  for (size_t first = 0; first < ended.size(); first += kPerBatch) {
    absl::MutexLock lock(&structure_mu_);
    rocksdb::WriteBatch batch;
    for (size_t i = first; i < std::min(ended.size(), first + kPerBatch); ++i) {
      ASSIGN_OR_RETURN(const MemberRecord record, store_->ExistingMember(ended[i]));
      const uint32_t entries = batch.Count();
      RETURN_IF_ERROR(clocks_->StageRecognitionStart(&batch, ended[i], record));
      if (batch.Count() > entries) ++started;
    }
    if (batch.Count() == 0) continue;
    RETURN_IF_ERROR(store_->db()->Commit(&batch));
    ++structure_version_;  // an import staged meanwhile stages again
  }
  if (started > 0) clocks_->Notify();
  return started;
}

absl::StatusOr<v1::Member> OrganizationRegistry::Admit(const v1::AdmitMemberRequest& request, const Caller& caller) {
  ValidationErrors errors;
  errors.Add(storage::ValidateRequestId(request.request_id()));
  CheckNewMember(request.member(), &errors);
  const bool pending = IsUnset(request.ceremony_date());
  const absl::CivilDay today = VietnamDay(clock_->Now());
  if (pending) {
    // The ceremony is still to come: the member waits from the decision's date.
    if (IsUnset(request.decision().date())) {
      errors.Add(InvalidArgument("decision.date", "is required when the ceremony is still to come (no ceremony_date)"));
    }
    errors.Add(CheckNotAfterToday(request.decision().date(), today, "decision.date"));
  } else {
    errors.Add(CheckEffectiveDate(request.ceremony_date(), "ceremony_date").status());
    errors.Add(CheckNotAfterToday(request.ceremony_date(), today, "ceremony_date",
                                  "admit the member once the ceremony is held, or without ceremony_date until then"));
  }
  errors.Add(CheckDecision(request.decision(), "decision"));
  RETURN_IF_ERROR(errors.Result());
  const google::type::Date& start = pending ? request.decision().date() : request.ceremony_date();
  if (!pending) {
    const absl::CivilDay ceremony = FromDayNumber(DayNumber(request.ceremony_date()));
    if (!IsUnset(request.decision().date()) && DayNumber(request.decision().date()) > DayNumber(ceremony)) {
      return InvalidArgument("decision.date", "the admission decision comes before the ceremony");
    }
    RETURN_IF_ERROR(CheckAdultOn(request.member(), ceremony));
  }

  return CommitMemberChange("AdmitMember", request.request_id(), caller, [&](ChangeSet& change) -> absl::StatusOr<uint64_t> {
    MemberEvent event = NewMemberEvent(v1::ADMITTED, start, request.decision());
    *event.mutable_member() = NewMemberFields(request.member());
    event.mutable_member()->set_status(pending ? v1::ADMISSION_PENDING : v1::PROBATIONARY);
    if (!pending) *event.mutable_member()->mutable_admitted_on() = request.ceremony_date();
    const uint64_t id = store_->AllocateMemberId();
    RETURN_IF_ERROR(change.AddMemberEvent(id, std::move(event), /*is_new=*/true));
    return id;
  });
}

absl::StatusOr<v1::Member> OrganizationRegistry::RecordAdmissionCeremony(
    const v1::RecordAdmissionCeremonyRequest& request, const Caller& caller) {
  ValidationErrors errors;
  errors.Add(storage::ValidateRequestId(request.request_id()));
  errors.Add(ParseMemberId(request.member_id(), "member_id").status());
  absl::StatusOr<int64_t> day = CheckEffectiveDate(request.ceremony_date(), "ceremony_date");
  errors.Add(day.status());
  errors.Add(CheckNotAfterToday(request.ceremony_date(), VietnamDay(clock_->Now()), "ceremony_date",
                                "record the ceremony once it is held"));
  RETURN_IF_ERROR(errors.Result());
  const uint64_t id = *ParseMemberId(request.member_id(), "member_id");

  return CommitMemberChange("RecordAdmissionCeremony", request.request_id(), caller,
                            [&](ChangeSet& change) -> absl::StatusOr<uint64_t> {
    ASSIGN_OR_RETURN(const MemberRecord* record, change.LoadMember(id));
    RETURN_IF_ERROR(CheckMemberEtag(*record, request.etag(), id));
    const v1::Member& latest = Latest(*record);
    if (latest.status() != v1::ADMISSION_PENDING) {
      return FailedPrecondition("CEREMONY_NOT_PENDING",
                                absl::StrCat("member ", id, " is ", v1::MemberStatus_Name(latest.status()),
                                             ", not waiting for an admission ceremony"));
    }
    const int64_t decided = record->versions(0).from_day();
    if (*day < decided) {
      return InvalidArgument("ceremony_date", absl::StrCat("is before the admission decision of ",
                                                           FormatDayNumber(decided)));
    }
    RETURN_IF_ERROR(CheckAdultOn(latest, FromDayNumber(*day)));
    RETURN_IF_ERROR(change.AddMemberEvent(id, NewMemberEvent(v1::CEREMONY_HELD, request.ceremony_date(), {})));
    return id;
  });
}

void CheckRegistration(const v1::Member& m, const std::string& prefix, ValidationErrors* errors) {
  for (const std::string& path : kCorrectableFields) errors->Add(CheckPersonalField(m, path, prefix));
  errors->Add(ToCivilDay(m.admitted_on(), prefix + "admitted_on").status());
  if (m.status() != v1::PROBATIONARY && m.status() != v1::OFFICIAL) {
    errors->Add(InvalidArgument(prefix + "status", "must be PROBATIONARY or OFFICIAL"));
  }
  if (m.status() == v1::OFFICIAL && !IsUnset(m.official_on())) {
    errors->Add(ToCivilDay(m.official_on(), prefix + "official_on").status());
  }
}

absl::StatusOr<uint64_t> OrganizationRegistry::StageRegistration(ChangeSet& change, const v1::Member& m,
                                                                 const google::type::Date& effective,
                                                                 const v1::Decision& decision,
                                                                 const std::string& prefix) {
  const absl::CivilDay admitted(m.admitted_on().year(), m.admitted_on().month(), m.admitted_on().day());
  const absl::CivilDay today = VietnamDay(clock_->Now());
  RETURN_IF_ERROR(CheckNotAfterToday(m.admitted_on(), today, prefix + "admitted_on"));
  if (DayNumber(effective) < DayNumber(admitted)) {
    return InvalidArgument("effective_date", absl::StrCat("is before the member was admitted (", prefix, "admitted_on)"));
  }
  RETURN_IF_ERROR(CheckAdultOn(m, admitted));
  const absl::CivilDay probation_end = ProbationEnd(admitted);
  const google::type::Date official_on =
      IsUnset(m.official_on()) ? ToProtoDate(probation_end) : m.official_on();
  if (m.status() == v1::OFFICIAL) {
    if (DayNumber(official_on) < DayNumber(probation_end)) {
      return InvalidArgument(prefix + "official_on",
                             absl::StrCat("is before the end of probation (", FormatDay(probation_end), ")"));
    }
    if (IsUnset(m.official_on()) && probation_end > today) {
      return InvalidArgument(prefix + "status",
                             absl::StrCat("is OFFICIAL, but the 12 months of probation end on ", FormatDay(probation_end),
                                          ", after today: the member is still PROBATIONARY"));
    }
    RETURN_IF_ERROR(CheckNotAfterToday(official_on, today, prefix + "official_on"));
  }
  MemberEvent event = NewMemberEvent(v1::REGISTERED, effective, decision);
  *event.mutable_member() = NewMemberFields(m);
  *event.mutable_member()->mutable_admitted_on() = m.admitted_on();
  // An official member who joined while still on probation: probationary until official_on.
  const bool official_later = m.status() == v1::OFFICIAL && DayNumber(official_on) > DayNumber(effective);
  event.mutable_member()->set_status(official_later ? v1::PROBATIONARY : m.status());
  if (m.status() == v1::OFFICIAL && !official_later) *event.mutable_member()->mutable_official_on() = official_on;
  const uint64_t id = store_->AllocateMemberId();
  RETURN_IF_ERROR(change.AddMemberEvent(id, std::move(event), /*is_new=*/true));
  if (official_later) {
    RETURN_IF_ERROR(change.AddMemberEvent(id, NewMemberEvent(v1::RECOGNIZED_OFFICIAL, official_on, decision)));
  }
  return id;
}

absl::StatusOr<v1::Member> OrganizationRegistry::Register(const v1::RegisterMemberRequest& request,
                                                         const Caller& caller) {
  ValidationErrors errors;
  errors.Add(storage::ValidateRequestId(request.request_id()));
  CheckRegistration(request.member(), "member.", &errors);
  errors.Add(ParseOrganizationId(request.member().organization_id(), "member.organization_id").status());
  errors.Add(CheckEffectiveDate(request.effective_date(), "effective_date").status());
  errors.Add(CheckDecision(request.decision(), "decision"));
  RETURN_IF_ERROR(errors.Result());
  return CommitMemberChange("RegisterMember", request.request_id(), caller, [&](ChangeSet& change) {
    return StageRegistration(change, request.member(), request.effective_date(), request.decision(), "member.");
  });
}

absl::StatusOr<v1::Member> OrganizationRegistry::RecognizeOfficial(const v1::RecognizeOfficialRequest& request,
                                                                   const Caller& caller) {
  ValidationErrors errors;
  errors.Add(storage::ValidateRequestId(request.request_id()));
  errors.Add(ParseMemberId(request.member_id(), "member_id").status());
  errors.Add(CheckDecision(request.decision(), "decision"));
  if (IsUnset(request.decision().date())) errors.Add(InvalidArgument("decision.date", "is required"));
  errors.Add(CheckNotAfterToday(request.decision().date(), VietnamDay(clock_->Now()), "decision.date",
                                "record the recognition once it is decided"));
  RETURN_IF_ERROR(errors.Result());
  const uint64_t id = *ParseMemberId(request.member_id(), "member_id");

  return CommitMemberChange("RecognizeOfficial", request.request_id(), caller, [&](ChangeSet& change) -> absl::StatusOr<uint64_t> {
    ASSIGN_OR_RETURN(const MemberRecord* record, change.LoadMember(id));
    RETURN_IF_ERROR(CheckMemberEtag(*record, request.etag(), id));
    const v1::Member& latest = Latest(*record);
    if (latest.status() != v1::PROBATIONARY) {
      return FailedPrecondition("NOT_PROBATIONARY", absl::StrCat("member ", id, " is not on probation"));
    }
    const absl::CivilDay ends = ProbationEnd(absl::CivilDay(latest.admitted_on().year(), latest.admitted_on().month(),
                                                            latest.admitted_on().day()));
    if (DayNumber(request.decision().date()) < DayNumber(ends)) {
      return FailedPrecondition("PROBATION_NOT_OVER",
                                absl::StrCat("the 12 months of probation of member ", id, " end on ", FormatDay(ends),
                                             "; recognition can be decided from then"));
    }
    // Official status dates from the end of the 12 months, however late the decision.
    RETURN_IF_ERROR(change.AddMemberEvent(id, NewMemberEvent(v1::RECOGNIZED_OFFICIAL, ToProtoDate(ends), request.decision())));
    return id;
  });
}

absl::StatusOr<v1::Member> OrganizationRegistry::EndMembership(const v1::EndMembershipRequest& request,
                                                               const Caller& caller) {
  ValidationErrors errors;
  errors.Add(storage::ValidateRequestId(request.request_id()));
  errors.Add(ParseMemberId(request.member_id(), "member_id").status());
  if (request.status() != v1::REMOVED && request.status() != v1::EXPELLED && request.status() != v1::DECEASED &&
      request.status() != v1::TRANSFERRED_OUT) {
    errors.Add(InvalidArgument("status", "must be REMOVED, EXPELLED, DECEASED or TRANSFERRED_OUT"));
  }
  errors.Add(text::ValidateName("reason", request.reason(), kMaxReasonChars));
  errors.Add(CheckEffectiveDate(request.effective_date(), "effective_date").status());
  errors.Add(CheckDecision(request.decision(), "decision"));
  RETURN_IF_ERROR(errors.Result());
  const uint64_t id = *ParseMemberId(request.member_id(), "member_id");

  return CommitMemberChange("EndMembership", request.request_id(), caller, [&](ChangeSet& change) -> absl::StatusOr<uint64_t> {
    ASSIGN_OR_RETURN(const MemberRecord* record, change.LoadMember(id));
    RETURN_IF_ERROR(CheckMemberEtag(*record, request.etag(), id));
    MemberEvent event = NewMemberEvent(v1::MEMBERSHIP_ENDED, request.effective_date(), request.decision());
    event.mutable_member()->set_status(request.status());
    event.mutable_member()->set_end_reason(request.reason());
    RETURN_IF_ERROR(change.AddMemberEvent(id, std::move(event)));
    return id;
  });
}

absl::StatusOr<v1::Member> OrganizationRegistry::UpdateMember(const v1::UpdateMemberRequest& request,
                                                              const Caller& caller) {
  ValidationErrors errors;
  errors.Add(storage::ValidateRequestId(request.request_id()));
  errors.Add(ParseMemberId(request.member().id(), "member.id").status());
  if (request.update_mask().paths().empty()) {
    errors.Add(InvalidArgument("update_mask", "must name at least one of full_name, date_of_birth, sex, citizen_id, "
                                              "party_card_number, party_record_number"));
  }
  for (const std::string& path : request.update_mask().paths()) {
    errors.Add(CheckPersonalField(request.member(), path, "member."));
  }
  RETURN_IF_ERROR(errors.Result());
  const uint64_t id = *ParseMemberId(request.member().id(), "member.id");

  return CommitMemberChange("UpdateMember", request.request_id(), caller, [&](ChangeSet& change) -> absl::StatusOr<uint64_t> {
    ASSIGN_OR_RETURN(const MemberRecord* record, change.LoadMember(id, "member.id"));
    RETURN_IF_ERROR(CheckMemberEtag(*record, request.etag(), id));
    // A correction is not dated; the event carries the day it was recorded.
    MemberEvent event = NewMemberEvent(v1::CORRECTED, ToProtoDate(VietnamDay(clock_->Now())), {});
    *event.mutable_changed_fields() = request.update_mask();
    *event.mutable_member() = NewMemberFields(request.member());
    event.mutable_member()->clear_organization_id();
    RETURN_IF_ERROR(change.AddMemberEvent(id, std::move(event)));
    return id;
  });
}

}  // namespace haicap::registry
