// ImportCalendarYear: one year's official decision replaces the calendar's own days of that year
// (and, on "VN", the rule's provisional days of it). The plan is made under the shared lock, the
// dossiers it moves are previewed without any lock, and the commit checks that the calendar did
// not change in between.
#include <algorithm>
#include <map>
#include <set>

#include "absl/strings/str_cat.h"
#include "common/civil_date.h"
#include "common/errors.h"
#include "common/status_macros.h"
#include "common/storage/idempotency.h"
#include "services/deadlines/calendar/statutory_days.h"
#include "services/deadlines/calendar_book.h"
#include "services/deadlines/calendar_checks.h"
#include "services/deadlines/calendar_convert.h"

namespace haicap::deadlines {
namespace {

// The most moved dossiers an answer lists (moved_count counts them all).
constexpr int kMaxMovedListed = 1000;

absl::Status CheckImport(const v1::ImportCalendarYearRequest& request) {
  ValidationErrors errors;
  errors.Add(storage::ValidateRequestId(request.request_id()));
  errors.Add(CheckCalendarId(request.calendar_id(), "calendar_id"));
  if (request.year() < kFirstStatutoryYear || request.year() > kLastStatutoryYear) {
    errors.Add(InvalidArgument("year", absl::StrCat("must be ", kFirstStatutoryYear, "–", kLastStatutoryYear)));
  }
  if (request.days_size() > kMaxDaysPerCall) errors.Add(InvalidArgument("days", "at most 400 days per year"));
  std::set<int64_t> seen;
  for (int i = 0; i < request.days_size(); ++i) {
    const std::string field = absl::StrCat("days[", i, "]");
    const absl::Status day = CheckDay(request.days(i), field);
    errors.Add(day);
    if (!day.ok()) continue;
    if (request.days(i).date().year() != request.year()) {
      errors.Add(InvalidArgument(field + ".date", absl::StrCat("is not in ", request.year())));
    } else if (!seen.insert(DayNumber(request.days(i).date())).second) {
      errors.Add(InvalidArgument(field + ".date", "is named twice"));
    }
  }
  if (request.calendar_id() == kNationalCalendarId && request.days().empty()) {
    errors.Add(InvalidArgument("days", "a national decision has days off: an empty year would leave only weekends"));
  }
  return errors.Result();
}

bool SameDay(const DayEntry* a, const DayEntry* b) {
  return a == nullptr || b == nullptr ? a == b : *a == *b;
}

}  // namespace

absl::StatusOr<v1::ImportCalendarYearResponse> CalendarBook::ImportYear(const v1::ImportCalendarYearRequest& request,
                                                                        const std::string& actor,
                                                                        const MovePreview& preview) {
  RETURN_IF_ERROR(CheckImport(request));
  const std::string& id = request.calendar_id();
  const int year = request.year();
  const auto run = [&](rocksdb::WriteBatch* batch) -> absl::StatusOr<v1::ImportCalendarYearResponse> {
    v1::ImportCalendarYearResponse response;
    response.set_validate_only(request.validate_only());
    v1::Calendar next;
    v1::CalendarChange change;
    WorkingCalendars moved_calendars;
    {
      absl::ReaderMutexLock lock(&mu_);
      auto it = calendars_.find(id);
      if (it == calendars_.end()) return NotFound("CALENDAR_NOT_FOUND", absl::StrCat("calendar_id: no calendar ", id));
      if (!request.etag().empty() && request.etag() != absl::StrCat(it->second.revision())) {
        return Aborted("ETAG_MISMATCH", absl::StrCat("calendar ", id, " changed since it was read"));
      }
      next = it->second;
      next.clear_days();
      for (const auto& day : it->second.days()) {
        if (day.date().year() != year) {
          *next.add_days() = day;
        } else {
          *change.add_removed() = day.date();
        }
      }
      for (const auto& day : request.days()) *change.add_upserted() = *next.add_days() = EnteredDay(day);
      std::sort(next.mutable_days()->begin(), next.mutable_days()->end(),
                [](const auto& a, const auto& b) { return DayNumber(a.date()) < DayNumber(b.date()); });
      const auto& decided = it->second.decided_years();
      if (next.base_calendar_id().empty() && std::find(decided.begin(), decided.end(), year) == decided.end()) {
        next.add_decided_years(year);
        change.add_decided_years(year);
      }
      std::map<std::string, v1::Calendar> calendars = calendars_;
      calendars[id] = next;
      ASSIGN_OR_RETURN(WorkingCalendars built, Build(calendars));
      const WorkingCalendar& before = *working_.at(id);
      const WorkingCalendar& after = *built.at(id);
      for (absl::CivilDay d(year, 1, 1); d.year() == year; ++d) {
        if (SameDay(before.EntryFor(d), after.EntryFor(d))) continue;
        v1::CalendarDayDifference& difference = *response.add_differences();
        *difference.mutable_date() = ToProtoDate(d);
        if (before.EntryFor(d) != nullptr) *difference.mutable_before() = ToCalendarDay(*before.EntryFor(d));
        if (after.EntryFor(d) != nullptr) *difference.mutable_after() = ToCalendarDay(*after.EntryFor(d));
      }
      if (next.base_calendar_id().empty()) {
        for (const DayEntry& holiday : StatutoryDaysOff(year)) {
          if (holiday.type == DayType::kHoliday && after.IsWorkingDay(holiday.day)) {
            response.add_warnings(absl::StrCat("the decision makes ", FormatDay(holiday.day),
                                               " a working day, while the Labour Code's rule has it off (",
                                               holiday.note, "): check the file"));
          }
        }
      }
      for (const std::string& affected : WithDependents(id)) moved_calendars[affected] = built.at(affected);
      *response.mutable_calendar() = WithEtag(YearView(it->second, before, year));
    }
    ASSIGN_OR_RETURN(std::vector<v1::MovedDossier> moved, preview(moved_calendars));
    response.set_moved_count(static_cast<int32_t>(moved.size()));
    for (size_t i = 0; i < moved.size() && i < kMaxMovedListed; ++i) *response.add_moved() = std::move(moved[i]);
    if (request.validate_only()) return response;
    absl::MutexLock lock(&mu_);
    if (calendars_.at(id).revision() != next.revision()) {
      return Aborted("CALENDAR_CHANGED", absl::StrCat("calendar ", id, " changed during the import: run it again"));
    }
    RETURN_IF_ERROR(Commit(next, std::move(change), actor, request.request_id(), batch));
    *response.mutable_calendar() = WithEtag(YearView(calendars_.at(id), *working_.at(id), year));
    return response;
  };
  if (request.validate_only()) {
    rocksdb::WriteBatch unused;
    return run(&unused);
  }
  absl::StatusOr<v1::ImportCalendarYearResponse> imported =
      store_->idempotency().Run<v1::ImportCalendarYearResponse>("ImportCalendarYear", request.request_id(), run);
  if (imported.ok() && days_changed_) days_changed_();
  return imported;
}

}  // namespace haicap::deadlines
