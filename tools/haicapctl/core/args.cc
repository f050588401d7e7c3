#include "tools/haicapctl/core/args.h"

#include <random>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "absl/time/time.h"
#include "common/citizen_id.h"
#include "common/civil_date.h"
#include "common/errors.h"
#include "common/proto_time.h"
#include "tools/haicapctl/core/enum_text.h"

namespace haicap::ctl {
namespace {

absl::string_view View(std::string_view s) { return absl::string_view(s.data(), s.size()); }

bool ParseNumber(absl::string_view digits, size_t min_len, size_t max_len, int* out) {
  if (digits.size() < min_len || digits.size() > max_len) return false;
  for (char c : digits) {
    if (!absl::ascii_isdigit(static_cast<unsigned char>(c))) return false;
  }
  return absl::SimpleAtoi(digits, out);
}

// Splits "2025-07-01" or "1/7/2025" into year, month, day; false when it is neither shape.
bool SplitDate(absl::string_view text, int* year, int* month, int* day) {
  std::vector<absl::string_view> iso = absl::StrSplit(text, '-');
  if (iso.size() == 3) {
    return ParseNumber(iso[0], 4, 4, year) && ParseNumber(iso[1], 2, 2, month) &&
           ParseNumber(iso[2], 2, 2, day);
  }
  std::vector<absl::string_view> vn = absl::StrSplit(text, '/');
  if (vn.size() == 3) {
    return ParseNumber(vn[0], 1, 2, day) && ParseNumber(vn[1], 1, 2, month) &&
           ParseNumber(vn[2], 4, 4, year);
  }
  return false;
}

}  // namespace

absl::StatusOr<google::type::Date> ParseDate(std::string_view text) {
  const absl::string_view trimmed = absl::StripAsciiWhitespace(View(text));
  int year = 0, month = 0, day = 0;
  if (!SplitDate(trimmed, &year, &month, &day)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "\"", trimmed, "\" is not a date; write 2025-07-01 or 01/07/2025 (day/month/year)"));
  }
  google::type::Date date;
  date.set_year(year);
  date.set_month(month);
  date.set_day(day);
  // ToCivilDay holds the suite's rules (real calendar day, plausible year); reuse its wording.
  absl::Status valid = ToCivilDay(date, "date").status();
  if (!valid.ok()) {
    std::vector<FieldViolation> violations = FieldViolations(valid);
    return absl::InvalidArgumentError(
        absl::StrCat("\"", trimmed, "\" is not a valid date: ",
                     violations.empty() ? std::string(valid.message()) : violations[0].description));
  }
  return date;
}

std::string FormatDate(const google::type::Date& date) {
  if (IsUnset(date)) return "";
  return absl::StrFormat("%04d-%02d-%02d", date.year(), date.month(), date.day());
}

std::string FormatDueDate(const google::type::Date& date, bool provisional) {
  if (IsUnset(date) || !provisional) return FormatDate(date);
  return absl::StrCat(FormatDate(date), " (provisional)");
}

absl::StatusOr<registry::OrganizationKind> ParseKind(std::string_view text) {
  using registry::OrganizationKind;
  return ParseEnum<OrganizationKind>(text, registry::OrganizationKind_descriptor(),
                                     {{"province", registry::PROVINCIAL_COMMITTEE},
                                      {"provincial", registry::PROVINCIAL_COMMITTEE},
                                      {"commune", registry::COMMUNE_COMMITTEE},
                                      {"ward", registry::COMMUNE_COMMITTEE},
                                      {"subcommittee", registry::SUB_COMMITTEE},
                                      {"district", registry::DISTRICT_COMMITTEE}},
                                     "organisation kind");
}

absl::StatusOr<registry::OrganizationState> ParseState(std::string_view text) {
  return ParseEnum<registry::OrganizationState>(text, registry::OrganizationState_descriptor(), {},
                                                "state");
}

absl::StatusOr<registry::AdminUnitLevel> ParseAdminUnitLevel(std::string_view text) {
  return ParseEnum<registry::AdminUnitLevel>(text, registry::AdminUnitLevel_descriptor(), {},
                                             "level");
}

absl::StatusOr<registry::Sex> ParseSex(std::string_view text) {
  return ParseEnum<registry::Sex>(text, registry::Sex_descriptor(),
                                  {{"m", registry::MALE},
                                   {"nam", registry::MALE},
                                   {"f", registry::FEMALE},
                                   {"nu", registry::FEMALE}},
                                  "sex");
}

absl::StatusOr<registry::MemberStatus> ParseMemberStatus(std::string_view text) {
  return ParseEnum<registry::MemberStatus>(text, registry::MemberStatus_descriptor(),
                                           {{"du-bi", registry::PROBATIONARY},
                                            {"chinh-thuc", registry::OFFICIAL},
                                            {"xoa-ten", registry::REMOVED},
                                            {"khai-tru", registry::EXPELLED}},
                                           "member status");
}

absl::StatusOr<std::string> ParseCitizenId(std::string_view text) {
  const absl::string_view id = absl::StripAsciiWhitespace(View(text));
  const std::string problem = CitizenIdProblem(std::string_view(id.data(), id.size()));
  if (!problem.empty()) return absl::InvalidArgumentError(problem);
  return std::string(id);
}

std::string KindLabel(registry::OrganizationKind kind) {
  return LabelOf(kind, registry::OrganizationKind_descriptor());
}
std::string StateLabel(registry::OrganizationState state) {
  return LabelOf(state, registry::OrganizationState_descriptor());
}
std::string AdminUnitLevelLabel(registry::AdminUnitLevel level) {
  return LabelOf(level, registry::AdminUnitLevel_descriptor());
}

std::string SexLabel(registry::Sex sex) { return LabelOf(sex, registry::Sex_descriptor()); }
std::string MemberStatusLabel(registry::MemberStatus status) {
  return LabelOf(status, registry::MemberStatus_descriptor());
}

std::vector<std::string> KindLabels() {
  std::vector<std::string> labels;
  const auto* type = registry::OrganizationKind_descriptor();
  for (int i = 0; i < type->value_count(); ++i) {
    if (type->value(i)->number() != 0) labels.push_back(EnumLabel(type->value(i)->name()));
  }
  return labels;
}

std::string DescribeDecision(const registry::Decision& decision) {
  const std::string date = FormatDate(decision.date());
  if (date.empty()) return decision.number();
  if (decision.number().empty()) return absl::StrCat("of ", date);
  return absl::StrCat(decision.number(), " of ", date);
}

std::string FormatVietnamTime(const google::protobuf::Timestamp& at) {
  static const absl::TimeZone vietnam = absl::FixedTimeZone(7 * 60 * 60);
  return absl::FormatTime("%Y-%m-%d %H:%M",
                          FromTimestamp(at),
                          vietnam);
}

std::string NewRequestId() {
  std::random_device device;
  std::uniform_int_distribution<uint32_t> word;
  uint32_t w[4] = {word(device), word(device), word(device), word(device)};
  w[1] = (w[1] & 0xFFFF0FFFu) | 0x00004000u;  // version 4
  w[2] = (w[2] & 0x3FFFFFFFu) | 0x80000000u;  // RFC 4122 variant
  return absl::StrFormat("%08x-%04x-%04x-%04x-%04x%08x", w[0], w[1] >> 16, w[1] & 0xFFFF,
                         w[2] >> 16, w[2] & 0xFFFF, w[3]);
}

}  // namespace haicap::ctl
