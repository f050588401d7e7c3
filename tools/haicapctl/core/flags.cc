#include "tools/haicapctl/core/flags.h"

#include "absl/strings/str_join.h"
#include "absl/time/clock.h"
#include "common/proto_time.h"
#include "tools/haicapctl/core/args.h"

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

// A CLI11 check that `parse` accepts the text, which is kept as typed.
template <typename Parse>
CLI::Validator Accepting(Parse parse) {
  return CLI::Validator(
      [parse](std::string& input) -> std::string {
        auto parsed = parse(input);
        return parsed.ok() ? "" : std::string(parsed.status().message());
      },
      /*validator_desc=*/"");
}

// An option (one value, or a list) whose text `parse` turns into an `Enum`; it stores the enum
// value's name.
template <typename Enum, typename Value>
CLI::Option* AddEnumOption(CLI::App* app, const std::string& name, Value& value,
                           const std::string& help, const std::string& type_name,
                           absl::StatusOr<Enum> (*parse)(std::string_view),
                           const google::protobuf::EnumDescriptor* type) {
  return app->add_option(name, value, help)
      ->transform(Normalizing(parse,
                              [type](Enum parsed) {
                                return type->FindValueByNumber(parsed)->name();
                              }))
      ->type_name(type_name);
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
  return AddEnumOption(app, name, value,
                       help + " (one of " + absl::StrJoin(KindLabels(), ", ") + ")", "KIND",
                       ParseKind, registry::OrganizationKind_descriptor());
}

CLI::Option* AddStateOption(CLI::App* app, const std::string& name, std::string& value,
                            const std::string& help) {
  return AddEnumOption(app, name, value, help + " (active, merged or dissolved)", "STATE",
                       ParseState, registry::OrganizationState_descriptor());
}

CLI::Option* AddLevelOption(CLI::App* app, const std::string& name, std::string& value,
                            const std::string& help) {
  return AddEnumOption(app, name, value, help + " (province or commune)", "LEVEL",
                       ParseAdminUnitLevel, registry::AdminUnitLevel_descriptor());
}

CLI::Option* AddSexOption(CLI::App* app, const std::string& name, std::string& value,
                          const std::string& help) {
  return AddEnumOption(app, name, value, help + " (male or female; nam or nu)", "SEX", ParseSex,
                       registry::Sex_descriptor());
}

CLI::Option* AddMemberStatusOption(CLI::App* app, const std::string& name, std::string& value,
                                   const std::string& help) {
  return AddEnumOption(app, name, value,
                       help + " (probationary = dự bị, official = chính thức, removed = xóa tên, "
                              "expelled = khai trừ, deceased)",
                       "STATUS", ParseMemberStatus, registry::MemberStatus_descriptor());
}

CLI::Option* AddDayTypeOption(CLI::App* app, const std::string& name, std::string& value,
                              const std::string& help) {
  return AddEnumOption(app, name, value,
                       help + " (holiday = nghỉ lễ, compensatory = nghỉ bù, swapped = nghỉ hoán "
                              "đổi, makeup = làm bù)",
                       "TYPE", ParseDayType, deadlines::DayType_descriptor());
}

CLI::Option* AddCitizenIdOption(CLI::App* app, const std::string& name, std::string& value,
                                const std::string& help) {
  return app->add_option(name, value, help + " (12 digits)")
      ->transform(Normalizing(ParseCitizenId, [](const std::string& id) { return id; }))
      ->type_name("12DIGITS");
}

CLI::Option* AddDossierStatusOption(CLI::App* app, const std::string& name, std::string& value,
                                    const std::string& help) {
  return AddEnumOption(app, name, value, help, "STATUS", ParseDossierStatus,
                       deadlines::DossierStatus_descriptor());
}

CLI::Option* AddDossierStatusesOption(CLI::App* app, const std::string& name,
                                      std::vector<std::string>& values, const std::string& help) {
  return AddEnumOption(app, name, values, help, "STATUS,...", ParseDossierStatus,
                       deadlines::DossierStatus_descriptor())
      ->delimiter(',');
}

