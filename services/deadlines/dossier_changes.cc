// The changes of an existing dossier's life: status transitions, the supplement pause and its end,
// the apology with a new date.
#include "absl/strings/str_cat.h"
#include "common/proto_time.h"
#include "common/civil_date.h"
#include "common/clock.h"
#include "common/errors.h"
#include "common/status_macros.h"
#include "common/text/text.h"
#include "services/deadlines/dossier_book.h"
#include "services/deadlines/dossier_clock.h"
#include "services/deadlines/dossier_mutation.h"
#include "services/deadlines/dossier_rules.h"

namespace haicap::deadlines {
namespace {

constexpr int kMaxReasonChars = 500;

absl::Status CheckReason(const std::string& reason, bool required) {
  if (reason.empty()) return required ? InvalidArgument("reason", "is required") : absl::OkStatus();
  return text::ValidateName("reason", reason, kMaxReasonChars);
}

const google::protobuf::Timestamp* OccurredAt(const auto& request) {
  return request.has_occurred_at() ? &request.occurred_at() : nullptr;
}

bool AnyForced(const v1::Dossier& d) {
  for (const v1::SupplementRecord& s : d.supplements()) {
    if (s.forced()) return true;
  }
  return false;
}

std::string FormatLocalDay(absl::Time t) { return absl::FormatTime("%d/%m/%Y", t, VietnamTimeZone()); }

absl::Status CheckRunning(const v1::Dossier& d, std::string_view what) {
  if (IsRunning(d.status())) return absl::OkStatus();
  return FailedPrecondition("NOT_IN_PROCESS", absl::StrCat(std::string(what), " needs a dossier in status 2, 4 or 6; ",
                                                           d.id(), " is in status ", static_cast<int>(d.status()), " ",
                                                           v1::DossierStatus_Name(d.status())));
}

}  // namespace

absl::StatusOr<v1::Dossier> DossierBook::Transition(const v1::TransitionDossierRequest& request,
                                                    const std::string& actor) {
  const v1::DossierStatus to = request.status();
  ValidationErrors errors;
  if (!v1::DossierStatus_IsValid(to) || to == v1::DOSSIER_STATUS_UNSPECIFIED) {
    errors.Add(InvalidArgument("status", "must be a status code 1–10"));
  }
  errors.Add(CheckReason(request.reason(), to == v1::NOT_ACCEPTED || to == v1::WITHDRAWN || to == v1::STOPPED));
  RETURN_IF_ERROR(errors.Result());
  return Mutate("TransitionDossier", request.id(), request.request_id(), request.etag(), OccurredAt(request), actor,
                [&](Mutation& m) -> absl::Status {
    v1::Dossier& d = m.dossier();
    const v1::DossierStatus from = d.status();
    RETURN_IF_ERROR(CheckTransition(from, to));
    m.change.set_type(v1::STATUS_CHANGED);
    m.change.set_reason(request.reason());
    if (from == v1::NEW_REGISTERED && to == v1::RECEIVED) {
      *d.mutable_received_at() = ToTimestamp(m.at);
      ASSIGN_OR_RETURN(absl::Time due, DueFromScratch(m.calendar, d));
      StartClock(m.record, m.day(), due);
    }
    if (EndsProcessing(from, to)) {
      if (from == v1::SUPPLEMENT_REQUESTED) {
        // Ended while waiting for the citizen: the wait up to now is excluded like any pause.
        v1::Dossier ended = d;
        *ended.mutable_supplements(ended.supplements_size() - 1)->mutable_resumed_at() = ToTimestamp(m.at);
        ASSIGN_OR_RETURN(absl::Time due, DueFromScratch(m.calendar, ended));
        *d.mutable_due_at() = ToTimestamp(due);
      }
      *d.mutable_finished_at() = ToTimestamp(m.at);
      StopClock(m.record, m.day());
      d.set_outcome(Classify(absl::ToCivilDay(m.at, VietnamTimeZone()),
                             absl::ToCivilDay(FromTimestamp(d.due_at()), VietnamTimeZone()), AnyForced(d)));
    }
    d.set_status(to);
    return absl::OkStatus();
  });
}

absl::StatusOr<v1::Dossier> DossierBook::RequestSupplement(const v1::RequestSupplementRequest& request,
                                                           const std::string& actor) {
  RETURN_IF_ERROR(CheckReason(request.reason(), /*required=*/true));
  return Mutate("RequestSupplement", request.id(), request.request_id(), request.etag(), OccurredAt(request), actor,
                [&](Mutation& m) -> absl::Status {
    v1::Dossier& d = m.dossier();
    RETURN_IF_ERROR(CheckRunning(d, "a supplement request"));
    const bool again = !d.supplements().empty();
    if (again && !request.force()) {
      return FailedPrecondition("SUPPLEMENT_ALREADY_REQUESTED",
                                absl::StrCat("dossier ", d.id(), " already had its one supplement request; force a "
                                             "second one with a reason, and the dossier will count as late"));
    }
    v1::SupplementRecord& pause = *d.add_supplements();
    *pause.mutable_requested_at() = ToTimestamp(m.at);
    pause.set_reason(request.reason());
    pause.set_forced(again);
    StopClock(m.record, m.day());
    d.set_status(v1::SUPPLEMENT_REQUESTED);
    m.change.set_type(v1::SUPPLEMENT_REQUESTED_EVENT);
    m.change.set_reason(request.reason());
    return absl::OkStatus();
  });
}

absl::StatusOr<v1::Dossier> DossierBook::Resume(const v1::ResumeProcessingRequest& request, const std::string& actor) {
  return Mutate("ResumeProcessing", request.id(), request.request_id(), request.etag(), OccurredAt(request), actor,
                [&](Mutation& m) -> absl::Status {
    v1::Dossier& d = m.dossier();
    if (d.status() != v1::SUPPLEMENT_REQUESTED) {
      return FailedPrecondition("NOT_WAITING_FOR_SUPPLEMENT",
                                absl::StrCat("dossier ", d.id(), " is not waiting for a supplement (status ",
                                             static_cast<int>(d.status()), ")"));
    }
    *d.mutable_supplements(d.supplements_size() - 1)->mutable_resumed_at() = ToTimestamp(m.at);
    ASSIGN_OR_RETURN(absl::Time due, DueFromScratch(m.calendar, d));
    StartClock(m.record, m.day(), due);
    d.set_status(v1::PROCESSING);
    m.change.set_type(v1::PROCESSING_RESUMED);
    return absl::OkStatus();
  });
}

absl::StatusOr<v1::Dossier> DossierBook::Reschedule(const v1::RescheduleRequest& request, const std::string& actor) {
  ValidationErrors errors;
  absl::StatusOr<absl::CivilDay> new_day = ToCivilDay(request.new_due_date(), "new_due_date");
  errors.Add(new_day.status());
  errors.Add(CheckReason(request.reason(), /*required=*/true));
  RETURN_IF_ERROR(errors.Result());
  return Mutate("Reschedule", request.id(), request.request_id(), request.etag(), OccurredAt(request), actor,
                [&](Mutation& m) -> absl::Status {
    v1::Dossier& d = m.dossier();
    RETURN_IF_ERROR(CheckRunning(d, "a new date"));
    if (d.has_reschedule()) {
      return FailedPrecondition("ALREADY_RESCHEDULED",
                                absl::StrCat("dossier ", d.id(), " already has a new date (",
                                             FormatLocalDay(FromTimestamp(d.reschedule().new_due_at())),
                                             "); it may be set only once"));
    }
    const absl::TimeZone zone = VietnamTimeZone();
    const absl::Time due_at = FromTimestamp(d.due_at());
    const absl::CivilDay due_day = absl::ToCivilDay(due_at, zone);
    if (*new_day <= due_day) {
      return InvalidArgument("new_due_date", absl::StrCat("must be after the due date ", FormatLocalDay(due_at)));
    }
    if (!m.calendar.IsWorkingDay(*new_day)) {
      return InvalidArgument("new_due_date", absl::StrCat("is not a working day (", m.calendar.WhyNotWorking(*new_day), ")"));
    }
    if (m.calendar.FirstWorkingDayFrom(absl::ToCivilDay(m.at, zone)) >= due_day) {
      return FailedPrecondition("TOO_LATE_TO_RESCHEDULE",
                                absl::StrCat("the apology must be issued at least one working day before the due "
                                             "date ", FormatLocalDay(due_at)));
    }
    const absl::Time new_due = absl::FromCivil(*new_day, zone) + m.calendar.office_hours().Closing();
    v1::RescheduleRecord& r = *d.mutable_reschedule();
    *r.mutable_issued_at() = ToTimestamp(m.at);
    r.set_reason(request.reason());
    *r.mutable_previous_due_at() = d.due_at();
    *r.mutable_new_due_at() = ToTimestamp(new_due);
    MoveDue(m.record, m.day(), new_due);
    m.change.set_type(v1::RESCHEDULED);
    m.change.set_reason(request.reason());
    return absl::OkStatus();
  });
}

}  // namespace haicap::deadlines
