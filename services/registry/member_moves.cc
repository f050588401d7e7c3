// MoveMember: a membership transfer's receipt (chuyển sinh hoạt đảng, Quy định 294-QĐ/TW 6.3.1).
// A permanent move (an official or internal transfer) changes the member's organisation, and so
// the counts, from the effective date; a temporary one records where the member is active
// meanwhile, still counted at home; a return ends that. Each is an event on the member's timeline,
// folded in effective-date order like the others (member_timeline.h).
#include <mutex>

#include "absl/strings/str_cat.h"
#include "common/civil_date.h"
#include "common/errors.h"
#include "common/status_macros.h"
#include "common/storage/idempotency.h"
#include "common/text/text.h"
#include "services/registry/member_checks.h"
#include "services/registry/organization_registry.h"
#include "services/registry/request_checks.h"

namespace haicap::registry {
namespace {

using v1::MoveMemberRequest;

constexpr int kMaxReferenceChars = 100;

// The checks that need no storage: INVALID_ARGUMENT naming each bad field.
absl::Status CheckMoveRequest(const MoveMemberRequest& request) {
  ValidationErrors errors;
  errors.Add(storage::ValidateRequestId(request.request_id()));
  errors.Add(ParseMemberId(request.member_id(), "member_id").status());
  const absl::StatusOr<int64_t> day = CheckEffectiveDate(request.effective_date(), "effective_date");
  errors.Add(day.status());
  errors.Add(CheckDecision(request.decision(), "decision"));
  if (!request.reference().empty()) {
    errors.Add(text::ValidateName("reference", request.reference(), kMaxReferenceChars));
  }
  switch (request.kind()) {
    case MoveMemberRequest::PERMANENT:
    case MoveMemberRequest::TEMPORARY:
      errors.Add(ParseOrganizationId(request.organization_id(), "organization_id").status());
      break;
    case MoveMemberRequest::RETURN: break;  // back home: organization_id is not used
    default: errors.Add(InvalidArgument("kind", "must be PERMANENT, TEMPORARY or RETURN"));
  }
  if (request.kind() == MoveMemberRequest::TEMPORARY) {
    const absl::StatusOr<int64_t> until = CheckEffectiveDate(request.temporary_until(), "temporary_until");
    errors.Add(until.status());
    if (until.ok() && day.ok() && *until <= *day) {
      errors.Add(InvalidArgument("temporary_until", "must be after effective_date"));
    }
  } else if (!IsUnset(request.temporary_until())) {
    errors.Add(InvalidArgument("temporary_until", "is only for a TEMPORARY move"));
  }
  return errors.Result();
}

// The member as they stood on `day`, which they must have been living on.
absl::StatusOr<v1::Member> LivingOn(const MemberRecord& record, int64_t day, uint64_t id) {
  const MemberVersion* v = MemberVersionAt(record, day);
  if (!v) {
    return FailedPrecondition("MEMBER_NOT_ACTIVE", absl::StrCat("member ", id, " was not yet in the registry on ",
                                                                FormatDayNumber(day)));
  }
  if (v->member().status() == v1::ADMISSION_PENDING) {
    return FailedPrecondition("MEMBER_NOT_ACTIVE", absl::StrCat("member ", id, " was admitted but the ceremony is still "
                                                                "to come on ", FormatDayNumber(day),
                                                                "; only a party member can move"));
  }
  if (!IsLiving(v->member().status())) {
    return FailedPrecondition("MEMBER_NOT_ACTIVE",
                              absl::StrCat("the membership of member ", id, " ended on ",
                                           FormatDayNumber(DayNumber(v->member().ended_on())),
                                           "; it cannot move on ", FormatDayNumber(day)));
  }
  return v->member();
}

// Each recorded move starts from where the member was: one effective before a move already
// recorded for a later day would leave that one starting from the wrong place.
absl::Status CheckNoLaterMove(const MemberRecord& record, int64_t day, uint64_t id) {
  for (int i = 1; i < record.versions_size(); ++i) {
    const v1::Member& before = record.versions(i - 1).member();
    const v1::Member& after = record.versions(i).member();
    if (record.versions(i).from_day() <= day || !IsLiving(after.status())) continue;
    if (before.organization_id() != after.organization_id() ||
        before.temporary_organization_id() != after.temporary_organization_id()) {
      return FailedPrecondition("LATER_MOVE_RECORDED",
                                absl::StrCat("member ", id, " already has a move effective ",
                                             FormatDayNumber(record.versions(i).from_day()), "; a move effective ",
                                             FormatDayNumber(day), " cannot come before it"));
    }
  }
  return absl::OkStatus();
}

// The event that moves `now`, the member as they stood on `day`, as `request` asks, once the
// rules only storage can tell are checked.
absl::StatusOr<MemberEvent> MoveEvent(ChangeSet& change, const MoveMemberRequest& request, const v1::Member& now,
                                      int64_t day) {
  const bool away = !now.temporary_organization_id().empty();
  if (request.kind() == MoveMemberRequest::RETURN) {
    if (!away) {
      return FailedPrecondition("NO_TEMPORARY_ACTIVITY", absl::StrCat("member ", now.id(),
                                                                      " is not temporarily active elsewhere on ",
                                                                      FormatDayNumber(day)));
    }
    MemberEvent event = NewMemberEvent(v1::TEMPORARY_ACTIVITY_ENDED, request.effective_date(), request.decision());
    event.set_organization_id(now.organization_id());
    event.set_previous_organization_id(now.temporary_organization_id());
    return event;
  }
  const uint64_t target = *ParseOrganizationId(request.organization_id(), "organization_id");
  RETURN_IF_ERROR(change.Load(target, "organization_id").status());
  if (request.organization_id() == now.organization_id()) {
    return FailedPrecondition("ALREADY_THERE", absl::StrCat("member ", now.id(), " is already in organization ",
                                                            now.organization_id(), " on ", FormatDayNumber(day)));
  }
  if (away) {
    return FailedPrecondition("TEMPORARY_ACTIVITY_ONGOING",
                              absl::StrCat("member ", now.id(), " is temporarily active in organization ",
                                           now.temporary_organization_id(), " on ", FormatDayNumber(day),
                                           "; record the return first"));
  }
  if (request.kind() == MoveMemberRequest::PERMANENT) {
    // Validate() checks the new organisation holds the member on every day from `day`.
    MemberEvent event = NewMemberEvent(v1::MEMBER_TRANSFERRED, request.effective_date(), request.decision());
    event.set_organization_id(request.organization_id());
    event.set_previous_organization_id(now.organization_id());
    return event;
  }
  RETURN_IF_ERROR(change.CheckMayHoldMember(now.id(), target, day, DayNumber(request.temporary_until())));
  MemberEvent event = NewMemberEvent(v1::TEMPORARY_ACTIVITY_STARTED, request.effective_date(), request.decision());
  event.set_organization_id(request.organization_id());
  event.set_previous_organization_id(now.organization_id());
  *event.mutable_member()->mutable_temporary_until() = request.temporary_until();
  return event;
}

}  // namespace

absl::StatusOr<v1::Member> OrganizationRegistry::MoveMember(const MoveMemberRequest& request, const Caller& caller) {
  RETURN_IF_ERROR(CheckMoveRequest(request));
  const uint64_t id = *ParseMemberId(request.member_id(), "member_id");
  const int64_t day = DayNumber(request.effective_date());
  return CommitMemberChange("MoveMember", request.request_id(), caller,
                            [&](ChangeSet& change) -> absl::StatusOr<uint64_t> {
    ASSIGN_OR_RETURN(const MemberRecord* record, change.LoadMember(id));
    RETURN_IF_ERROR(CheckMemberEtag(*record, request.etag(), id));
    ASSIGN_OR_RETURN(const v1::Member now, LivingOn(*record, day, id));
    RETURN_IF_ERROR(CheckNoLaterMove(*record, day, id));
    ASSIGN_OR_RETURN(MemberEvent event, MoveEvent(change, request, now, day));
    event.set_reference(request.reference());
    RETURN_IF_ERROR(change.AddMemberEvent(id, std::move(event)));
    return id;
  });
}

}  // namespace haicap::registry
