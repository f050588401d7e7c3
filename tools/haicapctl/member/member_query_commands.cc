// Reading the member roster: get, list, history.
#include <memory>

#include "tools/haicapctl/core/args.h"
#include "tools/haicapctl/core/flags.h"
#include "tools/haicapctl/member/member_commands.h"
#include "tools/haicapctl/member/member_views.h"

namespace haicap::ctl {
namespace {

using registry::Registry;

void AddGet(CLI::App* member, Session& session) {
  struct Flags {
    std::string id;
    std::string as_of;
  };
  auto flags = std::make_shared<Flags>();
  CLI::App* cmd = member->add_subcommand(
      "get", "Show one party member (đảng viên), with the full citizen ID");
  cmd->add_option("id", flags->id, "Member id")->required();
  AddDateOption(cmd, "--as-of", flags->as_of,
                "Show the member as they stood on this day (organisation, status)");
  cmd->footer(R"(Examples:
  haicapctl member get 1024
  haicapctl member get 1024 --as-of 30/06/2025   # before the July 2025 reorganisation
  haicapctl member get 1024 -o json              # includes the etag for --etag)");
  session.SetAction(cmd, [flags](Session& s) {
    registry::GetMemberRequest request;
    request.set_id(flags->id);
    SetDate(flags->as_of, request.mutable_as_of());
    registry::Member member;
    grpc::Status status = s.Call(&Registry::Stub::GetMember, request, &member);
    if (!status.ok()) return s.Fail(status);
    return s.Show(member, [&](std::ostream& out) { PrintMember(out, member); });
  });
}

void AddList(CLI::App* member, Session& session) {
  struct Flags {
    std::string org, citizen_id, status, name, as_of;
    bool subtree = false;
    PageFlags pages;
  };
  auto flags = std::make_shared<Flags>();
  CLI::App* cmd = member->add_subcommand(
      "list", "List the members of an organisation (danh sách đảng viên), or find one by "
              "citizen ID");
  CLI::Option_group* whose = cmd->add_option_group(
      "Whose members", "An organisation (--org), or one person by citizen ID (--citizen-id)");
  CLI::Option* org = whose->add_option("--org", flags->org, "The organisation")->type_name("ID");
  AddCitizenIdOption(whose, "--citizen-id", flags->citizen_id,
                     "Find the member with this citizen ID anywhere in the registry; the answer "
                     "shows it in full");
  whose->require_option(1, 1);
  cmd->add_flag("--subtree", flags->subtree,
                "Also the members of every organisation under --org (a whole ward)")
      ->needs(org);
  AddMemberStatusOption(cmd, "--status", flags->status, "Only members with this status");
  cmd->add_option("--name", flags->name,
                  "Words that must all appear in the name; case and diacritics are ignored, so "
                  "'nguyen van an' finds 'Nguyễn Văn An'");
  AddDateOption(cmd, "--as-of", flags->as_of, "List the members as they were on this day");
  flags->pages.AddTo(cmd, "members");
  cmd->footer(R"(Members are sorted by name in Vietnamese order. Lists show only the last 4 digits of
each citizen ID; 'member get' and --citizen-id show it in full.

Examples:
  haicapctl member list --org 104 --all                    # everyone in cell 104
  haicapctl member list --org 57 --subtree --status probationary --all
                                                           # the ward's đảng viên dự bị
  haicapctl member list --org 57 --subtree --name "nguyen van an"
  haicapctl member list --citizen-id 001085012345
  haicapctl member list --org 104 --as-of 30/06/2025)");
  session.SetAction(cmd, [flags](Session& s) {
    registry::ListMembersRequest request;
    request.set_organization_id(flags->org);
    request.set_include_subtree(flags->subtree);
    request.set_citizen_id(flags->citizen_id);
    if (!flags->status.empty()) request.set_status(ParseMemberStatus(flags->status).value());
    request.set_name_query(flags->name);
    SetDate(flags->as_of, request.mutable_as_of());
    flags->pages.Fill(&request);
    registry::ListMembersResponse response;
    grpc::Status status =
        s.CallPaged(&Registry::Stub::ListMembers, request, flags->pages.all(), &response);
    if (!status.ok()) return s.Fail(status);
    const int code =
        s.Show(response, [&](std::ostream& out) { MemberTable(response.members()).Print(out); });
    s.NoteNextPage(response.next_page_token());
    return code;
  });
}

void AddHistory(CLI::App* member, Session& session) {
  struct Flags {
    std::string id;
    PageFlags pages;
  };
  auto flags = std::make_shared<Flags>();
  CLI::App* cmd = member->add_subcommand(
      "history", "Show the recorded changes of a member: admission, recognition, moves, "
                 "corrections, end");
  cmd->add_option("id", flags->id, "Member id")->required();
  flags->pages.AddTo(cmd, "events");
  cmd->footer(R"(Each change shows its effective date, the decision behind it, who recorded it
(the --actor of the command) and when (Vietnam time). Citizen IDs appear masked.

Examples:
  haicapctl member history 1024
  haicapctl member history 1024 --all -o json)");
  session.SetAction(cmd, [flags](Session& s) {
    registry::ListMemberEventsRequest request;
    request.set_member_id(flags->id);
    flags->pages.Fill(&request);
    registry::ListMemberEventsResponse response;
    grpc::Status status = s.CallPaged(&Registry::Stub::ListMemberEvents, request,
                                      flags->pages.all(), &response);
    if (!status.ok()) return s.Fail(status);
    const int code = s.Show(
        response, [&](std::ostream& out) { MemberEventTable(response.events()).Print(out); });
    s.NoteNextPage(response.next_page_token());
    return code;
  });
}

}  // namespace

void AddMemberQueryCommands(CLI::App* member, Session& session) {
  AddGet(member, session);
  AddList(member, session);
  AddHistory(member, session);
}

}  // namespace haicap::ctl
