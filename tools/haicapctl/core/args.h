// What a person types on the command line, turned into registry values, and registry values
// turned back into the short words the CLI prints.
//
// Dates are accepted as 2025-07-01 (ISO) and as 1/7/2025 or 01/07/2025 (day first, the way a
// Vietnamese clerk writes them) and always printed as YYYY-MM-DD. Kinds, states, administrative
// levels, sexes and member statuses are accepted case-insensitively as the proto enum name
// (COMMUNE_COMMITTEE), its kebab form (commune-committee) or a short alias (commune; for members
// also the unaccented Vietnamese word: nam, nu, du-bi, chinh-thuc, xoa-ten, khai-tru).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "google/protobuf/timestamp.pb.h"
#include "google/type/date.pb.h"
#include "haicap/registry/v1/registry.pb.h"

namespace haicap::ctl {

namespace registry = ::haicap::registry::v1;

// A real calendar date within the suite's year range, or INVALID_ARGUMENT whose message
// explains the problem to a person (no field name: the caller knows which flag it was).
absl::StatusOr<google::type::Date> ParseDate(std::string_view text);
// "2025-07-01"; "" for an unset date.
std::string FormatDate(const google::type::Date& date);
// A due day that rests on a year without an official calendar decision carries " (provisional)".
std::string FormatDueDate(const google::type::Date& date, bool provisional);

absl::StatusOr<registry::OrganizationKind> ParseKind(std::string_view text);
absl::StatusOr<registry::OrganizationState> ParseState(std::string_view text);
absl::StatusOr<registry::AdminUnitLevel> ParseAdminUnitLevel(std::string_view text);
absl::StatusOr<registry::Sex> ParseSex(std::string_view text);
absl::StatusOr<registry::MemberStatus> ParseMemberStatus(std::string_view text);
// A citizen ID (căn cước công dân): 12 digits, surrounding blanks dropped. The error never
// repeats the text, since a citizen ID is personal data.
absl::StatusOr<std::string> ParseCitizenId(std::string_view text);

// The kebab form printed in tables: "commune-committee", "active", "province".
std::string KindLabel(registry::OrganizationKind kind);
std::string StateLabel(registry::OrganizationState state);
std::string AdminUnitLevelLabel(registry::AdminUnitLevel level);
std::string SexLabel(registry::Sex sex);
std::string MemberStatusLabel(registry::MemberStatus status);
// Every accepted kind in kebab form, for help texts.
std::vector<std::string> KindLabels();

// "123-QĐ/TU of 2025-06-30", "123-QĐ/TU", "of 2025-06-30" or "" for no decision.
std::string DescribeDecision(const registry::Decision& decision);
// "2025-07-01 09:30" in Vietnam time (UTC+7 all year).
std::string FormatVietnamTime(const google::protobuf::Timestamp& at);

// A fresh random idempotency key (a UUIDv4 string) for a mutating request.
std::string NewRequestId();

}  // namespace haicap::ctl
