#include "tools/haicapctl/unit/unit_commands.h"

#include <memory>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "tools/haicapctl/core/args.h"
#include "tools/haicapctl/core/flags.h"

namespace haicap::ctl {
namespace {

using registry::Registry;

std::string Province(const registry::AdminUnit& unit) {
  if (unit.province_code().empty() || unit.province_code() == unit.code()) return "";
  return absl::StrCat(unit.province_code(), " ", unit.province_name());
}

void PrintUnit(std::ostream& out, const registry::AdminUnit& unit) {
  PrintFields(out, {
                       {"Code", unit.code()},
                       {"Name", unit.name()},
                       {"Level", AdminUnitLevelLabel(unit.level())},
                       {"Type", unit.type()},
                       {"Province", Province(unit)},
                       {"Communes", unit.commune_count() > 0 ? absl::StrCat(unit.commune_count())
                                                             : ""},
                   });
  if (unit.former_units().empty()) return;
  out << "\nFormed from (before 1 July 2025):\n";
  Table table({"CODE", "COMMUNE", "DISTRICT", "PROVINCE", "MERGE"});
  for (const registry::FormerUnit& former : unit.former_units()) {
    table.AddRow({former.commune_code(), former.commune_name(),
                  absl::StrCat(former.district_code(), " ", former.district_name()),
                  absl::StrCat(former.province_code(), " ", former.province_name()),
                  former.merge()});
  }
  table.Print(out);
}

// "00121 Phường Giang Biên (part), ..." for the old communes a listed unit matched.
std::string FormerCodes(const registry::AdminUnit& unit) {
  std::vector<std::string> parts;
  for (const registry::FormerUnit& former : unit.former_units()) {
    parts.push_back(
        absl::StrCat(former.commune_code(), " ", former.commune_name(), " (", former.merge(), ")"));
  }
  return absl::StrJoin(parts, ", ");
}

void PrintUnits(std::ostream& out, const registry::ListAdminUnitsResponse& response) {
  bool with_former = false;
  for (const auto& unit : response.units()) with_former |= !unit.former_units().empty();
  std::vector<std::string> headers = {"CODE", "NAME", "TYPE", "PROVINCE", "COMMUNES"};
  if (with_former) headers.push_back("FORMED FROM");
  Table table(std::move(headers));
  for (const registry::AdminUnit& unit : response.units()) {
    std::vector<std::string> row = {
        unit.code(), unit.name(), unit.type(), Province(unit),
        unit.commune_count() > 0 ? absl::StrCat(unit.commune_count()) : ""};
    if (with_former) row.push_back(FormerCodes(unit));
    table.AddRow(std::move(row));
  }
  table.Print(out);
}

void AddGet(CLI::App* unit, Session& session) {
  auto code = std::make_shared<std::string>();
  CLI::App* cmd = unit->add_subcommand(
      "get", "Show a province or commune and the pre-July-2025 communes it was formed from");
  cmd->add_option("code", *code, "2-digit province or 5-digit commune code")->required();
  cmd->footer(R"(Examples:
  haicapctl unit get 01       # Hà Nội
  haicapctl unit get 00136)");
  session.SetAction(cmd, [code](Session& s) {
    registry::GetAdminUnitRequest request;
    request.set_code(*code);
    registry::AdminUnit unit;
    grpc::Status status = s.Call(&Registry::Stub::GetAdminUnit, request, &unit);
    if (!status.ok()) return s.Fail(status);
    return s.Show(unit, [&](std::ostream& out) { PrintUnit(out, unit); });
  });
}

void AddList(CLI::App* unit, Session& session) {
  struct Flags {
    std::string province, level, name, former;
    PageFlags pages;
  };
  auto flags = std::make_shared<Flags>();
  CLI::App* cmd = unit->add_subcommand("list", "List provinces and communes");
  cmd->add_option("--province", flags->province, "Only the communes of this province (2 digits)")
      ->type_name("CODE");
  AddLevelOption(cmd, "--level", flags->level, "Only provinces or only communes");
  cmd->add_option("--name", flags->name,
                  "Words that must all appear in the name; case and diacritics are ignored");
  cmd->add_option("--former", flags->former,
                  "An old commune (5 digits) or district (3 digits): the new communes it went "
                  "into")
      ->type_name("CODE");
  flags->pages.AddTo(cmd, "units");
  cmd->footer(R"(Examples:
  haicapctl unit list --level province --all
  haicapctl unit list --province 01 --name "phuc loi"
  haicapctl unit list --former 004 --all      # where the old Long Biên district went)");
  session.SetAction(cmd, [flags](Session& s) {
    registry::ListAdminUnitsRequest request;
    request.set_province_code(flags->province);
    if (!flags->level.empty()) request.set_level(ParseAdminUnitLevel(flags->level).value());
    request.set_name_query(flags->name);
    request.set_former_code(flags->former);
    flags->pages.Fill(&request);
    registry::ListAdminUnitsResponse response;
    grpc::Status status =
        s.CallPaged(&Registry::Stub::ListAdminUnits, request, flags->pages.all(), &response);
    if (!status.ok()) return s.Fail(status);
    const int code = s.Show(response, [&](std::ostream& out) { PrintUnits(out, response); });
    s.NoteNextPage(response.next_page_token());
    return code;
  });
}

}  // namespace

void AddUnitCommands(CLI::App* unit, Session& session) {
  AddGet(unit, session);
  AddList(unit, session);
}

}  // namespace haicap::ctl
