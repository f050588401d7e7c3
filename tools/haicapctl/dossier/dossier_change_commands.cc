// Changing dossiers: receive, supplement, resume, reschedule, status. Each sends a request id, so
// a retry after a lost answer changes nothing twice, and prints the dossier's new status and due
// date.
#include <memory>
#include <string>

#include "tools/haicapctl/core/args.h"
#include "tools/haicapctl/core/change.h"
#include "tools/haicapctl/core/flags.h"
#include "tools/haicapctl/dossier/dossier_commands.h"
#include "tools/haicapctl/dossier/dossier_views.h"

namespace haicap::ctl {
namespace {

using deadlines::Deadlines;

// What every change of an existing dossier takes: the ID argument, and --at, --etag and
// --request-id.
class DossierChangeFlags {
 public:
  // The ID; call first, so it is the first argument.
  void AddIdTo(CLI::App* command) {
    command->add_option("id", id_, "The dossier, e.g. DS-000000000042")->required();
  }
  // The options; call last, so they come after the command's own in --help.
  void AddTo(CLI::App* command) {
    AddInstantOption(command, "--at", at_,
                     "When it happened (default now); not in the future nor before the "
                     "dossier's last event");
    AddEtagOption(command, etag_, "dossier get -o json", "dossier");
    request_id_.AddTo(command);
  }

  // Sets id, occurred_at (when given), etag and request_id on any dossier change request.
  template <typename Request>
  void Fill(Request* request) {
    request->set_id(id_);
    if (!at_.empty()) *request->mutable_occurred_at() = InstantOf(at_);
    request->set_etag(etag_);
    request->set_request_id(request_id_.value());
  }

