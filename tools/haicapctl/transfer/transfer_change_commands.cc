// Changing transfers: create, endorse, introduce, receive, cancel, reject, return,
// overdue-reason. Each sends a request id, so a retry after a lost answer changes nothing twice,
// and prints the transfer's id, new state and chain.
#include <memory>
#include <string>

#include "tools/haicapctl/core/args.h"
#include "tools/haicapctl/core/change.h"
#include "tools/haicapctl/core/flags.h"
#include "tools/haicapctl/transfer/transfer_commands.h"
#include "tools/haicapctl/transfer/transfer_views.h"

namespace haicap::ctl {
namespace {

using transfers::Transfers;

// What every change of an existing transfer takes: the ID argument, --etag and --request-id.
class TransferChangeFlags {
 public:
  // The ID; call first, so it is the first argument.
  void AddIdTo(CLI::App* command) {
    command->add_option("id", id_, "The transfer, e.g. T-000000000042")->required();
  }
  // The options; call last, so they come after the command's own in --help.
  void AddTo(CLI::App* command) {
    AddEtagOption(command, etag_, "transfer get -o json", "transfer");
    request_id_.AddTo(command);
  }

  // Sets id, etag and request_id on any transfer change request.
  template <typename Request>
  void Fill(Request* request) {
    request->set_id(id_);
    request->set_etag(etag_);
    request->set_request_id(request_id_.value());
  }

