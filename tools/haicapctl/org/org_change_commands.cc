// Changing the organisation tree, each change under a decision with an effective date:
// create, update, move, merge, dissolve.
#include <memory>

#include "tools/haicapctl/core/args.h"
#include "tools/haicapctl/core/change.h"
#include "tools/haicapctl/core/flags.h"
#include "tools/haicapctl/org/org_commands.h"
#include "tools/haicapctl/org/org_views.h"

namespace haicap::ctl {
namespace {

using registry::Registry;

constexpr char kChangeNote[] = R"(Every change needs --effective, the day it takes effect, and should name the
decision (quyết định) behind it. Retrying a command with the same --request-id never applies
the change twice.
)";

void PrintOrganizations(std::ostream& out, const std::string& title,
                        const google::protobuf::RepeatedPtrField<registry::Organization>& list) {
  if (list.empty()) return;
  out << '\n' << title << ":\n";
  OrganizationTable(list).Print(out);
}

void AddCreate(CLI::App* org, Session& session) {
  struct Flags {
    std::string name, kind, parent, unit;
    bool upper_grassroots_powers = false;
    ChangeFlags change;
  };
  auto flags = std::make_shared<Flags>();
  CLI::App* cmd = org->add_subcommand("create", "Establish (thành lập) a party organisation");
  cmd->add_option("--name", flags->name, "Full name, e.g. \"Chi bộ Tổ dân phố số 5\"")
      ->required();
  AddKindOption(cmd, "--kind", flags->kind, "What kind of organisation")->required();
  cmd->add_option("--parent", flags->parent,
                  "Id of the organisation it is under (not for a provincial committee)")
      ->type_name("ID");
  cmd->add_option("--unit", flags->unit,
                  "Administrative unit code: 2 digits for a province, 5 for a commune; required "
                  "for provincial, commune and district committees")
      ->type_name("CODE");
  cmd->add_flag("--upper-grassroots-powers", flags->upper_grassroots_powers,
                "The committee is given upper-grassroots powers (được giao quyền cấp trên cơ sở)");
  flags->change.AddTo(cmd);
  cmd->footer(std::string(kChangeNote) + R"(
Examples:
  haicapctl org create --name "Đảng bộ phường Phúc Lợi" --kind commune-committee \
      --parent 1 --unit 00136 --effective 01/07/2025 \
      --decision-number 1234-QĐ/TU --decision-date 30/06/2025
  haicapctl org create --name "Chi bộ Tổ dân phố số 5" --kind cell --parent 57 \
      --effective 2025-07-10)");
  session.SetAction(cmd, [flags](Session& s) {
    registry::CreateOrganizationRequest request;
    registry::Organization* org = request.mutable_organization();
    org->set_name(flags->name);
    org->set_kind(ParseKind(flags->kind).value());
    org->set_parent_id(flags->parent);
    org->set_admin_unit_code(flags->unit);
    org->set_upper_grassroots_powers(flags->upper_grassroots_powers);
    flags->change.Fill(&request);
    return RunChange(s, &Registry::Stub::CreateOrganization, request, PrintOrganization);
  });
}

void AddUpdate(CLI::App* org, Session& session) {
  struct Flags {
    std::string id, name, unit, kind, etag;
    bool upper_grassroots_powers = false;
    CLI::Option *name_option, *unit_option, *kind_option, *powers_option;
    ChangeFlags change;
  };
  auto flags = std::make_shared<Flags>();
  CLI::App* cmd = org->add_subcommand(
      "update", "Rename, recode, re-kind or re-flag an organisation from an effective day on");
  cmd->add_option("id", flags->id, "Organisation id")->required();
  CLI::Option_group* fields =
      cmd->add_option_group("Changes", "What to change; give at least one");
  flags->name_option = fields->add_option("--name", flags->name, "The new name");
  flags->unit_option =
      fields->add_option("--unit", flags->unit, "The new administrative unit code")
          ->type_name("CODE");
  flags->kind_option = AddKindOption(fields, "--kind", flags->kind, "The new kind");
  flags->powers_option = fields->add_option("--upper-grassroots-powers",
                                            flags->upper_grassroots_powers,
                                            "Give (true) or take away (false) upper-grassroots "
                                            "powers");
  fields->require_option(1, 0);
  AddEtagOption(cmd, flags->etag, "org get -o json", "organisation");
  flags->change.AddTo(cmd);
  cmd->footer(std::string(kChangeNote) + R"(
Only the fields given are changed.

Examples:
  haicapctl org update 57 --name "Đảng bộ phường Đống Đa" --effective 01/07/2025 \
      --decision-number 88-QĐ/TU --decision-date 25/06/2025
  haicapctl org update 63 --upper-grassroots-powers=true --effective 2025-08-01)");
  session.SetAction(cmd, [flags](Session& s) {
    registry::UpdateOrganizationRequest request;
    registry::Organization* org = request.mutable_organization();
    org->set_id(flags->id);
    auto* mask = request.mutable_update_mask();
    if (flags->name_option->count() > 0) {
      org->set_name(flags->name);
      mask->add_paths("name");
    }
    if (flags->unit_option->count() > 0) {
      org->set_admin_unit_code(flags->unit);
      mask->add_paths("admin_unit_code");
    }
    if (flags->kind_option->count() > 0) {
      org->set_kind(ParseKind(flags->kind).value());
      mask->add_paths("kind");
    }
    if (flags->powers_option->count() > 0) {
      org->set_upper_grassroots_powers(flags->upper_grassroots_powers);
      mask->add_paths("upper_grassroots_powers");
    }
    request.set_etag(flags->etag);
    flags->change.Fill(&request);
    return RunChange(s, &Registry::Stub::UpdateOrganization, request, PrintOrganization);
  });
}

void AddMove(CLI::App* org, Session& session) {
  struct Flags {
    std::vector<std::string> ids;
    std::string to;
    ChangeFlags change;
  };
  auto flags = std::make_shared<Flags>();
  CLI::App* cmd = org->add_subcommand(
      "move", "Hand over (chuyển giao) organisations, with everything under them, to a new parent");
  cmd->add_option("ids", flags->ids, "The organisations to hand over")->required();
  cmd->add_option("--to", flags->to, "Id of the new parent")->required()->type_name("ID");
  flags->change.AddTo(cmd);
  cmd->footer(std::string(kChangeNote) + R"(
All the organisations move, or none does.

Example: 11 grassroots organisations of the former Long Biên district committee go to the
ward committee 57:
  haicapctl org move 201 202 203 204 205 206 207 208 209 210 211 --to 57 \
      --effective 01/07/2025 --decision-number 1234-QĐ/TU --decision-date 30/06/2025)");
  session.SetAction(cmd, [flags](Session& s) {
    registry::MoveOrganizationsRequest request;
    for (const std::string& id : flags->ids) request.add_organization_ids(id);
    request.set_new_parent_id(flags->to);
    flags->change.Fill(&request);
    return RunChange(s, &Registry::Stub::MoveOrganizations, request,
                     [](std::ostream& out, const registry::MoveOrganizationsResponse& response) {
                       OrganizationTable(response.organizations()).Print(out);
                     });
  });
}

void AddMerge(CLI::App* org, Session& session) {
  struct Flags {
    std::vector<std::string> ids;
    std::string into, new_name, new_kind, new_parent, new_unit;
    ChangeFlags change;
  };
  auto flags = std::make_shared<Flags>();
  CLI::App* cmd = org->add_subcommand(
      "merge", "Merge (hợp nhất / sáp nhập) organisations into an existing or a new one");
  cmd->add_option("ids", flags->ids, "The organisations that merge (they end as 'merged')")
      ->required();
  CLI::Option_group* successor = cmd->add_option_group(
      "Successor", "Merge into an existing organisation (--into) or a new one (--new-*)");
  successor->add_option("--into", flags->into, "Id of the existing, active organisation")
      ->type_name("ID");
  CLI::Option_group* created = successor->add_option_group("New organisation");
  auto* new_name = created->add_option("--new-name", flags->new_name,
                                       "Name of the organisation to establish");
  auto* new_kind = AddKindOption(created, "--new-kind", flags->new_kind, "Its kind");
  auto* new_parent = created->add_option(
      "--new-parent", flags->new_parent, "Id of its parent (not for a provincial committee)")
      ->type_name("ID");
  auto* new_unit = created
                       ->add_option("--new-unit", flags->new_unit,
                                    "Its administrative unit code, for committees")
                       ->type_name("CODE");
  new_name->needs(new_kind);
  new_kind->needs(new_name);
  new_parent->needs(new_name);
  new_unit->needs(new_name);
  successor->require_option(1, 1);
  flags->change.AddTo(cmd);
  cmd->footer(std::string(kChangeNote) + R"(
The children of the merged organisations move to the successor.

Examples:
  haicapctl org merge 301 302 --into 300 --effective 01/08/2025 \
      --decision-number 45-QĐ/ĐU --decision-date 28/07/2025
  haicapctl org merge 301 302 --new-name "Chi bộ Tổ dân phố số 7" --new-kind cell \
      --new-parent 57 --effective 01/08/2025)");
  session.SetAction(cmd, [flags](Session& s) {
    registry::MergeOrganizationsRequest request;
    for (const std::string& id : flags->ids) request.add_source_ids(id);
    if (!flags->into.empty()) {
      request.set_target_id(flags->into);
    } else {
      registry::Organization* successor = request.mutable_new_organization();
      successor->set_name(flags->new_name);
      successor->set_kind(ParseKind(flags->new_kind).value());
      successor->set_parent_id(flags->new_parent);
      successor->set_admin_unit_code(flags->new_unit);
    }
    flags->change.Fill(&request);
    return RunChange(s, &Registry::Stub::MergeOrganizations, request,
                     [](std::ostream& out, const registry::MergeOrganizationsResponse& response) {
                       out << "Successor:\n";
                       PrintOrganization(out, response.successor());
                       PrintOrganizations(out, "Merged", response.merged());
                       PrintOrganizations(out, "Moved to the successor", response.moved_children());
                     });
  });
}

void AddDissolve(CLI::App* org, Session& session) {
  struct Flags {
    std::string id;
    ChangeFlags change;
  };
  auto flags = std::make_shared<Flags>();
  CLI::App* cmd = org->add_subcommand("dissolve", "Dissolve (giải thể) an organisation");
  cmd->add_option("id", flags->id, "Organisation id")->required();
  flags->change.AddTo(cmd);
  cmd->footer(std::string(kChangeNote) + R"(
The registry refuses while organisations are still under it: move or dissolve them first.

Example:
  haicapctl org dissolve 12 --effective 30/06/2025 --decision-number 99-QĐ/TU \
      --decision-date 20/06/2025)");
  session.SetAction(cmd, [flags](Session& s) {
    registry::DissolveOrganizationRequest request;
    request.set_id(flags->id);
    flags->change.Fill(&request);
    return RunChange(s, &Registry::Stub::DissolveOrganization, request, PrintOrganization);
  });
}

}  // namespace

void AddOrgChangeCommands(CLI::App* org, Session& session) {
  AddCreate(org, session);
  AddUpdate(org, session);
  AddMove(org, session);
  AddMerge(org, session);
  AddDissolve(org, session);
}

}  // namespace haicap::ctl
