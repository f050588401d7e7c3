#include "tools/haicapctl/flags.h"

#include "absl/strings/str_join.h"
#include "tools/haicapctl/args.h"

namespace haicap::ctl {
namespace {

// A CLI11 transform that replaces the typed text by `canonical(parsed)`, or reports the parse
// error as the usage error.
template <typename Parse, typename Canonical>
CLI::Validator Normalizing(Parse parse, Canonical canonical) {
  return CLI::Validator(
      [parse, canonical](std::string& input) -> std::string {
        auto parsed = parse(input);
        if (!parsed.ok()) return std::string(parsed.status().message());
        input = canonical(*parsed);
        return "";
      },
      /*validator_desc=*/"");
}

template <typename Enum>
std::string EnumName(Enum value, const google::protobuf::EnumDescriptor* type) {
  return type->FindValueByNumber(value)->name();
}

}  // namespace

CLI::Option* AddDateOption(CLI::App* app, const std::string& name, std::string& value,
                           const std::string& help) {
  return app->add_option(name, value, help + " (YYYY-MM-DD or DD/MM/YYYY)")
      ->transform(Normalizing(ParseDate, FormatDate))
      ->type_name("DATE");
}

CLI::Option* AddKindOption(CLI::App* app, const std::string& name, std::string& value,
                           const std::string& help) {
  return app
      ->add_option(name, value, help + " (one of " + absl::StrJoin(KindLabels(), ", ") + ")")
      ->transform(Normalizing(ParseKind,
                              [](registry::OrganizationKind kind) {
                                return EnumName(kind, registry::OrganizationKind_descriptor());
                              }))
      ->type_name("KIND");
}

CLI::Option* AddStateOption(CLI::App* app, const std::string& name, std::string& value,
                            const std::string& help) {
  return app->add_option(name, value, help + " (active, merged or dissolved)")
      ->transform(Normalizing(ParseState,
                              [](registry::OrganizationState state) {
                                return EnumName(state, registry::OrganizationState_descriptor());
                              }))
      ->type_name("STATE");
}

CLI::Option* AddLevelOption(CLI::App* app, const std::string& name, std::string& value,
                            const std::string& help) {
  return app->add_option(name, value, help + " (province or commune)")
      ->transform(Normalizing(ParseAdminUnitLevel,
                              [](registry::AdminUnitLevel level) {
                                return EnumName(level, registry::AdminUnitLevel_descriptor());
                              }))
      ->type_name("LEVEL");
}

CLI::Validator ActorValidator() {
  return CLI::Validator(
      [](std::string& actor) -> std::string {
        if (actor.size() > 100) return "the actor name is longer than 100 characters";
        for (char c : actor) {
          if (c < 0x20 || c > 0x7e) {
            return "the actor name must be plain ASCII (gRPC metadata), e.g. nguyen.thi.lan";
          }
        }
        return "";
      },
      "");
}

void ChangeFlags::AddTo(CLI::App* command) {
  AddDateOption(command, "--effective", effective_,
                "The day the change takes effect (ngày có hiệu lực),")
      ->required();
  command->add_option("--decision-number", decision_number_,
                      "Number of the decision behind the change, e.g. 123-QĐ/TU");
  AddDateOption(command, "--decision-date", decision_date_, "Date the decision was signed");
  command->add_option("--request-id", request_id_,
                      "Idempotency key: repeating a command with the same id changes nothing "
                      "twice (default: a random id)");
}

google::type::Date ChangeFlags::effective_date() const { return ParseDate(effective_).value(); }

registry::Decision ChangeFlags::decision() const {
  registry::Decision decision;
  decision.set_number(decision_number_);
  if (!decision_date_.empty()) *decision.mutable_date() = ParseDate(decision_date_).value();
  return decision;
}

const std::string& ChangeFlags::request_id() {
  if (request_id_.empty()) request_id_ = NewRequestId();
  return request_id_;
}

void PageFlags::AddTo(CLI::App* command, const std::string& items) {
  auto* all = command->add_flag("--all", all_, "Fetch every page of " + items);
  command->add_option("--page-size", page_size_, "How many " + items + " per page (default 100)")
      ->check(CLI::Range(1, 1000));
  command
      ->add_option("--page-token", page_token_,
                   "Continue a previous listing (the token it printed on stderr)")
      ->excludes(all);
}

}  // namespace haicap::ctl
