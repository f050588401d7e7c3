// Working-day calendars (docs/domain.md §4–5): which days a public office works, and its office hours.
// A working day is Mon–Fri unless the calendar marks it HOLIDAY, COMPENSATORY_DAY_OFF or
// SWAPPED_DAY_OFF; a Saturday or Sunday is a working day only when marked MAKEUP_WORKDAY. The days
// are yearly decisions: the national calendar "VN" ships with data/calendars/*.csv, years without
// a decision get the days the Labour Code's rule derives (statutory_days.h, provisional), and a
// province may layer its own calendar on it.
#pragma once

#include <cstdint>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"

namespace haicap::deadlines {

enum class DayType { kHoliday, kCompensatoryDayOff, kSwappedDayOff, kMakeupWorkday };

// Where a day comes from: an official decision (shipped, imported or entered by an admin), or the
// Labour Code's rule for a year not decided yet (provisional: the decision may differ).
enum class DaySource { kOfficialDecision, kStatutoryRule };

// "HOLIDAY", "COMPENSATORY_DAY_OFF", "SWAPPED_DAY_OFF", "MAKEUP_WORKDAY" (the CSV and proto names).
std::string_view DayTypeName(DayType type);
// The inverse of DayTypeName; INVALID_ARGUMENT for any other text.
absl::StatusOr<DayType> ParseDayType(std::string_view name);

struct DayEntry {
  absl::CivilDay day;
  DayType type = DayType::kHoliday;
  std::string note;  // e.g. "Quốc khánh", "làm bù cho ngày 02/5/2025"
  DaySource source = DaySource::kOfficialDecision;

  friend bool operator==(const DayEntry&, const DayEntry&) = default;
};

// OK when the day is within [kMinYear, kMaxYear] (common/civil_date.h), a MAKEUP_WORKDAY is a
// Saturday or Sunday, and a COMPENSATORY_DAY_OFF or SWAPPED_DAY_OFF is a Mon–Fri (a HOLIDAY may fall
// on any day). Otherwise INVALID_ARGUMENT saying which rule the entry breaks.
absl::Status ValidateDayEntry(const DayEntry& entry);
// ValidateDayEntry for each entry, and the days are distinct. Errors name the entry ("entries[3].day").
absl::Status ValidateDayEntries(const std::vector<DayEntry>& entries);

// Office windows within a day, as offsets from local midnight (Asia/Ho_Chi_Minh).
struct OfficeHours {
  std::vector<std::pair<absl::Duration, absl::Duration>> windows;

  // 07:00–11:30 and 13:30–17:00: 8 working hours, as deployed one-stop systems count them.
  static OfficeHours Default();
  absl::Duration Opening() const { return windows.front().first; }  // REQUIRES: valid
  absl::Duration Closing() const { return windows.back().second; }  // REQUIRES: valid
  absl::Duration PerDay() const;                                     // the sum of the windows

  friend bool operator==(const OfficeHours&, const OfficeHours&) = default;
};

// OK when there is at least one window, each is non-empty and within [00:00, 24:00], and they are
// sorted and do not overlap (one may start where the previous ends). Otherwise INVALID_ARGUMENT.
absl::Status ValidateOfficeHours(const OfficeHours& hours);

// An immutable, thread-safe calendar. Lookups are O(1) (IsWorkingDay, WorkingDayIndex, WorkingDayAt):
// the constructor precomputes, over the years its entries (and its base's) cover, a table of working
// days and their running count; outside those years only weekends are days off.
class WorkingCalendar {
 public:
  // `base` (may be null): the calendar this one is layered on (a province's on the national "VN");
  // an entry here overrides the base's entry for the same day; office hours are this calendar's.
  // REQUIRES: ValidateDayEntries(entries) and ValidateOfficeHours(hours) are OK (Create checks them).
  WorkingCalendar(std::string id, std::vector<DayEntry> entries, OfficeHours hours,
                  std::shared_ptr<const WorkingCalendar> base = nullptr);
  // The constructor after validating its arguments.
  static absl::StatusOr<std::shared_ptr<const WorkingCalendar>> Create(
      std::string id, std::vector<DayEntry> entries, OfficeHours hours,
      std::shared_ptr<const WorkingCalendar> base = nullptr);

  const std::string& id() const { return id_; }
  const OfficeHours& office_hours() const { return hours_; }
  const std::shared_ptr<const WorkingCalendar>& base() const { return base_; }

