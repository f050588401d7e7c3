#include "services/transfers/transfer_time.h"

#include "common/civil_date.h"
#include "common/errors.h"
#include "common/status_macros.h"

namespace haicap::transfers {

absl::StatusOr<absl::CivilDay> DayOrToday(bool has, const google::type::Date& date, absl::CivilDay today,
                                          const std::string& field) {
  if (!has) return today;
  ASSIGN_OR_RETURN(absl::CivilDay day, ToCivilDay(date, field));
  if (day > today) return InvalidArgument(field, "is in the future");
  return day;
}

}  // namespace haicap::transfers
