// The national days off the Labour Code 2019 art. 112 fixes by rule (docs/domain.md §5), for a year
// whose official decision is not entered: 1/1; Tết, the last day of the lunar year and the first
// four of the new one; Giỗ Tổ Hùng Vương (10/3 lunar); 30/4; 1/5; 2/9 and the day before it (as the
// 2025 and 2026 decisions chose); and for a holiday on a Saturday or Sunday a compensatory day off
// on the next working day. Swaps and make-up Saturdays come only from each year's decision, so
// they are never derived. Every derived day has DaySource::kStatutoryRule (provisional).
#pragma once

#include <string>
#include <vector>

#include "services/deadlines/calendar/working_calendar.h"

namespace haicap::deadlines {

// The years the rule is applied to: from the Labour Code 2019's entry into force (1/1/2021) to
// the end of the century. Outside them only weekends are known.
inline constexpr int kFirstStatutoryYear = 2021;
inline constexpr int kLastStatutoryYear = 2100;

// The derived days off of `year`, by day (empty outside the years above).
const std::vector<DayEntry>& StatutoryDaysOff(int year);

// The lunar year's name, e.g. "Bính Ngọ" for the one beginning in 2026.
std::string LunarYearName(int lunar_year);

}  // namespace haicap::deadlines
