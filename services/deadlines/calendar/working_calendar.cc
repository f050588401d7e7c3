#include "services/deadlines/calendar/working_calendar.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "common/civil_date.h"
#include "common/errors.h"

namespace haicap::deadlines {
namespace {

constexpr int64_t FloorDiv(int64_t a, int64_t b) { return a / b - (a % b != 0 && (a < 0) != (b < 0)); }
constexpr int64_t FloorMod(int64_t a, int64_t b) { return a - FloorDiv(a, b) * b; }

// Day numbers (days since 1970-01-01, a Thursday) shifted so that 0 is a Monday.
constexpr int64_t kMondayShift = 3;

// Mon–Fri days before day `number`, counted from the Monday 1969-12-29 (negative before it).
constexpr int64_t WeekdaysBefore(int64_t number) {
  const int64_t x = number + kMondayShift;
  return FloorDiv(x, 7) * 5 + std::min<int64_t>(FloorMod(x, 7), 5);
}

// The day number of the Mon–Fri day with WeekdaysBefore == `index`.
constexpr int64_t WeekdayAt(int64_t index) {
  return FloorDiv(index, 5) * 7 + FloorMod(index, 5) - kMondayShift;
}

constexpr bool IsWeekend(int64_t number) { return FloorMod(number + kMondayShift, 7) >= 5; }

bool IsWeekend(absl::CivilDay day) { return IsWeekend(DayNumber(day)); }

bool WorksOn(DayType type) { return type == DayType::kMakeupWorkday; }

constexpr std::pair<DayType, std::string_view> kDayTypeNames[] = {
    {DayType::kHoliday, "HOLIDAY"},
    {DayType::kCompensatoryDayOff, "COMPENSATORY_DAY_OFF"},
    {DayType::kSwappedDayOff, "SWAPPED_DAY_OFF"},
    {DayType::kMakeupWorkday, "MAKEUP_WORKDAY"},
};

}  // namespace

std::string_view DayTypeName(DayType type) {
  for (const auto& [known, name] : kDayTypeNames) {
    if (known == type) return name;
  }
  return "UNKNOWN";
}

absl::StatusOr<DayType> ParseDayType(std::string_view name) {
  for (const auto& [type, known] : kDayTypeNames) {
    if (known == name) return type;
  }
  return absl::InvalidArgumentError(
      absl::StrCat("unknown day type \"", std::string(name),
                   "\" (HOLIDAY, COMPENSATORY_DAY_OFF, SWAPPED_DAY_OFF or MAKEUP_WORKDAY)"));
}

absl::Status ValidateDayEntry(const DayEntry& entry) {
  if (entry.day.year() < kMinYear || entry.day.year() > kMaxYear) {
    return absl::InvalidArgumentError(
        absl::StrCat(FormatDay(entry.day), " is outside the years ", kMinYear, "–", kMaxYear));
  }
  const bool weekend = IsWeekend(entry.day);
  if (entry.type == DayType::kMakeupWorkday && !weekend) {
    return absl::InvalidArgumentError(
        absl::StrCat("a MAKEUP_WORKDAY must be a Saturday or Sunday; ", FormatDay(entry.day), " is a weekday"));
  }
  if ((entry.type == DayType::kCompensatoryDayOff || entry.type == DayType::kSwappedDayOff) && weekend) {
    return absl::InvalidArgumentError(absl::StrCat("a ", std::string(DayTypeName(entry.type)), " must be a Mon–Fri; ",
                                                   FormatDay(entry.day), " is a weekend day"));
  }
  return absl::OkStatus();
}

absl::Status ValidateDayEntries(const std::vector<DayEntry>& entries) {
  std::vector<std::pair<absl::CivilDay, size_t>> days;
  days.reserve(entries.size());
  for (size_t i = 0; i < entries.size(); ++i) {
    if (absl::Status status = ValidateDayEntry(entries[i]); !status.ok()) {
      return InvalidArgument(absl::StrCat("entries[", i, "].day"), std::string(status.message()));
    }
    days.emplace_back(entries[i].day, i);
  }
  std::sort(days.begin(), days.end());
  for (size_t i = 1; i < days.size(); ++i) {
    if (days[i].first == days[i - 1].first) {
      return InvalidArgument(absl::StrCat("entries[", days[i].second, "].day"),
                             absl::StrCat(FormatDay(days[i].first), " is also entries[", days[i - 1].second, "]"));
    }
  }
  return absl::OkStatus();
}

OfficeHours OfficeHours::Default() {
  return OfficeHours{{{absl::Hours(7), absl::Hours(11) + absl::Minutes(30)},
                      {absl::Hours(13) + absl::Minutes(30), absl::Hours(17)}}};
}

absl::Duration OfficeHours::PerDay() const {
  absl::Duration total;
  for (const auto& [start, end] : windows) total += end - start;
  return total;
}

absl::Status ValidateOfficeHours(const OfficeHours& hours) {
  if (hours.windows.empty()) return InvalidArgument("office_hours", "at least one office window is required");
  absl::Duration previous_end;
  for (size_t i = 0; i < hours.windows.size(); ++i) {
    const auto& [start, end] = hours.windows[i];
    const std::string field = absl::StrCat("office_hours.windows[", i, "]");
    if (start < absl::ZeroDuration() || end > absl::Hours(24)) {
      return InvalidArgument(field, "a window must lie within the day (00:00–24:00)");
    }
    if (start >= end) return InvalidArgument(field, "a window must end after it starts");
    if (start < previous_end) {
      return InvalidArgument(field, "windows must be in order of time and must not overlap");
    }
    previous_end = end;
  }
  return absl::OkStatus();
}

WorkingCalendar::WorkingCalendar(std::string id, std::vector<DayEntry> entries, OfficeHours hours,
                                 std::shared_ptr<const WorkingCalendar> base)
    : id_(std::move(id)), entries_(std::move(entries)), hours_(std::move(hours)), base_(std::move(base)) {
  std::stable_sort(entries_.begin(), entries_.end(),
                   [](const DayEntry& a, const DayEntry& b) { return a.day < b.day; });

  for (const DayEntry& entry : entries_) {
    if (entry.source == DaySource::kStatutoryRule) provisional_years_.push_back(entry.day.year());
  }
  if (base_ != nullptr) {
    provisional_years_.insert(provisional_years_.end(), base_->provisional_years_.begin(),
                              base_->provisional_years_.end());
  }
  std::sort(provisional_years_.begin(), provisional_years_.end());
  provisional_years_.erase(std::unique(provisional_years_.begin(), provisional_years_.end()),
                           provisional_years_.end());

  // The table spans whole years covering this calendar's entries and its base's table.
  bool has_range = false;
  int64_t first = 0;
  int64_t end = 0;
  if (!entries_.empty()) {
    first = DayNumber(absl::CivilDay(entries_.front().day.year(), 1, 1));
    end = DayNumber(absl::CivilDay(entries_.back().day.year() + 1, 1, 1));
    has_range = true;
  }
  if (base_ != nullptr && base_->index_in_table_.size() > 1) {
    const int64_t base_end = base_->table_begin_ + static_cast<int64_t>(base_->index_in_table_.size()) - 1;
    first = has_range ? std::min(first, base_->table_begin_) : base_->table_begin_;
    end = has_range ? std::max(end, base_end) : base_end;
    has_range = true;
  }
  if (!has_range) return;  // weekdays only

  table_begin_ = first;
  index_at_begin_ = WeekdaysBefore(first);
  index_in_table_.reserve(end - first + 1);
  index_in_table_.push_back(0);
  for (int64_t number = first; number < end; ++number) {
    const DayEntry* entry = EntryFor(FromDayNumber(number));
    const bool working = entry != nullptr ? WorksOn(entry->type) : !IsWeekend(number);
    if (working) working_days_.push_back(static_cast<int32_t>(number - first));
    index_in_table_.push_back(static_cast<int32_t>(working_days_.size()));
  }
  index_shift_after_ = index_at_begin_ + static_cast<int64_t>(working_days_.size()) - WeekdaysBefore(end);
}

absl::StatusOr<std::shared_ptr<const WorkingCalendar>> WorkingCalendar::Create(
    std::string id, std::vector<DayEntry> entries, OfficeHours hours, std::shared_ptr<const WorkingCalendar> base) {
  if (absl::Status status = ValidateDayEntries(entries); !status.ok()) return status;
  if (absl::Status status = ValidateOfficeHours(hours); !status.ok()) return status;
  return std::make_shared<const WorkingCalendar>(std::move(id), std::move(entries), std::move(hours),
                                                 std::move(base));
}

bool WorkingCalendar::HasDaysIn(int64_t year) const {
  auto it = std::lower_bound(entries_.begin(), entries_.end(), absl::CivilDay(year, 1, 1),
                             [](const DayEntry& entry, absl::CivilDay d) { return entry.day < d; });
  if (it != entries_.end() && it->day.year() == year) return true;
  return base_ != nullptr && base_->HasDaysIn(year);
}

bool WorkingCalendar::IsProvisional(int64_t year) const {
  return std::binary_search(provisional_years_.begin(), provisional_years_.end(), year);
}

std::vector<int64_t> WorkingCalendar::ProvisionalYears(int64_t first, int64_t last) const {
  auto begin = std::lower_bound(provisional_years_.begin(), provisional_years_.end(), first);
  auto end = std::upper_bound(provisional_years_.begin(), provisional_years_.end(), last);
  return std::vector<int64_t>(begin, end);
}

const DayEntry* WorkingCalendar::EntryFor(absl::CivilDay day) const {
  auto it = std::lower_bound(entries_.begin(), entries_.end(), day,
                             [](const DayEntry& entry, absl::CivilDay d) { return entry.day < d; });
  if (it != entries_.end() && it->day == day) return &*it;
  return base_ != nullptr ? base_->EntryFor(day) : nullptr;
}

bool WorkingCalendar::IsWorkingDayNumber(int64_t number) const {
  const int64_t offset = number - table_begin_;
  if (offset >= 0 && offset + 1 < static_cast<int64_t>(index_in_table_.size())) {
    return index_in_table_[offset + 1] != index_in_table_[offset];
  }
  return !IsWeekend(number);
}

bool WorkingCalendar::IsWorkingDay(absl::CivilDay day) const { return IsWorkingDayNumber(DayNumber(day)); }

std::string WorkingCalendar::WhyNotWorking(absl::CivilDay day) const {
  if (IsWorkingDay(day)) return "";
  if (const DayEntry* entry = EntryFor(day); entry != nullptr) {
    std::string why(DayTypeName(entry->type));
    if (entry->source == DaySource::kStatutoryRule) why += " (provisional)";
    return entry->note.empty() ? why : absl::StrCat(why, ": ", entry->note);
  }
  return absl::GetWeekday(day) == absl::Weekday::saturday ? "Saturday" : "Sunday";
}

int64_t WorkingCalendar::IndexOfDayNumber(int64_t number) const {
  const int64_t offset = number - table_begin_;
  if (offset < 0) return WeekdaysBefore(number);
  if (offset < static_cast<int64_t>(index_in_table_.size())) return index_at_begin_ + index_in_table_[offset];
  return WeekdaysBefore(number) + index_shift_after_;
}

int64_t WorkingCalendar::WorkingDayIndex(absl::CivilDay day) const { return IndexOfDayNumber(DayNumber(day)); }

absl::CivilDay WorkingCalendar::WorkingDayAt(int64_t index) const {
  const int64_t in_table = index - index_at_begin_;
  if (in_table < 0) return FromDayNumber(WeekdayAt(index));
  if (in_table < static_cast<int64_t>(working_days_.size())) {
    return FromDayNumber(table_begin_ + working_days_[in_table]);
  }
  return FromDayNumber(WeekdayAt(index - index_shift_after_));
}

}  // namespace haicap::deadlines
