#include "services/deadlines/calendar_book.h"

#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/proto_time.h"
#include "common/civil_date.h"
#include "common/errors.h"
#include "common/logging.h"
#include "common/status_macros.h"
#include "common/storage/idempotency.h"
#include "common/text/text.h"
#include "services/deadlines/calendar/due_date.h"
#include "services/deadlines/calendar/lunar_calendar.h"
#include "services/deadlines/calendar/statutory_days.h"
#include "services/deadlines/calendar_checks.h"
#include "services/deadlines/calendar_convert.h"

namespace haicap::deadlines {
namespace {

constexpr int kMaxNameChars = 200;
constexpr int64_t kMaxDays = 3650;
constexpr int64_t kMaxHours = 10000;

// "2027" or "2027, 2028".
std::string Years(const google::protobuf::RepeatedField<int32_t>& years) { return absl::StrJoin(years, ", "); }

// The caveats of an answer that counts the days of [first, last] on `calendar`: its provisional
// years, and warnings for them and for years without any days known.
template <typename Response>
void AddCaveats(const WorkingCalendar& calendar, int64_t first, int64_t last, Response& response) {
  for (int64_t year : calendar.ProvisionalYears(first, last)) response.add_provisional_years(static_cast<int32_t>(year));
  if (!response.provisional_years().empty()) {
    response.add_warnings(absl::StrCat(
        "the days of ", Years(response.provisional_years()), " on calendar ", calendar.id(),
        " are provisional: the Labour Code's rule (art. 112), no official decision entered; the answer may change "
        "when it is (ImportCalendarYear: haicapctl calendar import VN ", response.provisional_years(0), ".csv)"));
  }
  for (int64_t year = first; year <= last; ++year) {
    if (!calendar.HasDaysIn(year)) {
      response.add_warnings(absl::StrCat("calendar ", calendar.id(), " has no days for ", year, " (the rule covers ",
                                         kFirstStatutoryYear, "–", kLastStatutoryYear,
                                         "): only Saturdays and Sundays were skipped in it"));
    }
  }
}

}  // namespace

absl::StatusOr<std::unique_ptr<CalendarBook>> CalendarBook::Open(CalendarStore* store, const Clock* clock,
                                                                  const std::vector<OfficialYear>& shipped) {
  std::unique_ptr<CalendarBook> book(new CalendarBook(store, clock));
  ASSIGN_OR_RETURN(std::vector<v1::Calendar> stored, store->ReadAll());
  std::map<std::string, v1::Calendar> calendars;
  for (auto& c : stored) calendars[c.id()] = std::move(c);
  absl::MutexLock lock(&book->mu_);
  if (!calendars.count(kNationalCalendarId)) {
    // First start: the national calendar's decisions come from the shipped data (data/calendars/).
    v1::Calendar national;
    national.set_id(kNationalCalendarId);
    national.set_name("Lịch làm việc quốc gia (Bộ luật Lao động 2019, Điều 112)");
    SetOfficeHours(OfficeHours::Default(), national.mutable_office_hours());
    calendars[kNationalCalendarId] = national;
  }
  RETURN_IF_ERROR(book->Install(std::move(calendars)));
  RETURN_IF_ERROR(book->MergeShippedYears(shipped));
  return book;
}

absl::Status CalendarBook::MergeShippedYears(const std::vector<OfficialYear>& shipped) {
  v1::Calendar next = calendars_.at(kNationalCalendarId);
  const std::set<int> decided(next.decided_years().begin(), next.decided_years().end());
  std::map<int64_t, v1::CalendarDay> days;
  for (const auto& day : next.days()) days[DayNumber(day.date())] = day;
  v1::CalendarChange change;
  for (const OfficialYear& year : shipped) {
    if (decided.count(year.year)) continue;
    for (const DayEntry& entry : year.days) {
      // A day an admin entered on the same date stays.
      if (days.emplace(DayNumber(entry.day), ToCalendarDay(entry)).second) *change.add_upserted() = ToCalendarDay(entry);
    }
    change.add_decided_years(year.year);
    next.add_decided_years(year.year);
  }
  if (change.decided_years().empty()) return absl::OkStatus();
  next.clear_days();
  for (auto& [number, day] : days) *next.add_days() = std::move(day);
  LogInfo("shipped calendar years merged",
          {{"calendar", kNationalCalendarId}, {"years", std::vector<int>(change.decided_years().begin(),
                                                                           change.decided_years().end())}});
  rocksdb::WriteBatch batch;
  return Commit(next, std::move(change), kShippedDataActor, "", &batch);
}

absl::StatusOr<CalendarBook::WorkingCalendars> CalendarBook::Build(const std::map<std::string, v1::Calendar>& calendars) {
  WorkingCalendars working;
  // Bases before the calendars on them: a calendar's base always exists before it does.
  std::function<absl::StatusOr<std::shared_ptr<const WorkingCalendar>>(const std::string&, int)> build =
      [&](const std::string& id, int depth) -> absl::StatusOr<std::shared_ptr<const WorkingCalendar>> {
    if (auto it = working.find(id); it != working.end()) return it->second;
    auto found = calendars.find(id);
    if (found == calendars.end() || depth > 8) return Internal("CORRUPT_CALENDAR", absl::StrCat("calendar ", id, " is missing"));
    const v1::Calendar& c = found->second;
    std::shared_ptr<const WorkingCalendar> base;
    if (!c.base_calendar_id().empty()) {
      ASSIGN_OR_RETURN(base, build(c.base_calendar_id(), depth + 1));
    }
    std::vector<DayEntry> entries;
    for (const auto& day : c.days()) entries.push_back(ToDayEntry(day));
    // The national calendar: the years without a decision get the rule's days.
    if (base == nullptr) {
      entries = WithStatutoryDays(std::move(entries), std::set<int>(c.decided_years().begin(), c.decided_years().end()));
    }
    auto calendar = std::make_shared<const WorkingCalendar>(id, std::move(entries), ToOfficeHours(c.office_hours()), base);
    working[id] = calendar;
    return calendar;
  };
  for (const auto& [id, calendar] : calendars) RETURN_IF_ERROR(build(id, 0).status());
  return working;
}

absl::Status CalendarBook::Install(std::map<std::string, v1::Calendar> calendars) {
  ASSIGN_OR_RETURN(WorkingCalendars working, Build(calendars));
  calendars_ = std::move(calendars);
  working_ = std::move(working);
  return absl::OkStatus();
}

absl::Status CalendarBook::Commit(const v1::Calendar& calendar, v1::CalendarChange change, const std::string& actor,
                                  const std::string& request_id, rocksdb::WriteBatch* batch) {
  v1::Calendar next = calendar;
  next.set_revision(calendar.revision() + 1);
  change.set_calendar_id(next.id());
  change.set_revision(next.revision());
  change.set_actor(actor);
  *change.mutable_recorded_at() = ToTimestamp(clock_->Now());
  change.set_request_id(request_id);
  store_->PutCalendar(batch, next);
  for (const auto& day : change.upserted()) store_->PutDay(batch, next.id(), day);
  for (const auto& date : change.removed()) store_->DeleteDay(batch, next.id(), date);
  store_->PutChange(batch, change);
  if (!change.upserted().empty() || !change.removed().empty() || !change.decided_years().empty()) {
    for (const std::string& id : WithDependents(next.id())) store_->MarkRecompute(batch, id);
  }
  std::map<std::string, v1::Calendar> calendars = calendars_;
  calendars[next.id()] = next;
  // Check the new state builds before anything is written.
  std::map<std::string, v1::Calendar> previous = calendars_;
  RETURN_IF_ERROR(Install(calendars));
  absl::Status written = store_->db()->Commit(batch);
  if (!written.ok()) {
    Install(std::move(previous)).IgnoreError();
    return written;
  }
  return absl::OkStatus();
}

std::vector<std::string> CalendarBook::WithDependents(const std::string& id) const {
  std::vector<std::string> ids = {id};
  for (size_t i = 0; i < ids.size(); ++i) {
    for (const auto& [other, calendar] : calendars_) {
      if (calendar.base_calendar_id() == ids[i]) ids.push_back(other);
    }
  }
  return ids;
}

absl::StatusOr<std::shared_ptr<const WorkingCalendar>> CalendarBook::Find(const std::string& id,
                                                                          std::string_view field) const {
  absl::ReaderMutexLock lock(&mu_);
  auto it = working_.find(id);
  if (it == working_.end()) {
    return NotFound("CALENDAR_NOT_FOUND", absl::StrCat(std::string(field), ": no calendar ", id));
  }
  return it->second;
}

v1::Calendar CalendarBook::YearView(const v1::Calendar& calendar, const WorkingCalendar& working, int year) {
  v1::Calendar view = calendar;
  view.clear_days();
  for (absl::CivilDay d(year, 1, 1); d.year() == year; ++d) {
    const DayEntry* entry = working.EntryFor(d);
    if (entry == nullptr) continue;
    const WorkingCalendar* owner = &working;
    while (owner->base() != nullptr && owner->base()->EntryFor(d) == entry) owner = owner->base().get();
    v1::CalendarDay& day = *view.add_days() = ToCalendarDay(*entry);
    day.set_calendar_id(owner->id());
    const LunarDate lunar = ToLunar(d);
    day.mutable_lunar_date()->set_year(lunar.year);
    day.mutable_lunar_date()->set_month(lunar.month);
    day.mutable_lunar_date()->set_day(lunar.day);
    day.mutable_lunar_date()->set_leap(lunar.leap);
  }
  view.set_provisional(working.IsProvisional(year));
  return view;
}

absl::StatusOr<v1::Calendar> CalendarBook::Get(const v1::GetCalendarRequest& request) const {
  RETURN_IF_ERROR(CheckCalendarId(request.id(), "id"));
  if (request.year() != 0 && (request.year() < kMinYear || request.year() > kMaxYear)) {
    return InvalidArgument("year", "is not a plausible year");
  }
  absl::ReaderMutexLock lock(&mu_);
  auto it = calendars_.find(request.id());
  if (it == calendars_.end()) return NotFound("CALENDAR_NOT_FOUND", absl::StrCat("no calendar ", request.id()));
  if (request.year() != 0) return WithEtag(YearView(it->second, *working_.at(request.id()), request.year()));
  return WithEtag(it->second);
}

v1::ListCalendarsResponse CalendarBook::List() const {
  absl::ReaderMutexLock lock(&mu_);
  v1::ListCalendarsResponse response;
  for (const auto& [id, calendar] : calendars_) {
    v1::Calendar header = WithEtag(calendar);
    header.clear_days();
    *response.add_calendars() = std::move(header);
  }
  return response;
}

absl::StatusOr<v1::Calendar> CalendarBook::Create(const v1::CreateCalendarRequest& request, const std::string& actor) {
  const v1::Calendar& c = request.calendar();
  ValidationErrors errors;
  errors.Add(storage::ValidateRequestId(request.request_id()));
  errors.Add(CheckCalendarId(c.id(), "calendar.id"));
  errors.Add(text::ValidateName("calendar.name", c.name(), kMaxNameChars));
  if (c.base_calendar_id().empty()) {
    errors.Add(InvalidArgument("calendar.base_calendar_id", "is required, e.g. VN"));
  } else {
    errors.Add(CheckCalendarId(c.base_calendar_id(), "calendar.base_calendar_id"));
  }
  if (!c.office_hours().empty()) {
    errors.Add(ValidateOfficeHours(ToOfficeHours(c.office_hours())).ok()
                   ? absl::OkStatus()
                   : InvalidArgument("calendar.office_hours", "windows must be sorted, apart, and within one day"));
  }
  if (!c.days().empty()) errors.Add(InvalidArgument("calendar.days", "add days with UpsertCalendarDays"));
  RETURN_IF_ERROR(errors.Result());
  return store_->idempotency().Run<v1::Calendar>("CreateCalendar", request.request_id(),
                                                 [&](rocksdb::WriteBatch* batch) -> absl::StatusOr<v1::Calendar> {
    absl::MutexLock lock(&mu_);
    if (calendars_.count(c.id())) return AlreadyExists("CALENDAR_EXISTS", absl::StrCat("calendar ", c.id(), " exists"));
    if (!calendars_.count(c.base_calendar_id())) {
      return NotFound("CALENDAR_NOT_FOUND", absl::StrCat("calendar.base_calendar_id: no calendar ", c.base_calendar_id()));
    }
    v1::Calendar created = c;
    created.set_revision(0);
    SetOfficeHours(ToOfficeHours(c.office_hours()), created.mutable_office_hours());
    RETURN_IF_ERROR(Commit(created, {}, actor, request.request_id(), batch));
    return WithEtag(calendars_.at(c.id()));
  });
}

absl::StatusOr<v1::Calendar> CalendarBook::UpsertDays(const v1::UpsertCalendarDaysRequest& request,
                                                      const std::string& actor) {
  ValidationErrors errors;
  errors.Add(storage::ValidateRequestId(request.request_id()));
  errors.Add(CheckCalendarId(request.calendar_id(), "calendar_id"));
  if (request.days_size() + request.remove_dates_size() == 0) {
    errors.Add(InvalidArgument("days", "name at least one day to add, replace or remove"));
  }
  if (request.days_size() + request.remove_dates_size() > kMaxDaysPerCall) {
    errors.Add(InvalidArgument("days", "at most 400 days per call"));
  }
  std::set<int64_t> seen;
  for (int i = 0; i < request.days_size(); ++i) {
    const std::string field = absl::StrCat("days[", i, "]");
    errors.Add(CheckDay(request.days(i), field));
    if (ToCivilDay(request.days(i).date(), field).ok() && !seen.insert(DayNumber(request.days(i).date())).second) {
      errors.Add(InvalidArgument(field + ".date", "is named twice"));
    }
  }
  for (int i = 0; i < request.remove_dates_size(); ++i) {
    const std::string field = absl::StrCat("remove_dates[", i, "]");
    const absl::Status date = ToCivilDay(request.remove_dates(i), field).status();
    errors.Add(date);
    if (date.ok() && !seen.insert(DayNumber(request.remove_dates(i))).second) {
      errors.Add(InvalidArgument(field, "is named twice"));
    }
  }
  RETURN_IF_ERROR(errors.Result());
  absl::StatusOr<v1::Calendar> changed = store_->idempotency().Run<v1::Calendar>("UpsertCalendarDays", request.request_id(),
                                                 [&](rocksdb::WriteBatch* batch) -> absl::StatusOr<v1::Calendar> {
    absl::MutexLock lock(&mu_);
    auto it = calendars_.find(request.calendar_id());
    if (it == calendars_.end()) return NotFound("CALENDAR_NOT_FOUND", absl::StrCat("no calendar ", request.calendar_id()));
    if (!request.etag().empty() && request.etag() != absl::StrCat(it->second.revision())) {
      return Aborted("ETAG_MISMATCH", absl::StrCat("calendar ", request.calendar_id(), " changed since it was read"));
    }
    std::map<int64_t, v1::CalendarDay> days;
    for (const auto& day : it->second.days()) days[DayNumber(day.date())] = day;
    for (const auto& day : request.days()) days[DayNumber(day.date())] = EnteredDay(day);
    for (int i = 0; i < request.remove_dates_size(); ++i) {
      const google::type::Date& date = request.remove_dates(i);
      const DayEntry* in_force = working_.at(request.calendar_id())->EntryFor(ToCivilDay(date, "").value());
      if (!days.count(DayNumber(date)) && in_force != nullptr && in_force->source == DaySource::kStatutoryRule) {
        return FailedPrecondition(
            "DAY_FROM_RULE",
            absl::StrCat("remove_dates[", i, "]: ", FormatDay(in_force->day),
                         " is a day of the Labour Code's rule for a year without a decision, not an entered day: "
                         "enter the year's official decision with ImportCalendarYear (haicapctl calendar import ",
                         request.calendar_id(), " ", in_force->day.year(), ".csv)"));
      }
      days.erase(DayNumber(date));
    }
    v1::Calendar next = it->second;
    next.clear_days();
    for (auto& [number, day] : days) *next.add_days() = std::move(day);
    v1::CalendarChange change;
    for (const auto& day : request.days()) *change.add_upserted() = EnteredDay(day);
    *change.mutable_removed() = request.remove_dates();
    RETURN_IF_ERROR(Commit(next, std::move(change), actor, request.request_id(), batch));
    return WithEtag(calendars_.at(request.calendar_id()));
  });
  if (changed.ok() && days_changed_) days_changed_();
  return changed;
}

absl::StatusOr<v1::ListCalendarChangesResponse> CalendarBook::Changes(
    const v1::ListCalendarChangesRequest& request) const {
  RETURN_IF_ERROR(CheckCalendarId(request.calendar_id(), "calendar_id"));
  RETURN_IF_ERROR(Find(request.calendar_id(), "calendar_id").status());
  ASSIGN_OR_RETURN(std::vector<v1::CalendarChange> changes, store_->ReadChanges(request.calendar_id()));
  v1::ListCalendarChangesResponse response;
  for (auto& c : changes) *response.add_changes() = std::move(c);
  return response;
}

absl::StatusOr<v1::ComputeDueDateResponse> CalendarBook::ComputeDueDate(const v1::ComputeDueDateRequest& request) const {
  const std::string id = request.calendar_id().empty() ? kNationalCalendarId : request.calendar_id();
  ValidationErrors errors;
  errors.Add(CheckCalendarId(id, "calendar_id"));
  if (!request.has_received_at()) errors.Add(InvalidArgument("received_at", "is required"));
  if (request.unit() != v1::WORKING_DAYS && request.unit() != v1::WORKING_HOURS && request.unit() != v1::CALENDAR_DAYS) {
    errors.Add(InvalidArgument("unit", "must be WORKING_DAYS, WORKING_HOURS or CALENDAR_DAYS"));
  }
  const int64_t max = request.unit() == v1::WORKING_HOURS ? kMaxHours : kMaxDays;
  if (request.amount() < 0 || request.amount() > max) {
    errors.Add(InvalidArgument("amount", absl::StrCat("must be between 0 and ", max)));
  }
  RETURN_IF_ERROR(errors.Result());
  ASSIGN_OR_RETURN(std::shared_ptr<const WorkingCalendar> calendar, Find(id, "calendar_id"));
  const absl::Time received = FromTimestamp(request.received_at());
  const DurationUnit unit = request.unit() == v1::WORKING_HOURS   ? DurationUnit::kWorkingHours
                            : request.unit() == v1::CALENDAR_DAYS ? DurationUnit::kCalendarDays
                                                                  : DurationUnit::kWorkingDays;
  ASSIGN_OR_RETURN(DueDate due, deadlines::ComputeDueDate(*calendar, received, request.amount(), unit));
  v1::ComputeDueDateResponse response = ToResponse(due, received, request.amount(), request.unit());
  const absl::TimeZone zone = VietnamTimeZone();
  AddCaveats(*calendar, absl::ToCivilYear(received, zone).year(), absl::ToCivilYear(due.due_at, zone).year(), response);
  return response;
}

absl::StatusOr<v1::CountWorkingDaysResponse> CalendarBook::CountWorkingDays(
    const v1::CountWorkingDaysRequest& request) const {
  const std::string id = request.calendar_id().empty() ? kNationalCalendarId : request.calendar_id();
  ValidationErrors errors;
  errors.Add(CheckCalendarId(id, "calendar_id"));
  absl::StatusOr<absl::CivilDay> from = ToCivilDay(request.from_date(), "from_date");
  absl::StatusOr<absl::CivilDay> to = ToCivilDay(request.to_date(), "to_date");
  errors.Add(from.status());
  errors.Add(to.status());
  if (from.ok() && to.ok() && *to < *from) errors.Add(InvalidArgument("to_date", "is before from_date"));
  RETURN_IF_ERROR(errors.Result());
  ASSIGN_OR_RETURN(std::shared_ptr<const WorkingCalendar> calendar, Find(id, "calendar_id"));
  v1::CountWorkingDaysResponse response;
  response.set_working_days(deadlines::CountWorkingDays(*calendar, *from, *to));
  AddCaveats(*calendar, from->year(), to->year(), response);
  return response;
}

}  // namespace haicap::deadlines