CLI::Option* AddDossierKindOption(CLI::App* app, const std::string& name, std::string& value,
                                  const std::string& help) {
  return AddEnumOption(app, name, value,
                       help + " (admin = a citizen's administrative procedure, party = a party "
                              "obligation's clock)",
                       "KIND", ParseDossierKind, deadlines::DossierKind_descriptor());
}

CLI::Option* AddTransferKindOption(CLI::App* app, const std::string& name, std::string& value,
                                   const std::string& help) {
  return AddEnumOption(app, name, value,
                       help + " (official = chính thức, temporary = tạm thời, internal = nội bộ)",
                       "KIND", ParseTransferKind, transfers::TransferKind_descriptor());
}

CLI::Option* AddTransferStatesOption(CLI::App* app, const std::string& name,
                                     std::vector<std::string>& values, const std::string& help) {
  return AddEnumOption(app, name, values, help, "STATE,...", ParseTransferState,
                       transfers::TransferState_descriptor())
      ->delimiter(',');
}

CLI::Option* AddChannelOption(CLI::App* app, const std::string& name, std::string& value,
                              const std::string& help) {
  return AddEnumOption(app, name, value, help + " (direct, online or postal)", "CHANNEL",
                       ParseChannel, deadlines::Channel_descriptor());
}

CLI::Option* AddDurationOption(CLI::App* app, const std::string& name, std::string& value,
                               const std::string& help) {
  return app->add_option(name, value, help + ": " + kDueDurationHelp)
      ->check(Accepting(ParseDueDuration))
      ->type_name("DURATION");
}

CLI::Option* AddInstantOption(CLI::App* app, const std::string& name, std::string& value,
                              const std::string& help) {
  return app
      ->add_option(name, value,
                   help + " (Vietnam time: 2026-02-13T10:00, \"13/02/2026 10:00\", 13/02/2026 "
                          "10h30, a date alone for its midnight, or now)")
      ->check(Accepting([](std::string_view text) { return ParseLocalInstant(text, absl::Now()); }))
      ->type_name("INSTANT");
}

google::protobuf::Timestamp InstantOf(const std::string& option_value) {
  return ToTimestamp(ParseLocalInstant(option_value, absl::Now()).value());
}

void AddCalendarOption(CLI::App* command, std::string& calendar_id) {
  command
      ->add_option("--calendar", calendar_id,
                   "Working-day calendar: VN (national) or a province's, e.g. VN-01")
      ->capture_default_str()
      ->type_name("ID");
}

void AddEtagOption(CLI::App* command, std::string& etag, const std::string& read_command,
                   const std::string& what) {
  command->add_option("--etag", etag,
                      "The etag from '" + read_command + "': refuse (ABORTED) if someone changed "
                      "the " + what + " since");
}

void SetDate(const std::string& option_value, google::type::Date* date) {
  if (!option_value.empty()) *date = ParseDate(option_value).value();
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

void RequestIdFlag::AddTo(CLI::App* command) {
  command->add_option("--request-id", request_id_,
                      "Idempotency key: repeating a command with the same id changes nothing "
                      "twice (default: a random id)");
}

const std::string& RequestIdFlag::value() {
  if (request_id_.empty()) request_id_ = NewRequestId();
  return request_id_;
}

void DecisionFlags::AddTo(CLI::App* command, bool date_required) {
  command->add_option("--decision-number", number_,
                      "Number of the decision behind the change, e.g. 123-QĐ/TU");
  AddDateOption(command, "--decision-date", date_, "Date the decision was signed")
      ->required(date_required);
  request_id_.AddTo(command);
}

void ChangeFlags::AddTo(CLI::App* command) {
  AddDateOption(command, "--effective", effective_,
                "The day the change takes effect (ngày có hiệu lực),")
      ->required();
  decision_.AddTo(command);
}

google::type::Date ChangeFlags::effective_date() const { return ParseDate(effective_).value(); }

void DossierFilterFlags::AddTo(CLI::App* command, const std::string& units) {
  command->add_option("--unit", unit_, units + "; default every unit")->type_name("CODE");
  AddDossierKindOption(command, "--kind", kind_, "Only this kind, default every kind");
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
