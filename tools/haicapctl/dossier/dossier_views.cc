#include "tools/haicapctl/dossier/dossier_views.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "tools/haicapctl/core/args.h"
#include "tools/haicapctl/core/deadline_args.h"
#include "tools/haicapctl/dossier/dossier_args.h"

namespace haicap::ctl {
namespace {

// "2026-02-27 17:00", or "" for an unset instant (not 1970).
std::string Minute(bool set, const google::protobuf::Timestamp& at) {
  return set ? FormatVietnamTime(at) : "";
}

// With the weekday, for the label/value blocks.
std::string Day(bool set, const google::protobuf::Timestamp& at) {
  return set ? FormatLocalInstantWithWeekday(at) : "";
}

std::string DueText(const deadlines::Dossier& dossier) {
  if (dossier.has_due_at()) return FormatLocalInstantWithWeekday(dossier.due_at());
  if (dossier.status() == deadlines::NEW_REGISTERED) {
    return "not yet: the clock starts when the dossier is accepted (status 2 received)";
  }
  return "";
}

// Office time the clock stood still: "2 h 30 min", "8 h", "45 min".
std::string WorkingTime(int64_t seconds) {
  const int64_t minutes = seconds / 60;
  if (minutes < 60) return absl::StrCat(minutes, " min");
  if (minutes % 60 == 0) return absl::StrCat(minutes / 60, " h");
  return absl::StrCat(minutes / 60, " h ", minutes % 60, " min");
}

std::string EventWords(deadlines::DossierEventType type) {
  switch (type) {
    case deadlines::CREATED:
      return "created";
    case deadlines::STATUS_CHANGED:
      return "status changed";
    case deadlines::SUPPLEMENT_REQUESTED_EVENT:
      return "supplement requested";
    case deadlines::PROCESSING_RESUMED:
      return "processing resumed";
    case deadlines::RESCHEDULED:
      return "rescheduled";
    case deadlines::DUE_DATE_RECOMPUTED:
      return "due date recomputed";
    default:
      return absl::StrCat(static_cast<int>(type));
  }
}

// "2 → 4", or "2" when there was no status before.
std::string StatusStep(const deadlines::DossierChange& change) {
  const std::string to = absl::StrCat(static_cast<int>(change.to_status()));
  if (change.from_status() == deadlines::DOSSIER_STATUS_UNSPECIFIED) return to;
  return absl::StrCat(static_cast<int>(change.from_status()), " → ", to);
}

// "2026-02-27 17:00 → 2026-03-02 17:00", the new due alone when there was none, "" unchanged.
std::string DueStep(const deadlines::DossierChange& change) {
  const std::string after = Minute(change.has_due_at_after(), change.due_at_after());
  if (!change.has_due_at_before()) return after;
  return absl::StrCat(FormatVietnamTime(change.due_at_before()), " → ", after);
}

void PrintSupplements(std::ostream& out, const deadlines::Dossier& dossier) {
  out << "\nSupplement requests (yêu cầu bổ sung; the clock pauses, more than one counts as "
         "late):\n";
  Table table({"REQUESTED", "RESUMED", "PAUSED", "FORCED", "REASON"});
  for (const deadlines::SupplementRecord& supplement : dossier.supplements()) {
    const bool resumed = supplement.has_resumed_at();
    table.AddRow({FormatVietnamTime(supplement.requested_at()),
                  resumed ? FormatVietnamTime(supplement.resumed_at()) : "waiting",
                  resumed ? WorkingTime(supplement.paused_working_seconds()) : "",
                  supplement.forced() ? "yes" : "", supplement.reason()});
  }
  table.Print(out);
}

void PrintReschedule(std::ostream& out, const deadlines::RescheduleRecord& reschedule) {
  out << "\nRescheduled (phiếu xin lỗi và hẹn lại):\n";
  PrintFields(out, {
                       {"Issued", Day(reschedule.has_issued_at(), reschedule.issued_at())},
                       {"Due before", Day(reschedule.has_previous_due_at(),
                                          reschedule.previous_due_at())},
                       {"New due", Day(reschedule.has_new_due_at(), reschedule.new_due_at())},
                       {"Reason", reschedule.reason()},
                   });
}

void PrintHistory(std::ostream& out, const deadlines::Dossier& dossier) {
  out << "\nHistory:\n";
  Table table({"SEQ", "OCCURRED", "EVENT", "STATUS", "DUE", "ACTOR", "REASON"});
  for (const deadlines::DossierChange& change : dossier.history()) {
    table.AddRow({absl::StrCat(change.sequence()),
                  Minute(change.has_occurred_at(), change.occurred_at()), EventWords(change.type()),
                  StatusStep(change), DueStep(change), change.actor(), change.reason()});
  }
  table.Print(out);
}

}  // namespace

void PrintDossierSummary(std::ostream& out, const deadlines::Dossier& dossier) {
  PrintFields(out, {
                       {"Dossier", dossier.id()},
                       {"Status", DossierStatusWords(dossier.status())},
                       {"Due", DueText(dossier)},
                       {"Outcome", OutcomeWords(dossier.outcome())},
                       {"Revision", RevisionText(dossier.revision(), dossier.etag())},
                   });
}

void PrintDossier(std::ostream& out, const deadlines::Dossier& dossier) {
  const deadlines::StatutoryTime& duration = dossier.duration();
  PrintFields(out, {
                       {"ID", dossier.id()},
                       {"Kind", DossierKindLabel(dossier.kind())},
                       {"Subject", dossier.subject()},
                       {"Unit", dossier.unit_code()},
                       {"Procedure", dossier.procedure_code()},
                       {"Channel", ChannelLabel(dossier.channel())},
                       {"Status", DossierStatusWords(dossier.status())},
                       {"Received", Day(dossier.has_received_at(), dossier.received_at())},
                       {"Duration", duration.unit() == deadlines::DURATION_UNIT_UNSPECIFIED
                                        ? ""
                                        : DescribeDueDuration(duration.amount(), duration.unit())},
                       {"Calendar", dossier.calendar_id()},
                       {"Due", DueText(dossier)},
                       {"Finished", Day(dossier.has_finished_at(), dossier.finished_at())},
                       {"Outcome", OutcomeWords(dossier.outcome())},
                       {"Last event", Minute(dossier.has_last_event_at(), dossier.last_event_at())},
                       {"Revision", RevisionText(dossier.revision(), dossier.etag())},
                   });
  if (!dossier.supplements().empty()) PrintSupplements(out, dossier);
  if (dossier.has_reschedule()) PrintReschedule(out, dossier.reschedule());
  if (!dossier.history().empty()) PrintHistory(out, dossier);
}

Table DossierTable(const google::protobuf::RepeatedPtrField<deadlines::Dossier>& dossiers) {
  Table table({"ID", "UNIT", "PROCEDURE", "STATUS", "RECEIVED", "DUE", "OUTCOME"});
  for (const deadlines::Dossier& dossier : dossiers) {
    table.AddRow({dossier.id(), dossier.unit_code(), dossier.procedure_code(),
                  DossierStatusWords(dossier.status()),
                  Minute(dossier.has_received_at(), dossier.received_at()),
                  Minute(dossier.has_due_at(), dossier.due_at()), OutcomeWords(dossier.outcome())});
  }
  return table;
}

}  // namespace haicap::ctl
