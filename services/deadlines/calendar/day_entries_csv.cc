// ParseDayEntries: calendar days as CSV (data/calendars/*.csv and admins' uploads).
#include <map>

#include "absl/strings/str_cat.h"
#include "common/civil_date.h"
#include "common/text/csv_table.h"
#include "services/deadlines/calendar/working_calendar.h"

namespace haicap::deadlines {
namespace {

constexpr std::string_view kHeader = "date,type,note";

absl::Status LineError(std::string_view source_name, int line, std::string_view problem) {
  return absl::InvalidArgumentError(
      absl::StrCat(std::string(source_name), " line ", line, ": ", std::string(problem)));
}

// A YYYY-MM-DD date that is a real day (absl would normalise 2025-02-30 to 2025-03-02).
bool ParseDate(std::string_view text, absl::CivilDay& day) {
  return absl::ParseCivilTime(absl::string_view(text.data(), text.size()), &day) && FormatDay(day) == text;
}

}  // namespace

absl::StatusOr<std::vector<DayEntry>> ParseDayEntries(std::string_view csv, std::string_view source_name) {
  absl::StatusOr<std::vector<text::CsvRow>> rows = text::ReadCsvTable(source_name, csv, kHeader);
  if (!rows.ok()) return rows.status();
  std::vector<DayEntry> entries;
  entries.reserve(rows->size());
  std::map<absl::CivilDay, int> line_of_day;
  for (const text::CsvRow& row : *rows) {
    DayEntry entry;
    if (!ParseDate(row.fields[0], entry.day)) {
      return LineError(source_name, row.line,
                       absl::StrCat("\"", std::string(row.fields[0]), "\" is not a date (YYYY-MM-DD)"));
    }
    absl::StatusOr<DayType> type = ParseDayType(row.fields[1]);
    if (!type.ok()) return LineError(source_name, row.line, std::string(type.status().message()));
    entry.type = *type;
    entry.note = std::string(row.fields[2]);
    if (absl::Status status = ValidateDayEntry(entry); !status.ok()) {
      return LineError(source_name, row.line, std::string(status.message()));
    }
    if (auto [it, inserted] = line_of_day.emplace(entry.day, row.line); !inserted) {
      return LineError(source_name, row.line,
                       absl::StrCat(std::string(row.fields[0]), " is already on line ", it->second));
    }
    entries.push_back(std::move(entry));
  }
  return entries;
}

}  // namespace haicap::deadlines
