// LoadNationalCalendar: the calendar "VN" from the embedded data/calendars/*.csv files.
#include "services/deadlines/calendar/embedded_calendars.h"
#include "services/deadlines/calendar/working_calendar.h"

namespace haicap::deadlines {

absl::StatusOr<std::shared_ptr<const WorkingCalendar>> LoadNationalCalendar() {
  std::vector<DayEntry> entries;
  for (const embedded::CalendarFile& file : embedded::NationalCalendarFiles()) {
    absl::StatusOr<std::vector<DayEntry>> days = ParseDayEntries(file.csv, file.name);
    if (!days.ok()) return days.status();
    entries.insert(entries.end(), days->begin(), days->end());
  }
  // Also catches a day listed in two files.
  return WorkingCalendar::Create("VN", std::move(entries), OfficeHours::Default());
}

}  // namespace haicap::deadlines