  // The entry in force for `day` (own, else the base's), or null.
  const DayEntry* EntryFor(absl::CivilDay day) const;
  // Mon–Fri unless HOLIDAY / COMPENSATORY_DAY_OFF / SWAPPED_DAY_OFF; Sat/Sun only when MAKEUP_WORKDAY.
  bool IsWorkingDay(absl::CivilDay day) const;
  // Why `day` is not a working day: "Saturday", "Sunday", or the entry's type and note
  // ("HOLIDAY: Quốc khánh", "HOLIDAY (provisional): Tết Nguyên đán ..." for a derived day); empty
  // if it is a working day.
  std::string WhyNotWorking(absl::CivilDay day) const;
  // True when this calendar or its base has any entry in `year`: a year without one is only known
  // to have weekends (its holidays are yearly data not entered yet).
  bool HasDaysIn(int64_t year) const;
  // True when `year`'s days off (here or in the base) include days derived from the Labour Code's
  // rule: an answer that counts days of that year is provisional until its decision is entered.
  bool IsProvisional(int64_t year) const;
  // The provisional years among [first, last], in order.
  std::vector<int64_t> ProvisionalYears(int64_t first, int64_t last) const;
  // Own entries, by day.
  std::vector<DayEntry> Entries() const { return entries_; }

  // The number of working days before `day`, counted from a fixed origin: the difference of two
  // indexes is the number of working days between them. O(1).
  int64_t WorkingDayIndex(absl::CivilDay day) const;
  // The working day whose WorkingDayIndex is `index`. O(1).
  absl::CivilDay WorkingDayAt(int64_t index) const;
  // The first working day on or after `day`.
  absl::CivilDay FirstWorkingDayFrom(absl::CivilDay day) const { return WorkingDayAt(WorkingDayIndex(day)); }

 private:
  bool IsWorkingDayNumber(int64_t number) const;
  int64_t IndexOfDayNumber(int64_t number) const;

  std::string id_;
  std::vector<DayEntry> entries_;  // sorted by day, distinct days
  std::vector<int64_t> provisional_years_;  // sorted: years with a derived entry here or in the base
  OfficeHours hours_;
  std::shared_ptr<const WorkingCalendar> base_;

  // The precomputed table over day numbers [table_begin_, table_begin_ + index_in_table_.size() - 1),
  // whole years covering every entry in force. Outside it, only weekends are days off.
  int64_t table_begin_ = 0;
  std::vector<int32_t> index_in_table_;  // per day and one past the end: the table's working days before it
  std::vector<int32_t> working_days_;    // the table's working days, as offsets from table_begin_
  int64_t index_at_begin_ = 0;           // WorkingDayIndex of the table's first day
  int64_t index_shift_after_ = 0;        // after the table: WorkingDayIndex minus the Mon–Fri count
};

// One year's days as an official decision gives them.
struct OfficialYear {
  int year = 0;
  std::vector<DayEntry> days;
};

// The official years shipped in data/calendars/*.csv (compiled into the library), one per file, by
// year. INVALID_ARGUMENT when a file does not parse or mixes years.
absl::StatusOr<std::vector<OfficialYear>> ShippedNationalYears();

// `official` and, for each year of the rule (statutory_days.h) not in `decided_years`, the days it
// derives, except on days `official` already has: the national calendar's days in force.
std::vector<DayEntry> WithStatutoryDays(std::vector<DayEntry> official, const std::set<int>& decided_years);

// The national calendar "VN" as a fresh installation has it: the shipped years, the derived days
// of the others, and the default office hours.
absl::StatusOr<std::shared_ptr<const WorkingCalendar>> LoadNationalCalendar();

// Parses calendar day rows: CSV with the header "date,type,note", dates as YYYY-MM-DD, type one of
// HOLIDAY, COMPENSATORY_DAY_OFF, SWAPPED_DAY_OFF, MAKEUP_WORKDAY, notes without commas or quotes.
// Each entry must pass ValidateDayEntry and the days must be distinct.
// Errors are INVALID_ARGUMENT "<source_name> line <n>: ...".
absl::StatusOr<std::vector<DayEntry>> ParseDayEntries(std::string_view csv,
                                                      std::string_view source_name = "calendar days");

}  // namespace haicap::deadlines
