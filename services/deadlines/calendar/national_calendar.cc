// The national calendar "VN": the official years shipped in data/calendars/*.csv (embedded), and
// the days the Labour Code's rule derives for the years not decided.
#include <algorithm>
#include <map>

#include "absl/strings/str_cat.h"
#include "services/deadlines/calendar/embedded_calendars.h"
#include "services/deadlines/calendar/statutory_days.h"
#include "services/deadlines/calendar/working_calendar.h"

namespace haicap::deadlines {

absl::StatusOr<std::vector<OfficialYear>> ShippedNationalYears() {
  std::map<int, OfficialYear> years;
  for (const embedded::CalendarFile& file : embedded::NationalCalendarFiles()) {
    absl::StatusOr<std::vector<DayEntry>> days = ParseDayEntries(file.csv, file.name);
    if (!days.ok()) return days.status();
    if (days->empty()) return absl::InvalidArgumentError(absl::StrCat(std::string(file.name), " has no days"));
    const int year = static_cast<int>(days->front().day.year());
    for (const DayEntry& day : *days) {
      if (day.day.year() != year) {
        return absl::InvalidArgumentError(
            absl::StrCat(std::string(file.name), ": every day must be in ", year, ", the year of its first day"));
      }
    }
    if (!years.emplace(year, OfficialYear{year, *std::move(days)}).second) {
      return absl::InvalidArgumentError(absl::StrCat("two shipped calendar files are for ", year));
    }
  }
  std::vector<OfficialYear> out;
  for (auto& [year, official] : years) out.push_back(std::move(official));
  return out;
}

std::vector<DayEntry> WithStatutoryDays(std::vector<DayEntry> official, const std::set<int>& decided_years) {
  std::sort(official.begin(), official.end(), [](const DayEntry& a, const DayEntry& b) { return a.day < b.day; });
  std::vector<DayEntry> days = official;
  for (int year = kFirstStatutoryYear; year <= kLastStatutoryYear; ++year) {
    if (decided_years.count(year)) continue;
    for (const DayEntry& derived : StatutoryDaysOff(year)) {
      const bool entered = std::binary_search(official.begin(), official.end(), derived,
                                              [](const DayEntry& a, const DayEntry& b) { return a.day < b.day; });
      if (!entered) days.push_back(derived);
    }
  }
  return days;
}

absl::StatusOr<std::shared_ptr<const WorkingCalendar>> LoadNationalCalendar() {
  absl::StatusOr<std::vector<OfficialYear>> shipped = ShippedNationalYears();
  if (!shipped.ok()) return shipped.status();
  std::vector<DayEntry> official;
  std::set<int> decided;
  for (const OfficialYear& year : *shipped) {
    decided.insert(year.year);
    official.insert(official.end(), year.days.begin(), year.days.end());
  }
  return WorkingCalendar::Create("VN", WithStatutoryDays(std::move(official), decided), OfficeHours::Default());
}

}  // namespace haicap::deadlines
