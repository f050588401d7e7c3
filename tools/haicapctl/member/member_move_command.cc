// `haicapctl member move`: record a membership transfer's receipt (chuyển sinh hoạt đảng) in the
// registry by hand, as the transfers service does: for good, temporarily, or the return.
#include <memory>

#include "tools/haicapctl/core/change.h"
#include "tools/haicapctl/core/flags.h"
#include "tools/haicapctl/member/member_commands.h"
#include "tools/haicapctl/member/member_views.h"

namespace haicap::ctl {

using registry::MoveMemberRequest;
using registry::Registry;

void AddMemberMoveCommand(CLI::App* member, Session& session) {
  struct Flags {
    std::string id, to, until, reference, etag;
    bool temporary = false, back = false;
    ChangeFlags change;
  };
  auto flags = std::make_shared<Flags>();
  CLI::App* cmd = member->add_subcommand(
      "move", "Move a member to another organisation (chuyển sinh hoạt đảng): for good, "
              "temporarily, or back from a temporary activity");
  cmd->add_option("id", flags->id, "Member id")->required();
  CLI::Option_group* where =
      cmd->add_option_group("Where", "The receiving organisation (--to), or --return");
  CLI::Option* to = where->add_option("--to", flags->to,
                                      "The receiving cell, grassroots cell or grassroots committee")
                        ->type_name("ID");
  where->add_flag("--return", flags->back,
                  "The member is back from a temporary activity (hết thời hạn sinh hoạt tạm thời)");
  where->require_option(1, 1);
  CLI::Option* temporary = cmd->add_flag(
      "--temporary", flags->temporary,
      "A temporary transfer (tạm thời): the member stays counted in their own organisation")
      ->needs(to);
  CLI::Option* until = AddDateOption(cmd, "--until", flags->until,
                                     "With --temporary: the day the member is expected back");
  temporary->needs(until);
  until->needs(temporary);
  cmd->add_option("--reference", flags->reference,
                  "What the move belongs to, up to 100 characters, e.g. "
                  "transfers/T-000000000042 or the introduction letter's number");
  AddEtagOption(cmd, flags->etag, "member get -o json", "member");
  flags->change.AddTo(cmd);
  cmd->footer(std::string(kRetryNote) + R"(
An official or internal transfer (--to) moves the member, and the member counts, to the new
organisation from --effective on: lists and summaries as of earlier days still show them where
they were. A temporary transfer (--to --temporary --until) only records where the member is
active; a temporary member is not counted by the receiving organisation. End it with --return.
The registry refuses a move of a member who was not living on --effective, into an
organisation not active then or not holding members, and a move effective before one already
recorded.

Examples:
  haicapctl member move 1024 --to 211 --effective 02/03/2026 \
      --reference transfers/T-000000000042 --decision-number 12/GGT --decision-date 20/02/2026
  haicapctl member move 1024 --to 305 --temporary --until 31/08/2026 --effective 02/03/2026
  haicapctl member move 1024 --return --effective 15/08/2026)");
  session.SetAction(cmd, [flags](Session& s) {
    MoveMemberRequest request;
    request.set_member_id(flags->id);
    request.set_kind(flags->back        ? MoveMemberRequest::RETURN
                     : flags->temporary ? MoveMemberRequest::TEMPORARY
                                        : MoveMemberRequest::PERMANENT);
    request.set_organization_id(flags->to);
    SetDate(flags->until, request.mutable_temporary_until());
    request.set_reference(flags->reference);
    request.set_etag(flags->etag);
    flags->change.Fill(&request);
    return RunChange(s, &Registry::Stub::MoveMember, request, PrintMember);
  });
}

}  // namespace haicap::ctl
