// Input checks shared by the registry's mutations. Each returns INVALID_ARGUMENT naming the
// field, and never touches storage.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "google/protobuf/repeated_field.h"
#include "haicap/registry/v1/registry.pb.h"

namespace haicap::registry {

// The effective date as a day number; `field` is usually "effective_date".
absl::StatusOr<int64_t> CheckEffectiveDate(const google::type::Date& date, std::string_view field);
// An optional as-of date: empty when unset.
absl::StatusOr<std::optional<int64_t>> CheckAsOf(const google::type::Date& date, std::string_view field);
// What has not happened yet cannot be recorded: INVALID_ARGUMENT naming `field` when `date` is
// after `today` (the day in Vietnam), "is after today (2026-07-01)", then ": " and `advice` when
// given. OK for an unset or invalid date, which other checks report.
absl::Status CheckNotAfterToday(const google::type::Date& date, absl::CivilDay today, std::string_view field,
                                std::string_view advice = "");
// The decision is optional; when given, its number and date must be sound.
absl::Status CheckDecision(const v1::Decision& decision, std::string_view field);
// A non-empty list of distinct organisation ids (at most `max`), parsed.
absl::StatusOr<std::vector<uint64_t>> CheckIdList(const google::protobuf::RepeatedPtrField<std::string>& ids,
                                                  std::string_view field, int max);

}  // namespace haicap::registry
