// Reading the organisation tree: get, list, tree, history, summary.
#include <memory>

#include "absl/strings/numbers.h"
#include "tools/haicapctl/core/args.h"
#include "tools/haicapctl/core/flags.h"
#include "tools/haicapctl/org/org_commands.h"
#include "tools/haicapctl/org/org_tree.h"
#include "tools/haicapctl/org/org_views.h"

namespace haicap::ctl {
namespace {

using registry::Registry;

void AddGet(CLI::App* org, Session& session) {
  struct Flags {
    std::string id;
    std::string as_of;
  };
  auto flags = std::make_shared<Flags>();
  CLI::App* cmd = org->add_subcommand("get", "Show one organisation, now or as it stood on a day");
  cmd->add_option("id", flags->id, "Organisation id")->required();
  AddDateOption(cmd, "--as-of", flags->as_of, "Show it as it stood on this day");
  cmd->footer(R"(Examples:
  haicapctl org get 42
  haicapctl org get 42 --as-of 30/06/2025      # before the July 2025 reorganisation
  haicapctl org get 42 -o json                 # includes the etag for 'org update --etag')");
  session.SetAction(cmd, [flags](Session& s) {
    registry::GetOrganizationRequest request;
    request.set_id(flags->id);
    SetDate(flags->as_of, request.mutable_as_of());
    registry::Organization org;
    grpc::Status status = s.Call(&Registry::Stub::GetOrganization, request, &org);
    if (!status.ok()) return s.Fail(status);
    return s.Show(org, [&](std::ostream& out) { PrintOrganization(out, org); });
  });
}

void AddList(CLI::App* org, Session& session) {
  struct Flags {
    std::string parent, kind, unit, state, name, as_of;
    PageFlags pages;
  };
  auto flags = std::make_shared<Flags>();
  CLI::App* cmd = org->add_subcommand(
      "list", "List organisations, filtered by parent, kind, administrative unit, state and name");
  cmd->add_option("--parent", flags->parent, "Only the direct children of this organisation")
      ->type_name("ID");
  AddKindOption(cmd, "--kind", flags->kind, "Only this kind");
  cmd->add_option("--unit", flags->unit, "Only this administrative unit (2- or 5-digit code)")
      ->type_name("CODE");
  AddStateOption(cmd, "--state", flags->state, "Only in this state");
  cmd->add_option("--name", flags->name,
                  "Words that must all appear in the name; case and diacritics are ignored, so "
                  "'phuc loi' finds 'Phúc Lợi'");
  AddDateOption(cmd, "--as-of", flags->as_of, "List them as they stood on this day");
  flags->pages.AddTo(cmd, "organisations");
  cmd->footer(R"(Examples:
  haicapctl org list --parent 7 --all              # everything directly under organisation 7
  haicapctl org list --kind commune --unit 00136   # the committee of ward 00136
  haicapctl org list --name "phuc loi" --state active
  haicapctl org list --parent 3 --as-of 30/06/2025)");
  session.SetAction(cmd, [flags](Session& s) {
    registry::ListOrganizationsRequest request;
    request.set_parent_id(flags->parent);
    if (!flags->kind.empty()) request.set_kind(ParseKind(flags->kind).value());
    request.set_admin_unit_code(flags->unit);
    if (!flags->state.empty()) request.set_state(ParseState(flags->state).value());
    request.set_name_query(flags->name);
    SetDate(flags->as_of, request.mutable_as_of());
    flags->pages.Fill(&request);
    registry::ListOrganizationsResponse response;
    grpc::Status status = s.CallPaged(&Registry::Stub::ListOrganizations, request,
                                      flags->pages.all(), &response);
    if (!status.ok()) return s.Fail(status);
    const int code = s.Show(response, [&](std::ostream& out) {
      OrganizationTable(response.organizations()).Print(out);
    });
    s.NoteNextPage(response.next_page_token());
    return code;
  });
}

// Fills in the children of `node` (active ones unless `include_ended`), `depth` levels down;
// a negative depth means all the way.
grpc::Status FetchChildren(Session& s, const std::string& as_of, bool include_ended, int depth,
                           OrgTreeNode& node) {
  if (depth == 0) return grpc::Status::OK;
  registry::ListOrganizationsRequest request;
  request.set_parent_id(node.organization.id());
  if (!include_ended) request.set_state(registry::ACTIVE);
  SetDate(as_of, request.mutable_as_of());
  request.set_page_size(1000);
  registry::ListOrganizationsResponse children;
  grpc::Status status =
      s.CallPaged(&Registry::Stub::ListOrganizations, request, /*all=*/true, &children);
  if (!status.ok()) return status;
  for (registry::Organization& child : *children.mutable_organizations()) {
    node.children.push_back({std::move(child), {}});
    status = FetchChildren(s, as_of, include_ended, depth - 1, node.children.back());
    if (!status.ok()) return status;
  }
  return grpc::Status::OK;
}

void AddTree(CLI::App* org, Session& session) {
  struct Flags {
    std::string id;
    std::string as_of;
    int depth = 0;
    bool include_ended = false;
  };
  auto flags = std::make_shared<Flags>();
  CLI::App* cmd = org->add_subcommand(
      "tree", "Draw an organisation and everything under it, now or as it stood on a day");
  cmd->add_option("id", flags->id, "The organisation at the top")->required();
  AddDateOption(cmd, "--as-of", flags->as_of, "Draw the tree as it stood on this day");
  cmd->add_option("--depth", flags->depth, "Levels below the top to draw (default: all)")
      ->check(CLI::Validator(
          [](std::string& text) -> std::string {
            int levels = 0;
            const bool ok = absl::SimpleAtoi(text, &levels) && levels >= 0;
            return ok ? "" : "a number of levels below the top, 0 or more (0: all)";
          },
          "LEVELS"));
  cmd->add_flag("--include-ended", flags->include_ended,
                "Also draw merged and dissolved organisations (with a STATE column)");
  cmd->footer(R"(Examples:
  haicapctl org tree 1 --depth 1              # a provincial committee and its communes
  haicapctl org tree 57 --as-of 30/06/2025    # a ward's organisations on 30 June 2025
  haicapctl org tree 57 -o json               # the same, as a flat list in drawing order)");
  session.SetAction(cmd, [flags](Session& s) {
    registry::GetOrganizationRequest get;
    get.set_id(flags->id);
    SetDate(flags->as_of, get.mutable_as_of());
    OrgTreeNode root;
    grpc::Status status = s.Call(&Registry::Stub::GetOrganization, get, &root.organization);
    if (status.ok()) {
      const int depth = flags->depth == 0 ? -1 : flags->depth;
      status = FetchChildren(s, flags->as_of, flags->include_ended, depth, root);
    }
    if (!status.ok()) return s.Fail(status);
    registry::ListOrganizationsResponse flat;
    for (const registry::Organization* node : Flatten(root)) *flat.add_organizations() = *node;
    return s.Show(flat, [&](std::ostream& out) {
      TreeTable(root, flags->include_ended).Print(out);
    });
  });
}

void AddHistory(CLI::App* org, Session& session) {
  struct Flags {
    std::string id;
    bool subtree = false;
    std::string from, to;
    PageFlags pages;
  };
  auto flags = std::make_shared<Flags>();
  CLI::App* cmd = org->add_subcommand(
      "history", "Show the recorded changes of an organisation, by effective date");
  cmd->add_option("id", flags->id, "Organisation id")->required();
  cmd->add_flag("--subtree", flags->subtree,
                "Also the changes of every organisation that was ever under it");
  AddDateOption(cmd, "--from", flags->from, "Only changes effective on or after this day");
  AddDateOption(cmd, "--to", flags->to, "Only changes effective on or before this day");
  flags->pages.AddTo(cmd, "events");
  cmd->footer(R"(Each change shows its effective date, the decision behind it, who recorded it
(the --actor of the command) and when (Vietnam time).

Examples:
  haicapctl org history 42
  haicapctl org history 57 --subtree --from 01/07/2025 --to 31/07/2025 --all)");
  session.SetAction(cmd, [flags](Session& s) {
    registry::ListOrganizationEventsRequest request;
    request.set_organization_id(flags->id);
    request.set_include_subtree(flags->subtree);
    SetDate(flags->from, request.mutable_from_date());
    SetDate(flags->to, request.mutable_to_date());
    flags->pages.Fill(&request);
    registry::ListOrganizationEventsResponse response;
    grpc::Status status = s.CallPaged(&Registry::Stub::ListOrganizationEvents, request,
                                      flags->pages.all(), &response);
    if (!status.ok()) return s.Fail(status);
    const int code =
        s.Show(response, [&](std::ostream& out) { EventTable(response.events()).Print(out); });
    s.NoteNextPage(response.next_page_token());
    return code;
  });
}

void AddSummary(CLI::App* org, Session& session) {
  struct Flags {
    std::string id;
    std::string as_of;
  };
  auto flags = std::make_shared<Flags>();
  CLI::App* cmd = org->add_subcommand(
      "summary",
      "Count the organisations and party members in an organisation's subtree, and list what "
      "the office must act on");
  cmd->add_option("id", flags->id, "Organisation id")->required();
  AddDateOption(cmd, "--as-of", flags->as_of,
                "Count as they stood on this day (default: the latest state)");
  cmd->footer(R"(Findings, one per line, are what the office must act on: a cell with fewer than 3
official members, a grassroots cell of 30 or more members (it should become a grassroots
committee), probation ending within 30 days, recognition overdue (quá hạn công nhận chính thức).

Examples:
  haicapctl org summary 57                      # how many cells and members the ward has
  haicapctl org summary 57 --as-of 31/03/2025   # at the end of Q1)");
  session.SetAction(cmd, [flags](Session& s) {
    registry::SummarizeSubtreeRequest request;
    request.set_organization_id(flags->id);
    SetDate(flags->as_of, request.mutable_as_of());
    registry::SubtreeSummary summary;
    grpc::Status status = s.Call(&Registry::Stub::SummarizeSubtree, request, &summary);
    if (!status.ok()) return s.Fail(status);
    return s.Show(summary, [&](std::ostream& out) { PrintSummary(out, summary); });
  });
}

}  // namespace

void AddOrgQueryCommands(CLI::App* org, Session& session) {
  AddGet(org, session);
  AddList(org, session);
  AddTree(org, session);
  AddHistory(org, session);
  AddSummary(org, session);
}

}  // namespace haicap::ctl