 private:
  std::string id_, at_, etag_;
  RequestIdFlag request_id_;
};

void AddReceive(CLI::App* dossier, Session& session) {
  struct Flags {
    std::string unit, duration, kind = "admin", procedure, channel, subject, received_at,
        calendar = kNationalCalendar, id;
    bool registered_only = false;
    RequestIdFlag request_id;
  };
  auto flags = std::make_shared<Flags>();
  CLI::App* cmd = dossier->add_subcommand(
      "receive",
      "Record a received dossier (tiếp nhận hồ sơ) or another clock with its statutory time; "
      "prints its id and due date");
  cmd->add_option("unit", flags->unit,
                  "The owner: a commune (5 digits) or province (2 digits) code; for a party "
                  "obligation also an organisation id")
      ->required();
  AddDurationOption(cmd, "duration", flags->duration, "The statutory time (thời hạn giải quyết)")
      ->required();
  AddDossierKindOption(cmd, "--kind", flags->kind, "What the clock is for")
      ->capture_default_str();
  cmd->add_option("--procedure", flags->procedure,
                  "The procedure's code in the national catalogue, e.g. 1.001612")
      ->type_name("CODE");
  AddChannelOption(cmd, "--channel", flags->channel, "How the dossier reached the office");
  cmd->add_option("--subject", flags->subject,
                  "What the clock is for, up to 200 characters, e.g. transfers/123")
      ->type_name("TEXT");
  CLI::Option* received_at = AddInstantOption(
      cmd, "--received-at", flags->received_at,
      "The receipt, when the clock starts (default now; not in the future)");
  AddCalendarOption(cmd, flags->calendar);
  cmd->add_option("--id", flags->id,
                  "Your own id, e.g. the national dossier code (1–64 of A–Z a–z 0–9 . _ -, not "
                  "starting with DS-); default one the service gives, DS- and 12 digits")
      ->type_name("ID");
  cmd->add_flag("--registered-only", flags->registered_only,
                "An online registration not yet accepted (status 1 new-registered): no clock "
                "until 'dossier status ID received'")
      ->excludes(received_at);
  flags->request_id.AddTo(cmd);
  cmd->footer(
      R"(A receipt after closing time or on a day off counts from the next working morning. In
working days the count starts on the working day after, and the dossier is due at closing time
of the last day; in working hours the clock runs only inside office hours.

Examples:
  haicapctl dossier receive 00136 15wd --procedure 1.001612 --channel direct
  haicapctl dossier receive 00136 8wh --received-at "13/02/2026 10:00" --id G22.26-260213-0002
  haicapctl dossier receive org-104 30wd --kind party --subject transfers/123
  haicapctl dossier receive 00136 5wd --channel online --registered-only)");
  session.SetAction(cmd, [flags](Session& s) {
    deadlines::CreateDossierRequest request;
    deadlines::Dossier* dossier = request.mutable_dossier();
    dossier->set_id(flags->id);
    dossier->set_kind(ParseDossierKind(flags->kind).value());
    dossier->set_subject(flags->subject);
    dossier->set_unit_code(flags->unit);
    dossier->set_procedure_code(flags->procedure);
    if (!flags->channel.empty()) dossier->set_channel(ParseChannel(flags->channel).value());
    if (!flags->received_at.empty()) {
      *dossier->mutable_received_at() = InstantOf(flags->received_at);
    }
    const DueDuration duration = ParseDueDuration(flags->duration).value();
    dossier->mutable_duration()->set_amount(duration.amount);
    dossier->mutable_duration()->set_unit(duration.unit);
    dossier->set_calendar_id(flags->calendar);
    if (flags->registered_only) dossier->set_status(deadlines::NEW_REGISTERED);
    request.set_request_id(flags->request_id.value());
    return RunChange(s, &Deadlines::Stub::CreateDossier, request, PrintDossierSummary);
  });
}

void AddSupplement(CLI::App* dossier, Session& session) {
  struct Flags {
    std::string reason;
    bool force = false;
    DossierChangeFlags change;
  };
  auto flags = std::make_shared<Flags>();
  CLI::App* cmd = dossier->add_subcommand(
      "supplement",
      "Ask the citizen to supplement (yêu cầu bổ sung): status 5, the clock pauses");
  flags->change.AddIdTo(cmd);
  cmd->add_option("--reason", flags->reason,
                  "What the citizen must supplement, up to 500 characters")
      ->required()
      ->type_name("TEXT");
  cmd->add_flag("--force", flags->force,
                "Allow a second request: the dossier will then count as late (the 766 rule)");
  flags->change.AddTo(cmd);
  cmd->footer(R"(Only one request per dossier; 'dossier resume' restarts the clock and moves the due
date by the office time it stood still.

Example:
  haicapctl dossier supplement DS-000000000042 --reason "thiếu bản sao giấy khai sinh")");
  session.SetAction(cmd, [flags](Session& s) {
    deadlines::RequestSupplementRequest request;
    request.set_reason(flags->reason);
    request.set_force(flags->force);
    flags->change.Fill(&request);
    return RunChange(s, &Deadlines::Stub::RequestSupplement, request, PrintDossierSummary);
  });
}

void AddResume(CLI::App* dossier, Session& session) {
  auto change = std::make_shared<DossierChangeFlags>();
  CLI::App* cmd = dossier->add_subcommand(
      "resume",
      "The citizen supplemented: back to status 4 processing; the due date moves by the pause");
  change->AddIdTo(cmd);
  change->AddTo(cmd);
  cmd->footer(R"(Examples:
  haicapctl dossier resume DS-000000000042                    # the citizen supplemented: now
  haicapctl dossier resume G22.26-260213-0001 --at "26/02/2026 09:00"   # recorded later)");
  session.SetAction(cmd, [change](Session& s) {
    deadlines::ResumeProcessingRequest request;
    change->Fill(&request);
    return RunChange(s, &Deadlines::Stub::ResumeProcessing, request, PrintDossierSummary);
  });
}

void AddReschedule(CLI::App* dossier, Session& session) {
  struct Flags {
    std::string new_date, reason;
    DossierChangeFlags change;
  };
  auto flags = std::make_shared<Flags>();
  CLI::App* cmd = dossier->add_subcommand(
      "reschedule",
      "Apologise and set a later due date (phiếu xin lỗi và hẹn lại), once per dossier");
  flags->change.AddIdTo(cmd);
  AddDateOption(cmd, "new_date", flags->new_date,
                "The new due date, a working day after the current one; due at its closing time")
      ->required();
  cmd->add_option("--reason", flags->reason, "Why it is late, up to 500 characters")
      ->required()
      ->type_name("TEXT");
  flags->change.AddTo(cmd);
  cmd->footer(R"(It must be issued at least one working day before the current due date, and the new date
must be a working day after it: 'haicapctl due now 20wd' tells which day is 20 working days away.

Examples:
  haicapctl dossier reschedule DS-000000000042 \
      $(haicapctl due now 20wd | awk '/^Due:/ {print $2}') \
      --reason "chờ ý kiến của Sở Tư pháp"                    # 20 working days from now
  haicapctl dossier reschedule G22.26-260213-0001 20/03/2026 --reason "chờ ý kiến Sở Xây dựng" \
      --at "27/02/2026 08:00"                                 # recorded later; see 'dossier --help')");
  session.SetAction(cmd, [flags](Session& s) {
    deadlines::RescheduleRequest request;
    SetDate(flags->new_date, request.mutable_new_due_date());
    request.set_reason(flags->reason);
    flags->change.Fill(&request);
    return RunChange(s, &Deadlines::Stub::Reschedule, request, PrintDossierSummary);
  });
}

void AddStatus(CLI::App* dossier, Session& session) {
  struct Flags {
    std::string status, reason;
    DossierChangeFlags change;
  };
  auto flags = std::make_shared<Flags>();
  CLI::App* cmd = dossier->add_subcommand(
      "status", "Move a dossier to another status: accepted, processing, processed, returned, ...");
  flags->change.AddIdTo(cmd);
  AddDossierStatusOption(cmd, "status", flags->status,
                         "The new status: a number 1–10 or a name, e.g. 4, processing, returned")
      ->required()
      ->check(CLI::Validator(
          [](std::string& status) -> std::string {
            if (status != deadlines::DossierStatus_Name(deadlines::SUPPLEMENT_REQUESTED)) return "";
            return "ask for a supplement with 'haicapctl dossier supplement ID --reason ...'";
          },
          ""));
  cmd->add_option("--reason", flags->reason,
                  "Why; required for 3 not-accepted, 7 withdrawn and 8 stopped. Up to 500 "
                  "characters")
      ->type_name("TEXT");
  flags->change.AddTo(cmd);
  cmd->footer(
      R"(Only the legal changes are accepted (see 'haicapctl dossier --help'); the first of 3, 7, 8
or 9 after receipt ends processing and fixes the outcome.

Examples:
  haicapctl dossier status DS-000000000042 processing
  haicapctl dossier status G22.26-260213-0001 9 --at "19/03/2026 15:00"   # processed; recorded later
  haicapctl dossier status DS-000000000042 returned
  haicapctl dossier status DS-000000000042 withdrawn --reason "công dân xin rút hồ sơ")");
  session.SetAction(cmd, [flags](Session& s) {
    deadlines::TransitionDossierRequest request;
    request.set_status(ParseDossierStatus(flags->status).value());
    request.set_reason(flags->reason);
    flags->change.Fill(&request);
    return RunChange(s, &Deadlines::Stub::TransitionDossier, request, PrintDossierSummary);
  });
}

}  // namespace

void AddDossierChangeCommands(CLI::App* dossier, Session& session) {
  AddReceive(dossier, session);
  AddSupplement(dossier, session);
  AddResume(dossier, session);
  AddReschedule(dossier, session);
  AddStatus(dossier, session);
}

}  // namespace haicap::ctl
