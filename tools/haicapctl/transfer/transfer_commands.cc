// Reading transfers: get, list; and what `transfer --help` says about states and the chain.
#include "tools/haicapctl/transfer/transfer_commands.h"

#include <memory>
#include <string>
#include <vector>

#include "tools/haicapctl/core/flags.h"
#include "tools/haicapctl/transfer/transfer_views.h"

namespace haicap::ctl {
namespace {

using transfers::Transfers;

constexpr char kTransferFooter[] =
    R"(A transfer passes an ordered chain of endorsing bodies taken from the registry's tree: the
sending organisation, its superiors up to the issuing committee, which issues the introduction
letter (giấy giới thiệu), then the receiving side down to the receiving organisation. The member
must present the letter within 30 working days; the receiving organisation's receipt moves the
member in the registry.

States: requested → endorsing → introduced → received → completed; a temporary transfer ends
returned; cancelled (by the sending side) and rejected (by the receiving side) before receipt.

Examples, on the Phúc Lợi demo (member 1042 of organisation 39 moves to cell 104):
  haicapctl transfer create 1042 --to 104 --reason "chuyển công tác"
                              # its id, T-000000000001 on a fresh start, and its chain: 39 endorses,
                              # 67 issues the letter, 104 receives
  haicapctl transfer endorse T-000000000001 --by 39
  haicapctl transfer introduce T-000000000001 --letter 12/GGT            # issued today
  haicapctl transfer receive T-000000000001                              # presented today
  haicapctl transfer list --org 67 --outgoing --overdue
  haicapctl transfer get T-000000000001)";

void AddGet(CLI::App* transfer, Session& session) {
  auto id = std::make_shared<std::string>();
  CLI::App* cmd = transfer->add_subcommand(
      "get", "Show one transfer: member, kind, route, state, letter, deadline, chain, history");
  cmd->add_option("id", *id, "The transfer, e.g. T-000000000042")->required();
  cmd->footer(R"(Examples:
  haicapctl transfer get T-000000000042
  haicapctl transfer get T-000000000042 -o json     # includes the etag for --etag)");
  session.SetAction(cmd, [id](Session& s) {
    transfers::GetTransferRequest request;
    request.set_id(*id);
    transfers::Transfer transfer;
    grpc::Status status = s.Call(&Transfers::Stub::GetTransfer, request, &transfer);
    if (!status.ok()) return s.Fail(status);
    return s.Show(transfer, [&](std::ostream& out) { PrintTransfer(out, transfer); });
  });
}

void AddList(CLI::App* transfer, Session& session) {
  struct Flags {
    std::string member, organization;
    bool incoming = false, outgoing = false, overdue = false;
    std::vector<std::string> states;
    PageFlags pages;
  };
  auto flags = std::make_shared<Flags>();
  CLI::App* cmd = transfer->add_subcommand(
      "list", "List transfers of a member or of an organisation's subtree (without history)");
  CLI::Option* member =
      cmd->add_option("--member", flags->member, "Only this member's transfers")->type_name("ID");
  CLI::Option* organization =
      cmd->add_option("--org", flags->organization,
                      "Only transfers leaving or arriving at this organisation or any under it")
          ->excludes(member)
          ->type_name("ID");
  CLI::Option* incoming =
      cmd->add_flag("--incoming", flags->incoming, "With --org: only those arriving")
          ->needs(organization);
  cmd->add_flag("--outgoing", flags->outgoing, "With --org: only those leaving")
      ->needs(organization)
      ->excludes(incoming);
  AddTransferStatesOption(cmd, "--state", flags->states,
                          "Only these states, e.g. requested,endorsing or introduced");
  cmd->add_flag("--overdue", flags->overdue, "Only letters not presented by their deadline");
  flags->pages.AddTo(cmd, "transfers");
  cmd->footer(R"(Examples:
  haicapctl transfer list --member 1042
  haicapctl transfer list --org 57 --incoming --state introduced --all
  haicapctl transfer list --overdue -o json)");
  session.SetAction(cmd, [flags](Session& s) {
    transfers::ListTransfersRequest request;
    request.set_member_id(flags->member);
    request.set_organization_id(flags->organization);
    if (flags->incoming) request.set_direction(transfers::ListTransfersRequest::INCOMING);
    if (flags->outgoing) request.set_direction(transfers::ListTransfersRequest::OUTGOING);
    for (const std::string& state : flags->states) {
      request.add_states(ParseTransferState(state).value());
    }
    request.set_overdue(flags->overdue);
    flags->pages.Fill(&request);
    transfers::ListTransfersResponse response;
    grpc::Status status =
        s.CallPaged(&Transfers::Stub::ListTransfers, request, flags->pages.all(), &response);
    if (!status.ok()) return s.Fail(status);
    const int code = s.Show(
        response, [&](std::ostream& out) { TransferTable(response.transfers()).Print(out); });
    s.NoteNextPage(response.next_page_token());
    return code;
  });
}

}  // namespace

void AddTransferCommands(CLI::App* transfer, Session& session) {
  AddTransferChangeCommands(transfer, session);
  AddGet(transfer, session);
  AddList(transfer, session);
  // Set last: subcommands inherit the footer of their parent at creation.
  transfer->footer(kTransferFooter);
}

}  // namespace haicap::ctl