 private:
  std::string id_, etag_;
  RequestIdFlag request_id_;
};

// --reason TEXT, required.
void AddReasonOption(CLI::App* command, std::string& reason, const std::string& help) {
  command->add_option("--reason", reason, help + ", up to 500 characters")
      ->required()
      ->type_name("TEXT");
}

// --by ORG, required: the body acting.
void AddByOption(CLI::App* command, std::string& organization, const std::string& help) {
  command->add_option("--by", organization, help)->required()->type_name("ORG");
}

void AddCreate(CLI::App* transfer, Session& session) {
  struct Flags {
    std::string member, to, kind = "official", to_province, reason, return_on;
    bool study = false;
    DecisionFlags decision;
  };
  auto flags = std::make_shared<Flags>();
  CLI::App* cmd = transfer->add_subcommand(
      "create",
      "Open a transfer of a member to another organisation; prints its id, state and chain");
  cmd->add_option("member_id", flags->member,
                  "The member, active in the sending organisation and in no other transfer")
      ->required();
  cmd->add_option("--to", flags->to, "The receiving organisation")->required()->type_name("ORG");
  AddTransferKindOption(cmd, "--kind", flags->kind, "What kind of transfer")->capture_default_str();
  cmd->add_option("--to-province", flags->to_province,
                  "The province whose deployment holds the receiving organisation, when not "
                  "this one's")
      ->type_name("CODE");
  AddReasonOption(cmd, flags->reason,
                  "Why: a new job, retirement, change of residence, study, military service");
  AddDateOption(cmd, "--return-on", flags->return_on,
                "Temporary only, required there: when the member is expected back, 3 to under "
                "12 months away (24 with --study)");
  cmd->add_flag("--study", flags->study, "Temporary only: away for study (up to 24 months)");
  flags->decision.AddTo(cmd);
  cmd->footer(R"(The sending organisation is the member's current one. The chain is derived from the
registry's tree; endorse it step by step with 'transfer endorse'.

Examples:
  haicapctl transfer create 1042 --to 104 --reason "chuyển công tác"
  haicapctl transfer create 1042 --to 215 --kind internal --reason "chuyển chi bộ"
  haicapctl transfer create 1042 --to 9001 --to-province 79 --kind temporary \
      --return-on $(date -d '6 months' +%d/%m/%Y) --reason "đi làm việc có thời hạn"
  haicapctl transfer create 1042 --to 104 --reason "nghỉ hưu" \
      --decision-number 45-QĐ/ĐU --decision-date 10/02/2026)");
  session.SetAction(cmd, [flags](Session& s) {
    const transfers::TransferKind kind = ParseTransferKind(flags->kind).value();
    if (kind != transfers::TEMPORARY && (!flags->return_on.empty() || flags->study)) {
      throw CLI::ValidationError("--return-on and --study are only for --kind temporary");
    }
    if (kind == transfers::TEMPORARY && flags->return_on.empty()) {
      throw CLI::ValidationError("--return-on", "a temporary transfer needs the day it ends");
    }
    transfers::CreateTransferRequest request;
    transfers::Transfer* sent = request.mutable_transfer();
    sent->set_member_id(flags->member);
    sent->set_kind(kind);
    sent->set_to_organization_id(flags->to);
    sent->set_to_province_code(flags->to_province);
    sent->set_reason(flags->reason);
    if (!flags->return_on.empty()) SetDate(flags->return_on, sent->mutable_expected_return_on());
    sent->set_for_study(flags->study);
    flags->decision.Fill(&request, sent);
    return RunChange(s, &Transfers::Stub::CreateTransfer, request, PrintTransferSummary);
  });
}

void AddEndorse(CLI::App* transfer, Session& session) {
  struct Flags {
    std::string organization, note;
    TransferChangeFlags change;
  };
  auto flags = std::make_shared<Flags>();
  CLI::App* cmd = transfer->add_subcommand(
      "endorse", "The next body of the chain endorses the transfer (only that body, in order)");
  flags->change.AddIdTo(cmd);
  AddByOption(cmd, flags->organization, "The body endorsing: the next step's organisation");
  cmd->add_option("--note", flags->note, "A note, up to 500 characters")->type_name("TEXT");
  flags->change.AddTo(cmd);
  cmd->footer(R"(Example:
  haicapctl transfer endorse T-000000000042 --by 57 --note "đồng ý"   # 57: the chain's next step)");
  session.SetAction(cmd, [flags](Session& s) {
    transfers::EndorseTransferRequest request;
    request.set_organization_id(flags->organization);
    request.set_note(flags->note);
    flags->change.Fill(&request);
    return RunChange(s, &Transfers::Stub::EndorseTransfer, request, PrintTransferSummary);
  });
}

void AddIntroduce(CLI::App* transfer, Session& session) {
  struct Flags {
    std::string number, issued_on;
    TransferChangeFlags change;
  };
  auto flags = std::make_shared<Flags>();
  CLI::App* cmd = transfer->add_subcommand(
      "introduce",
      "The issuing committee issues the introduction letter (giấy giới thiệu): the member must "
      "present it within 30 working days");
  flags->change.AddIdTo(cmd);
  cmd->add_option("--letter", flags->number, "The letter's number, up to 100 characters")
      ->required()
      ->type_name("NUMBER");
  AddDateOption(cmd, "--issued-on", flags->issued_on,
                "The day it was issued (default today; not in the future)");
  flags->change.AddTo(cmd);
  cmd->footer(R"(Prints the last day to present the letter (present by), from the national calendar.

Examples:
  haicapctl transfer introduce T-000000000042 --letter 12/GGT                  # issued today
  haicapctl transfer introduce T-000000000042 --letter 12/GGT \
      --issued-on $(date -d yesterday +%d/%m/%Y)                             # recorded a day late)");
  session.SetAction(cmd, [flags](Session& s) {
    transfers::IssueIntroductionRequest request;
    request.mutable_letter()->set_number(flags->number);
    if (!flags->issued_on.empty())
      SetDate(flags->issued_on, request.mutable_letter()->mutable_issued_on());
    flags->change.Fill(&request);
    return RunChange(s, &Transfers::Stub::IssueIntroduction, request, PrintTransferSummary);
  });
}

void AddReceive(CLI::App* transfer, Session& session) {
  struct Flags {
    std::string presented_on, effective;
    TransferChangeFlags change;
  };
  auto flags = std::make_shared<Flags>();
  CLI::App* cmd = transfer->add_subcommand(
      "receive", "The receiving organisation received the letter: the registry moves the member");
  flags->change.AddIdTo(cmd);
  AddDateOption(cmd, "--presented-on", flags->presented_on,
                "The day the letter was presented (default today; not before the letter, not in "
                "the future)");
  AddDateOption(cmd, "--effective", flags->effective,
                "The day the member belongs to the receiving organisation (default: "
                "--presented-on)");
  flags->change.AddTo(cmd);
  cmd->footer(R"(State received, then completed once the registry has moved the member.

Example:
  haicapctl transfer receive T-000000000042                    # presented today, effective today)");
  session.SetAction(cmd, [flags](Session& s) {
    transfers::ConfirmReceiptRequest request;
    if (!flags->presented_on.empty()) SetDate(flags->presented_on, request.mutable_presented_on());
    if (!flags->effective.empty()) SetDate(flags->effective, request.mutable_effective_date());
    flags->change.Fill(&request);
    return RunChange(s, &Transfers::Stub::ConfirmReceipt, request, PrintTransferSummary);
  });
}

void AddCancel(CLI::App* transfer, Session& session) {
  struct Flags {
    std::string reason;
    TransferChangeFlags change;
  };
  auto flags = std::make_shared<Flags>();
  CLI::App* cmd = transfer->add_subcommand(
      "cancel", "The sending side withdraws the transfer before receipt; steps taken are undone");
  flags->change.AddIdTo(cmd);
  AddReasonOption(cmd, flags->reason, "Why it is withdrawn");
  flags->change.AddTo(cmd);
  cmd->footer(R"(Example:
  haicapctl transfer cancel T-000000000042 --reason "đảng viên không chuyển công tác nữa")");
  session.SetAction(cmd, [flags](Session& s) {
    transfers::CancelTransferRequest request;
    request.set_reason(flags->reason);
    flags->change.Fill(&request);
    return RunChange(s, &Transfers::Stub::CancelTransfer, request, PrintTransferSummary);
  });
}

void AddReject(CLI::App* transfer, Session& session) {
  struct Flags {
    std::string organization, reason;
    TransferChangeFlags change;
  };
  auto flags = std::make_shared<Flags>();
  CLI::App* cmd = transfer->add_subcommand(
      "reject", "The receiving side refuses the member; steps taken are undone");
  flags->change.AddIdTo(cmd);
  AddByOption(cmd, flags->organization, "The receiving body refusing (a receiving step's)");
  AddReasonOption(cmd, flags->reason, "Why it is refused");
  flags->change.AddTo(cmd);
  cmd->footer(R"(Example:
  haicapctl transfer reject T-000000000042 --by 104 --reason "không đúng địa bàn")");
  session.SetAction(cmd, [flags](Session& s) {
    transfers::RejectTransferRequest request;
    request.set_organization_id(flags->organization);
    request.set_reason(flags->reason);
    flags->change.Fill(&request);
    return RunChange(s, &Transfers::Stub::RejectTransfer, request, PrintTransferSummary);
  });
}

void AddReturn(CLI::App* transfer, Session& session) {
  struct Flags {
    std::string on;
    TransferChangeFlags change;
  };
  auto flags = std::make_shared<Flags>();
  CLI::App* cmd = transfer->add_subcommand(
      "return", "A temporary transfer ends: the member is active at home again");
  flags->change.AddIdTo(cmd);
  AddDateOption(cmd, "--on", flags->on, "The day the member is back (default today)");
  flags->change.AddTo(cmd);
  cmd->footer(R"(Example:
  haicapctl transfer return T-000000000042                     # back today)");
  session.SetAction(cmd, [flags](Session& s) {
    transfers::EndTemporaryTransferRequest request;
    if (!flags->on.empty()) SetDate(flags->on, request.mutable_returned_on());
    flags->change.Fill(&request);
    return RunChange(s, &Transfers::Stub::EndTemporaryTransfer, request, PrintTransferSummary);
  });
}

void AddOverdueReason(CLI::App* transfer, Session& session) {
  struct Flags {
    std::string reason;
    TransferChangeFlags change;
  };
  auto flags = std::make_shared<Flags>();
  CLI::App* cmd = transfer->add_subcommand(
      "overdue-reason",
      "Record why the letter was presented late (or not yet), for the competent committee");
  flags->change.AddIdTo(cmd);
  AddReasonOption(cmd, flags->reason, "Why the letter is late");
  flags->change.AddTo(cmd);
  cmd->footer(R"(Example:
  haicapctl transfer overdue-reason T-000000000042 --reason "đảng viên ốm, nằm viện")");
  session.SetAction(cmd, [flags](Session& s) {
    transfers::ReportOverdueReasonRequest request;
    request.set_reason(flags->reason);
    flags->change.Fill(&request);
    return RunChange(s, &Transfers::Stub::ReportOverdueReason, request, PrintTransferSummary);
  });
}

}  // namespace

void AddTransferChangeCommands(CLI::App* transfer, Session& session) {
  AddCreate(transfer, session);
  AddEndorse(transfer, session);
  AddIntroduce(transfer, session);
  AddReceive(transfer, session);
  AddCancel(transfer, session);
  AddReject(transfer, session);
  AddReturn(transfer, session);
  AddOverdueReason(transfer, session);
}

}  // namespace haicap::ctl
