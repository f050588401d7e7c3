// Reading dossiers: one with its history, lists by unit and due window, and the 766 statistics.
#include <set>

#include "absl/strings/str_cat.h"
#include "common/civil_date.h"
#include "common/clock.h"
#include "common/errors.h"
#include "common/pagination.h"
#include "common/status_macros.h"
#include "common/storage/key_codec.h"
#include "services/deadlines/dossier_book.h"
#include "services/deadlines/dossier_clock.h"

namespace haicap::deadlines {
namespace {

using storage::KeyBuilder;

absl::StatusOr<v1::Dossier> PublicView(const internal::DossierRecord& record) {
  v1::Dossier dossier = record.dossier();
  dossier.set_etag(absl::StrCat(dossier.revision()));
  return dossier;
}

}  // namespace

absl::StatusOr<v1::Dossier> DossierBook::Get(const v1::GetDossierRequest& request) const {
  if (request.id().empty()) return InvalidArgument("id", "is required");
  ASSIGN_OR_RETURN(std::optional<internal::DossierRecord> record, store_->Read(request.id()));
  if (!record) return NotFound("DOSSIER_NOT_FOUND", absl::StrCat("no dossier ", request.id()));
  ASSIGN_OR_RETURN(v1::Dossier dossier, PublicView(*record));
  ASSIGN_OR_RETURN(std::vector<v1::DossierChange> history, store_->ReadHistory(request.id()));
  for (auto& change : history) *dossier.add_history() = std::move(change);
  return dossier;
}

absl::StatusOr<v1::ListDossiersResponse> DossierBook::List(const v1::ListDossiersRequest& request) const {
  ValidationErrors errors;
  absl::StatusOr<int> page_size = CheckPageSize(request.page_size());
  errors.Add(page_size.status());
  if (!request.unit_code().empty()) {
    errors.Add(CheckUnit(request.unit_code(), v1::PARTY_OBLIGATION, "unit_code"));
  }
  if (!v1::DossierKind_IsValid(request.kind())) errors.Add(InvalidArgument("kind", "is not a kind"));
  std::set<int> statuses;
  for (int i = 0; i < request.statuses_size(); ++i) {
    const v1::DossierStatus s = request.statuses(i);
    if (!v1::DossierStatus_IsValid(s) || s == v1::DOSSIER_STATUS_UNSPECIFIED) {
      errors.Add(InvalidArgument(absl::StrCat("statuses[", i, "]"), "must be a status code 1–10"));
    }
    statuses.insert(s);
  }
  const bool window = request.overdue() || request.has_due_within_working_days();
  if (request.overdue() && request.has_due_within_working_days()) {
    errors.Add(InvalidArgument("due_within_working_days", "cannot be combined with overdue"));
  }
  if (request.has_due_within_working_days() &&
      (request.due_within_working_days() < 0 || request.due_within_working_days() > 3650)) {
    errors.Add(InvalidArgument("due_within_working_days", "must be between 0 and 3650"));
  }
  const uint64_t fingerprint = FilterFingerprint(request);
  absl::StatusOr<std::string> position = DecodePageToken(request.page_token(), fingerprint);
  errors.Add(position.status());
  RETURN_IF_ERROR(errors.Result());

  const std::string scope = request.unit_code().empty() ? kEveryUnit : request.unit_code();
  const std::string prefix = KeyBuilder().String(scope).Release();
  std::unique_ptr<rocksdb::Iterator> it = store_->Scan(window ? kDossierDue : kDossierUnits, prefix);
  // The end of the due window (exclusive): today's midnight for overdue ones (past their due
  // day), else the midnight after the N-th working day from today on the national calendar.
  int64_t window_end = 0;
  if (window) {
    const absl::TimeZone zone = VietnamTimeZone();
    const absl::CivilDay today = absl::ToCivilDay(clock_->Now(), zone);
    absl::CivilDay end_day = today;
    if (!request.overdue()) {
      ASSIGN_OR_RETURN(std::shared_ptr<const WorkingCalendar> national, calendars_->Find(kNationalCalendarId, "calendar"));
      end_day = national->WorkingDayAt(national->WorkingDayIndex(today) + request.due_within_working_days()) + 1;
    }
    window_end = absl::ToUnixMicros(absl::FromCivil(end_day, zone));
  }
  if (!position->empty()) {
    it->Seek(*position);
    if (it->Valid() && it->key() == rocksdb::Slice(*position)) it->Next();
  }
  // One match more than the page, to know whether another page follows.
  v1::ListDossiersResponse response;
  std::string last_key, key_before_extra;
  for (; it->Valid() && response.dossiers_size() <= *page_size; it->Next()) {
    storage::KeyReader reader(std::string_view(it->key().data(), it->key().size()));
    reader.String();
    if (window) {
      std::optional<int64_t> due = reader.Int64();
      if (!due) return Internal("CORRUPT_RECORD", "a due index key is malformed");
      if (*due >= window_end) break;
    }
    std::optional<std::string> id = reader.String();
    if (!id) return Internal("CORRUPT_RECORD", "an index key is malformed");
    ASSIGN_OR_RETURN(std::optional<internal::DossierRecord> record, store_->Read(*id));
    if (!record) continue;
    const v1::Dossier& d = record->dossier();
    if (request.kind() != v1::DOSSIER_KIND_UNSPECIFIED && d.kind() != request.kind()) continue;
    if (!statuses.empty() && !statuses.count(d.status())) continue;
    ASSIGN_OR_RETURN(*response.add_dossiers(), PublicView(*record));
    key_before_extra = last_key;
    last_key = it->key().ToString();
  }
  RETURN_IF_ERROR(storage::FromRocksStatus(it->status()));
  if (response.dossiers_size() > *page_size) {
    response.mutable_dossiers()->RemoveLast();
    response.set_next_page_token(EncodePageToken(fingerprint, key_before_extra));
  }
  return response;
}

absl::StatusOr<v1::Statistics> DossierBook::Statistics(const v1::GetStatisticsRequest& request) const {
  ValidationErrors errors;
  if (!request.unit_code().empty()) {
    errors.Add(CheckUnit(request.unit_code(), v1::PARTY_OBLIGATION, "unit_code"));
  }
  if (!v1::DossierKind_IsValid(request.kind())) errors.Add(InvalidArgument("kind", "is not a kind"));
  const absl::CivilDay today = VietnamDay(clock_->Now());
  absl::StatusOr<absl::CivilDay> from = request.has_from_date() ? ToCivilDay(request.from_date(), "from_date")
                                                                : absl::CivilDay(absl::CivilMonth(today));
  absl::StatusOr<absl::CivilDay> to = request.has_to_date() ? ToCivilDay(request.to_date(), "to_date") : today;
  errors.Add(from.status());
  errors.Add(to.status());
  if (from.ok() && to.ok() && *to < *from) errors.Add(InvalidArgument("to_date", "is before from_date"));
  RETURN_IF_ERROR(errors.Result());

  const std::string scope = request.unit_code().empty() ? kEveryUnit : request.unit_code();
  std::vector<v1::DossierKind> kinds = {request.kind()};
  if (request.kind() == v1::DOSSIER_KIND_UNSPECIFIED) kinds = {v1::ADMIN_PROCEDURE, v1::PARTY_OBLIGATION};
  Flows before{}, period{};
  for (v1::DossierKind kind : kinds) {
    RETURN_IF_ERROR(store_->SumFlows(scope, kind, std::numeric_limits<int64_t>::min(), DayNumber(*from) - 1, &before));
    RETURN_IF_ERROR(store_->SumFlows(scope, kind, DayNumber(*from), DayNumber(*to), &period));
  }
  const auto received = [](const Flows& f) { return f[kReceivedDirect] + f[kReceivedOnline] + f[kReceivedPostal]; };
  const auto finished = [](const Flows& f) { return f[kFinishedEarly] + f[kFinishedOnTime] + f[kFinishedLate]; };
  Flows end{};
  for (int i = 0; i < kCounterCount; ++i) end[i] = before[i] + period[i];

  v1::Statistics s;
  s.set_unit_code(request.unit_code());
  s.set_kind(request.kind());
  *s.mutable_from_date() = ToProtoDate(*from);
  *s.mutable_to_date() = ToProtoDate(*to);
  s.set_carried_over(received(before) - finished(before));
  s.set_received_direct(period[kReceivedDirect]);
  s.set_received_online(period[kReceivedOnline]);
  s.set_received_postal(period[kReceivedPostal]);
  s.set_received_total(received(period));
  s.set_finished_early(period[kFinishedEarly]);
  s.set_finished_on_time(period[kFinishedOnTime]);
  s.set_finished_late(period[kFinishedLate]);
  s.set_finished_total(finished(period));
  const int64_t open = received(end) - finished(end);
  s.set_waiting_supplement(end[kWaitingStarted] - end[kWaitingEnded]);
  s.set_in_progress_overdue(end[kOverdueStarted] - end[kOverdueEnded]);
  s.set_in_progress_within_time(open - s.waiting_supplement() - s.in_progress_overdue());
  s.set_on_time_rate_percent(s.finished_total() == 0 ? 100.0
                                                     : 100.0 * static_cast<double>(s.finished_early() +
                                                                                   s.finished_on_time()) /
                                                           static_cast<double>(s.finished_total()));
  return s;
}

}  // namespace haicap::deadlines
