// The working-day calendars the service keeps: "VN" (seeded from the shipped national days on
// first start) and calendars layered on it. Reads use immutable WorkingCalendar snapshots, so due
// dates are computed without locks held for long; every change is written with its revision and
// author in one durable batch, then the snapshots are rebuilt. Thread-safe.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <shared_mutex>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/clock.h"
#include "haicap/deadlines/v1/deadlines.pb.h"
#include "services/deadlines/calendar/working_calendar.h"
#include "services/deadlines/calendar_store.h"

namespace haicap::deadlines {

inline constexpr char kNationalCalendarId[] = "VN";

class CalendarBook {
 public:
  // Loads every calendar from `store`, seeding "VN" when the store has none. Nothing is owned.
  static absl::StatusOr<std::unique_ptr<CalendarBook>> Open(CalendarStore* store, const Clock* clock);

  absl::StatusOr<v1::Calendar> Get(const v1::GetCalendarRequest& request) const;
  v1::ListCalendarsResponse List() const;
  absl::StatusOr<v1::Calendar> Create(const v1::CreateCalendarRequest& request, const std::string& actor);
  absl::StatusOr<v1::Calendar> UpsertDays(const v1::UpsertCalendarDaysRequest& request, const std::string& actor);
  absl::StatusOr<v1::ListCalendarChangesResponse> Changes(const v1::ListCalendarChangesRequest& request) const;
  absl::StatusOr<v1::ComputeDueDateResponse> ComputeDueDate(const v1::ComputeDueDateRequest& request) const;
  absl::StatusOr<v1::CountWorkingDaysResponse> CountWorkingDays(const v1::CountWorkingDaysRequest& request) const;

  // Called after a change of days commits, without locks held, to recompute the due dates of the
  // dossiers on the changed calendars (marked in the same batch with CalendarStore::MarkRecompute).
  void SetDaysChangedListener(std::function<void()> listener) { days_changed_ = std::move(listener); }

  // The calendar `id` as it stands now; NOT_FOUND naming `field` when there is none.
  absl::StatusOr<std::shared_ptr<const WorkingCalendar>> Find(const std::string& id, std::string_view field) const;

 private:
  CalendarBook(CalendarStore* store, const Clock* clock) : store_(store), clock_(clock) {}
  // Replaces the calendars and rebuilds every snapshot (bases first). Callers hold mu_.
  absl::Status Install(std::map<std::string, v1::Calendar> calendars);
  // Writes `calendar` and `change` durably, then installs the new state. Callers hold mu_.
  absl::Status Commit(const v1::Calendar& calendar, v1::CalendarChange change, const std::string& actor,
                      const std::string& request_id, rocksdb::WriteBatch* batch);

  // `id` and every calendar layered on it, directly or not. Callers hold mu_.
  std::vector<std::string> WithDependents(const std::string& id) const;

  CalendarStore* store_;
  const Clock* clock_;
  std::function<void()> days_changed_;
  mutable std::shared_mutex mu_;
  std::map<std::string, v1::Calendar> calendars_;                          // guarded by mu_
  std::map<std::string, std::shared_ptr<const WorkingCalendar>> working_;  // guarded by mu_
};

}  // namespace haicap::deadlines
