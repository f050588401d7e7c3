#include "services/deadlines/dossier_book.h"

#include <algorithm>
#include <optional>

#include "absl/strings/str_cat.h"
#include "common/change/etag.h"
#include "common/civil_date.h"
#include "common/proto_time.h"
#include "common/errors.h"
#include "common/status_macros.h"
#include "common/storage/idempotency.h"
#include "common/text/text.h"
#include "services/deadlines/dossier_clock.h"
#include "services/deadlines/dossier_mutation.h"

namespace haicap::deadlines {
namespace {

constexpr int kMaxSubjectChars = 200;
constexpr size_t kMaxIdChars = 64;

bool IsIdChar(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
         c == '-';
}

bool IsDigits(const std::string& s, size_t n) {
  return s.size() == n && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

absl::Status CheckIdShape(const std::string& id, const std::string& field) {
  if (id.empty() || id.size() > kMaxIdChars || !std::all_of(id.begin(), id.end(), IsIdChar)) {
    return InvalidArgument(field, "must be 1–64 of A–Z, a–z, 0–9, '.', '_' and '-'");
  }
  return absl::OkStatus();
}

absl::Status CheckDuration(const v1::StatutoryTime& duration, const std::string& field) {
  const v1::DurationUnit unit = duration.unit();
  if (unit != v1::WORKING_DAYS && unit != v1::WORKING_HOURS && unit != v1::CALENDAR_DAYS) {
    return InvalidArgument(field + ".unit", "must be WORKING_DAYS, WORKING_HOURS or CALENDAR_DAYS");
  }
  const int64_t max = unit == v1::WORKING_HOURS ? kMaxDurationHours : kMaxDurationDays;
  if (duration.amount() < 0 || duration.amount() > max) {
    return InvalidArgument(field + ".amount", absl::StrCat("must be between 0 and ", max));
  }
  return absl::OkStatus();
}

// A plausible instant: its Vietnam date within kMinYear–kMaxYear.
absl::Status CheckInstant(const google::protobuf::Timestamp& ts, const std::string& field) {
  const int64_t year = absl::ToCivilYear(FromTimestamp(ts), VietnamTimeZone()).year();
  if (ts.nanos() < 0 || ts.nanos() > 999'999'999 || year < kMinYear || year > kMaxYear) {
    return InvalidArgument(field, "is not a plausible instant");
  }
  return absl::OkStatus();
}

int64_t Micros(const google::protobuf::Timestamp& ts) { return absl::ToUnixMicros(FromTimestamp(ts)); }

}  // namespace

using change::ChangeLock;
using change::WithEtag;

absl::StatusOr<std::unique_ptr<DossierBook>> DossierBook::Open(DossierStore* store, const CalendarBook* calendars,
                                                               const registry::Gazetteer* gazetteer,
                                                               const Clock* clock, EventHub* hub) {
  std::unique_ptr<DossierBook> book(new DossierBook(store, calendars, gazetteer, clock, hub));
  RETURN_IF_ERROR(book->ids_.ResumeAfterLastIn(*store->db(), store->dossiers_family()));
  ASSIGN_OR_RETURN(const int64_t last_cursor, store->LastCursor());
  {
    absl::MutexLock lock(&book->events_mu_);  // uncontended: no other thread has the book yet
    book->last_cursor_ = last_cursor;
  }
  return book;
}

std::vector<std::string> DossierBook::ScopesOf(const std::string& unit_code) const {
  std::vector<std::string> scopes = {kEveryUnit};
  if (std::string_view province = gazetteer_->ProvinceOf(unit_code); !province.empty()) {
    scopes.emplace_back(province);
  }
  scopes.push_back(unit_code);
  return scopes;
}

absl::Status DossierBook::CheckUnit(const std::string& unit_code, v1::DossierKind kind,
                                    const std::string& field) const {
  if (IsDigits(unit_code, 2) || IsDigits(unit_code, 5)) {
    if (gazetteer_->IsProvince(unit_code) || gazetteer_->IsCommune(unit_code)) return absl::OkStatus();
    return InvalidArgument(field, absl::StrCat("no province or commune ", unit_code,
                                               " (codes in force since 1/7/2025)"));
  }
  if (kind == v1::ADMIN_PROCEDURE) {
    return InvalidArgument(field, "must be a commune (5 digits) or province (2 digits) code");
  }
  return CheckIdShape(unit_code, field);
}

absl::StatusOr<v1::Dossier> DossierBook::Create(const v1::CreateDossierRequest& request, const std::string& actor) {
  const v1::Dossier& in = request.dossier();
  ValidationErrors errors;
  errors.Add(storage::ValidateRequestId(request.request_id()));
  if (!in.id().empty()) {
    errors.Add(CheckIdShape(in.id(), "dossier.id"));
    if (in.id().starts_with(ids_.prefix())) {
      errors.Add(InvalidArgument("dossier.id", "ids starting with DS- are assigned by the server"));
    }
  }
  if (in.kind() != v1::ADMIN_PROCEDURE && in.kind() != v1::PARTY_OBLIGATION) {
    errors.Add(InvalidArgument("dossier.kind", "must be ADMIN_PROCEDURE or PARTY_OBLIGATION"));
  }
  if (in.unit_code().empty()) errors.Add(InvalidArgument("dossier.unit_code", "is required"));
  if (!in.subject().empty()) errors.Add(text::ValidateName("dossier.subject", in.subject(), kMaxSubjectChars));
  if (!in.procedure_code().empty()) {
    errors.Add(text::ValidateName("dossier.procedure_code", in.procedure_code(), 64));
  }
  if (!v1::Channel_IsValid(in.channel())) errors.Add(InvalidArgument("dossier.channel", "is not a channel"));
  errors.Add(CheckDuration(in.duration(), "dossier.duration"));
  if (in.status() != v1::DOSSIER_STATUS_UNSPECIFIED && in.status() != v1::RECEIVED &&
      in.status() != v1::NEW_REGISTERED) {
    errors.Add(InvalidArgument("dossier.status", "a dossier starts RECEIVED (2) or NEW_REGISTERED (1)"));
  }
  if (in.has_received_at()) errors.Add(CheckInstant(in.received_at(), "dossier.received_at"));
  const std::string calendar_id = in.calendar_id().empty() ? kNationalCalendarId : in.calendar_id();
  if (!in.unit_code().empty()) errors.Add(CheckUnit(in.unit_code(), in.kind(), "dossier.unit_code"));
  RETURN_IF_ERROR(errors.Result());

  std::shared_ptr<const WorkingCalendar> calendar;
  std::string id;
  const auto prepare = [&]() -> absl::StatusOr<ChangeLock> {
    ASSIGN_OR_RETURN(calendar, calendars_->Find(calendar_id, "dossier.calendar_id"));
    id = in.id().empty() ? ids_.Next() : in.id();  // assigned only to a new request
    return ChangeLock{&dossier_locks_.For(id)};
  };
  return kernel_.Run<v1::Dossier>({"CreateDossier", request.request_id()}, prepare,
                                  [&](rocksdb::WriteBatch* batch) -> absl::StatusOr<v1::Dossier> {
    ASSIGN_OR_RETURN(std::optional<internal::DossierRecord> existing, store_->Read(id));
    if (existing) return AlreadyExists("DOSSIER_EXISTS", absl::StrCat("dossier ", id, " exists"));
    const absl::Time now = clock_->Now();
    const absl::Time received = in.has_received_at() ? FromTimestamp(in.received_at()) : now;
    if (received > now) return InvalidArgument("dossier.received_at", "is in the future");

    internal::DossierRecord record;
    v1::Dossier& d = *record.mutable_dossier();
    d.set_id(id);
    d.set_kind(in.kind());
    d.set_subject(in.subject());
    d.set_unit_code(in.unit_code());
    d.set_procedure_code(in.procedure_code());
    d.set_channel(in.channel() == v1::CHANNEL_UNSPECIFIED ? v1::DIRECT : in.channel());
    *d.mutable_duration() = in.duration();
    d.set_calendar_id(calendar_id);
    d.set_status(in.status() == v1::NEW_REGISTERED ? v1::NEW_REGISTERED : v1::RECEIVED);
    *d.mutable_last_event_at() = ToTimestamp(received);
    if (d.status() == v1::RECEIVED) {
      *d.mutable_received_at() = ToTimestamp(received);
      ASSIGN_OR_RETURN(absl::Time due, DueFromScratch(*calendar, d));
      StartClock(record, LocalDayNumber(received), due);
    }
    v1::DossierChange change;
    change.set_type(v1::CREATED);
    change.set_to_status(d.status());
    *change.mutable_occurred_at() = ToTimestamp(received);
    change.set_actor(actor);
    change.set_request_id(request.request_id());
    if (d.has_due_at()) *change.mutable_due_at_after() = d.due_at();
    Stage(batch, nullptr, record, std::move(change), *calendar);
    return WithEtag(record.dossier());
  });
}

absl::StatusOr<v1::Dossier> DossierBook::Mutate(std::string_view method, const std::string& id,
                                                const std::string& request_id, const std::string& etag,
                                                const google::protobuf::Timestamp* occurred_at,
                                                const std::string& actor, const MutateFn& mutate) {
  ValidationErrors errors;
  errors.Add(storage::ValidateRequestId(request_id));
  errors.Add(CheckIdShape(id, "id"));
  if (occurred_at != nullptr) errors.Add(CheckInstant(*occurred_at, "occurred_at"));
  RETURN_IF_ERROR(errors.Result());
  // Taken when the change moves a running dossier's due instant, until its batch (with the
  // DUE_CHANGED event) is committed, so that cursors are committed in order: taken inside `stage`
  // and released here, after the kernel returns. The analysis cannot follow a lock that outlives
  // the lambda taking it, so the MutexLock is kept in an optional it does not see into, and
  // AssertHeld (a check at run time too) tells it where events_mu_ is held.
  std::optional<absl::MutexLock> events;
  int64_t cursor = 0;
  absl::StatusOr<v1::Dossier> result = kernel_.Run<v1::Dossier>({method, request_id}, ChangeLock{&dossier_locks_.For(id)},
                                                                [&](rocksdb::WriteBatch* batch) -> absl::StatusOr<v1::Dossier> {
    ASSIGN_OR_RETURN(std::optional<internal::DossierRecord> before, store_->Read(id));
    if (!before) return NotFound("DOSSIER_NOT_FOUND", absl::StrCat("no dossier ", id));
    RETURN_IF_ERROR(change::CheckEtag(etag, before->dossier().revision(), absl::StrCat("dossier ", id)));
    const absl::Time now = clock_->Now();
    const absl::Time at = occurred_at != nullptr ? FromTimestamp(*occurred_at) : now;
    if (at > now) return InvalidArgument("occurred_at", "is in the future");
    const absl::Time last = FromTimestamp(before->dossier().last_event_at());
    if (at < last) {
      return InvalidArgument("occurred_at", absl::StrCat("is before the dossier's last event (",
                                                         absl::FormatTime("%d/%m/%Y %H:%M:%S", last, VietnamTimeZone()),
                                                         ")"));
    }
    ASSIGN_OR_RETURN(std::shared_ptr<const WorkingCalendar> calendar,
                     calendars_->Find(before->dossier().calendar_id(), "calendar_id"));
    internal::DossierRecord after = *before;
    v1::DossierChange change;
    change.set_from_status(before->dossier().status());
    *change.mutable_occurred_at() = ToTimestamp(at);
    change.set_actor(actor);
    change.set_request_id(request_id);
    Mutation mutation{after, at, *calendar, change};
    RETURN_IF_ERROR(mutate(mutation));
    change.set_to_status(after.dossier().status());
    *after.mutable_dossier()->mutable_last_event_at() = ToTimestamp(at);
    if (Micros(after.dossier().due_at()) != Micros(before->dossier().due_at())) {
      if (before->dossier().has_due_at()) *change.mutable_due_at_before() = before->dossier().due_at();
      *change.mutable_due_at_after() = after.dossier().due_at();
      if (before->dossier().has_due_at() && IsRunning(after.dossier().status())) {
        events.emplace(&events_mu_);
        events_mu_.AssertHeld();
        cursor = last_cursor_ + 1;
        store_->PutEvent(batch, EventOf(after.dossier(), v1::DUE_CHANGED, cursor, at));
      }
    }
    Stage(batch, &*before, after, std::move(change), *calendar);
    return WithEtag(after.dossier());
  });
  if (events) {
    events_mu_.AssertHeld();
    if (result.ok()) last_cursor_ = cursor;
    events.reset();  // unlocks
    hub_->Notify();
  }
  return result;
}

void DossierBook::Stage(rocksdb::WriteBatch* batch, const internal::DossierRecord* before,
                        internal::DossierRecord& after, v1::DossierChange change, const WorkingCalendar& calendar) {
  v1::Dossier& d = *after.mutable_dossier();
  const std::string& id = d.id();
  const std::vector<std::string> scopes = ScopesOf(d.unit_code());
  d.set_revision(before != nullptr ? before->dossier().revision() + 1 : 1);
  d.set_due_provisional(DueIsProvisional(calendar, d));
  d.clear_etag();
  d.clear_history();

  // Indexes.
  const bool was_running = before != nullptr && IsRunning(before->dossier().status());
  const bool was_open = before != nullptr && IsOpen(before->dossier().status());
  const bool due_index_kept =
      was_running && IsRunning(d.status()) && Micros(before->dossier().due_at()) == Micros(d.due_at());
  for (const std::string& scope : scopes) {
    if (before == nullptr) store_->PutUnitIndex(batch, scope, id);
    if (due_index_kept) continue;
    if (was_running) store_->DeleteDueIndex(batch, scope, Micros(before->dossier().due_at()), id);
    if (IsRunning(d.status())) store_->PutDueIndex(batch, scope, Micros(d.due_at()), id);
  }
  if (was_open != IsOpen(d.status())) {
    (was_open ? store_->DeleteCalendarIndex(batch, d.calendar_id(), id)
              : store_->PutCalendarIndex(batch, d.calendar_id(), id));
  }

  // Timers: armed for a running dossier's current due instant, unless already delivered for it.
  int64_t near = 0, overdue = 0;
  if (IsRunning(d.status())) {
    const absl::Time due = FromTimestamp(d.due_at());
    overdue = absl::ToUnixMicros(OverdueAt(due));
    near = absl::ToUnixMicros(NearDueAt(calendar, due));
    // Recorded already overdue (entered after the fact): only OVERDUE is news.
    if (near >= overdue || overdue <= absl::ToUnixMicros(clock_->Now())) near = 0;
    if (near == after.near_due_fired()) near = 0;
    if (overdue == after.overdue_fired()) overdue = 0;
  }
  const auto move_timer = [&](int64_t old_fire, int64_t new_fire, v1::DeadlineEventType type) {
    if (old_fire == new_fire) return;
    if (old_fire != 0) store_->DeleteTimer(batch, {old_fire, id, type});
    if (new_fire != 0) store_->PutTimer(batch, {new_fire, id, type});
  };
  move_timer(before != nullptr ? before->near_due_timer() : 0, near, v1::NEAR_DUE);
  move_timer(before != nullptr ? before->overdue_timer() : 0, overdue, v1::OVERDUE);
  after.set_near_due_timer(near);
  after.set_overdue_timer(overdue);

  // Statistics: the change in what the dossier contributes, under every scope.
  const FlowsByDay delta =
      FlowsDelta(before != nullptr ? StatisticsFlows(*before) : FlowsByDay{}, StatisticsFlows(after));
  if (!delta.empty()) {
    for (const std::string& scope : scopes) store_->AddFlows(batch, scope, d.kind(), delta);
  }

  change.set_sequence(after.history_count() + 1);
  after.set_history_count(change.sequence());
  *change.mutable_recorded_at() = ToTimestamp(clock_->Now());
  store_->PutHistory(batch, id, change);
  store_->PutRecord(batch, after);
}

}  // namespace haicap::deadlines
