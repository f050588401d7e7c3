// Instants and dates as transfers use them (Vietnam dates, whole-second timestamps).
#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "google/protobuf/timestamp.pb.h"
#include "google/type/date.pb.h"

namespace haicap::transfers {

// A request's date (default `today`), not after today; INVALID_ARGUMENT naming `field`.
absl::StatusOr<absl::CivilDay> DayOrToday(bool has, const google::type::Date& date, absl::CivilDay today,
                                          const std::string& field);

}  // namespace haicap::transfers
