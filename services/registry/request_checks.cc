#include "services/registry/request_checks.h"

#include <set>

#include "absl/strings/str_cat.h"
#include "common/civil_date.h"
#include "common/errors.h"
#include "common/status_macros.h"
#include "common/text/text.h"
#include "services/registry/organization_rules.h"
#include "services/registry/registry_store.h"

namespace haicap::registry {

absl::StatusOr<int64_t> CheckEffectiveDate(const google::type::Date& date, std::string_view field) {
  ASSIGN_OR_RETURN(absl::CivilDay day, ToCivilDay(date, field));
  return DayNumber(day);
}

absl::StatusOr<std::optional<int64_t>> CheckAsOf(const google::type::Date& date, std::string_view field) {
  if (IsUnset(date)) return std::nullopt;
  ASSIGN_OR_RETURN(absl::CivilDay day, ToCivilDay(date, field));
  return std::optional<int64_t>(DayNumber(day));
}

absl::Status CheckNotAfterToday(const google::type::Date& date, absl::CivilDay today, std::string_view field,
                                std::string_view advice) {
  absl::StatusOr<absl::CivilDay> day = ToCivilDay(date, field);
  if (!day.ok() || *day <= today) return absl::OkStatus();
  return InvalidArgument(field, absl::StrCat("is after today (", FormatDay(today), ")", advice.empty() ? "" : ": ",
                                             absl::string_view(advice.data(), advice.size())));
}

absl::Status CheckDecision(const v1::Decision& decision, std::string_view field) {
  ValidationErrors errors;
  if (!decision.number().empty()) {
    errors.Add(text::ValidateName(absl::StrCat(std::string(field), ".number"), decision.number(), kMaxDecisionNumberChars));
  }
  if (!IsUnset(decision.date())) errors.Add(ToCivilDay(decision.date(), absl::StrCat(std::string(field), ".date")).status());
  return errors.Result();
}

absl::StatusOr<std::vector<uint64_t>> CheckIdList(const google::protobuf::RepeatedPtrField<std::string>& ids,
                                                  std::string_view field, int max) {
  if (ids.empty()) return InvalidArgument(field, "must name at least one organization");
  if (ids.size() > max) return InvalidArgument(field, absl::StrCat("must name at most ", max, " organizations"));
  std::vector<uint64_t> out;
  std::set<uint64_t> seen;
  ValidationErrors errors;
  for (int i = 0; i < ids.size(); ++i) {
    const std::string item = absl::StrCat(std::string(field), "[", i, "]");
    absl::StatusOr<uint64_t> id = ParseOrganizationId(ids[i], item);
    if (!id.ok()) {
      errors.Add(id.status());
      continue;
    }
    if (!seen.insert(*id).second) errors.Add(InvalidArgument(item, absl::StrCat("repeats organization ", *id)));
    out.push_back(*id);
  }
  RETURN_IF_ERROR(errors.Result());
  return out;
}

}  // namespace haicap::registry
