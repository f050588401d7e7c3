// The working-day calendars the service keeps: "VN" and calendars layered on it. "VN" stores the
// official decisions (the shipped years, merged in at every start when a release brings a year the
// store lacks, and imported ones) and gets the Labour Code's rule's days for the other years. Reads use immutable WorkingCalendar snapshots, so due
// dates are computed without locks held for long; every change is written with its revision and
// author in one durable batch, then the snapshots are rebuilt. Thread-safe.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "common/clock.h"
#include "haicap/deadlines/v1/deadlines.pb.h"
#include "services/deadlines/calendar/working_calendar.h"
#include "services/deadlines/calendar_store.h"

namespace haicap::deadlines {

inline constexpr char kNationalCalendarId[] = "VN";
// The actor of the changes that bring in the shipped years.
inline constexpr char kShippedDataActor[] = "haicap (shipped data/calendars)";

class CalendarBook {
 public:
  // Loads every calendar from `store`, creating "VN" when the store has none, and merges in the
  // `shipped` official years "VN" has not decided (MergeShippedYears). Nothing is owned.
  static absl::StatusOr<std::unique_ptr<CalendarBook>> Open(CalendarStore* store, const Clock* clock,
                                                            const std::vector<OfficialYear>& shipped);

  absl::StatusOr<v1::Calendar> Get(const v1::GetCalendarRequest& request) const;
  v1::ListCalendarsResponse List() const;
  absl::StatusOr<v1::Calendar> Create(const v1::CreateCalendarRequest& request, const std::string& actor);
  absl::StatusOr<v1::Calendar> UpsertDays(const v1::UpsertCalendarDaysRequest& request, const std::string& actor);
  // The open dossiers the calendars (by id) would move, were they in force.
  using MovePreview = std::function<absl::StatusOr<std::vector<v1::MovedDossier>>(
      const std::map<std::string, std::shared_ptr<const WorkingCalendar>>&)>;
  // ImportCalendarYear; `preview` gives the dossiers that move (calendar_import.cc).
  absl::StatusOr<v1::ImportCalendarYearResponse> ImportYear(const v1::ImportCalendarYearRequest& request,
                                                            const std::string& actor, const MovePreview& preview);
  absl::StatusOr<v1::ListCalendarChangesResponse> Changes(const v1::ListCalendarChangesRequest& request) const;
  absl::StatusOr<v1::ComputeDueDateResponse> ComputeDueDate(const v1::ComputeDueDateRequest& request) const;
  absl::StatusOr<v1::CountWorkingDaysResponse> CountWorkingDays(const v1::CountWorkingDaysRequest& request) const;

  // Called after a change of days commits, without locks held, to recompute the due dates of the
  // dossiers on the changed calendars (marked in the same batch with CalendarStore::MarkRecompute).
  void SetDaysChangedListener(std::function<void()> listener) { days_changed_ = std::move(listener); }

  // The calendar `id` as it stands now; NOT_FOUND naming `field` when there is none.
  absl::StatusOr<std::shared_ptr<const WorkingCalendar>> Find(const std::string& id, std::string_view field) const;

 private:
  using WorkingCalendars = std::map<std::string, std::shared_ptr<const WorkingCalendar>>;

  CalendarBook(CalendarStore* store, const Clock* clock) : store_(store), clock_(clock) {}
  // The snapshots of `calendars`, bases first.
  static absl::StatusOr<WorkingCalendars> Build(const std::map<std::string, v1::Calendar>& calendars);
  // Replaces the calendars and rebuilds every snapshot.
  absl::Status Install(std::map<std::string, v1::Calendar> calendars) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // Adds the shipped years "VN" has not decided: their days on dates without a stored day, and the
  // years to decided_years, in one change.
  absl::Status MergeShippedYears(const std::vector<OfficialYear>& shipped) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // `calendar` with the days in force in `year` on `working` (its snapshot), as GetCalendar answers.
  static v1::Calendar YearView(const v1::Calendar& calendar, const WorkingCalendar& working, int year);
  // Writes `calendar` and `change` durably, then installs the new state.
  absl::Status Commit(const v1::Calendar& calendar, v1::CalendarChange change, const std::string& actor,
                      const std::string& request_id, rocksdb::WriteBatch* batch) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  // `id` and every calendar layered on it, directly or not (mu_ held, shared at least).
  std::vector<std::string> WithDependents(const std::string& id) const ABSL_SHARED_LOCKS_REQUIRED(mu_);

  CalendarStore* store_;
  const Clock* clock_;
  std::function<void()> days_changed_;
  mutable absl::Mutex mu_;  // reader lock for reads, writer lock for changes
  std::map<std::string, v1::Calendar> calendars_ ABSL_GUARDED_BY(mu_);
  WorkingCalendars working_ ABSL_GUARDED_BY(mu_);
};

}  // namespace haicap::deadlines
