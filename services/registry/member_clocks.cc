#include "services/registry/member_clocks.h"

#include <algorithm>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/proto_time.h"
#include "common/civil_date.h"
#include "common/organization_unit.h"
#include "common/status_macros.h"
#include "haicap/deadlines/v1/deadlines.pb.h"

namespace haicap::registry {
namespace {

namespace dl = ::haicap::deadlines::v1;

constexpr int kWithinWorkingDays = 30;
constexpr size_t kMaxReasonChars = 500;

const char* ClockName(MemberClock clock) { return clock == kCeremonyClock ? "ceremony" : "recognition"; }

const char* DossierPrefix(MemberClock clock) { return clock == kCeremonyClock ? "CEREMONY-" : "RECOGNITION-"; }

std::string DossierId(MemberClock clock, uint64_t id) { return absl::StrCat(DossierPrefix(clock), id); }

// The member and clock of a dossier id made by DossierId.
std::optional<std::pair<uint64_t, MemberClock>> ClockOfDossier(std::string_view dossier_id) {
  for (MemberClock clock : {kCeremonyClock, kRecognitionClock}) {
    const std::string_view prefix = DossierPrefix(clock);
    if (!dossier_id.starts_with(prefix)) continue;
    const std::string_view rest = dossier_id.substr(prefix.size());
    uint64_t member = 0;
    if (absl::SimpleAtoi(absl::string_view(rest.data(), rest.size()), &member)) return std::make_pair(member, clock);
  }
  return std::nullopt;
}

std::string RequestId(MemberClock clock, uint64_t id, const char* step) {
  return absl::StrCat("member-", id, "-", ClockName(clock), "-", step);
}

absl::Time At(absl::CivilDay day, int hour) { return absl::FromCivil(day, VietnamTimeZone()) + absl::Hours(hour); }

absl::CivilDay ToDay(const google::type::Date& date) { return absl::CivilDay(date.year(), date.month(), date.day()); }

const v1::Member* LatestOf(const MemberRecord* record) {
  if (!record || record->versions().empty()) return nullptr;
  return &record->versions(record->versions_size() - 1).member();
}

}  // namespace

absl::Status MemberClocks::Send(rocksdb::WriteBatch* batch, uint64_t id, const std::string& method,
                                const google::protobuf::Message& request, const std::string& request_id) {
  outbox::OutboxMessage message;
  message.destination = kToDeadlines;
  message.method = method;
  message.request_id = request_id;
  message.reference = absl::StrCat(id);
  message.payload = request.SerializeAsString();
  return outbox_->Enqueue(batch, message);
}

absl::Status MemberClocks::Create(rocksdb::WriteBatch* batch, uint64_t id, MemberClock clock, const v1::Member& member,
                                  absl::CivilDay start) {
  dl::CreateDossierRequest request;
  dl::Dossier& d = *request.mutable_dossier();
  d.set_id(DossierId(clock, id));
  d.set_kind(dl::PARTY_OBLIGATION);
  d.set_subject(absl::StrCat("registry/members/", id, "/", ClockName(clock)));
  d.set_unit_code(OrganizationUnitCode(member.organization_id()));
  d.set_procedure_code(clock == kCeremonyClock ? "le-ket-nap-dang-vien" : "cong-nhan-dang-vien-chinh-thuc");
  *d.mutable_received_at() = ToTimestamp(std::min(clock_->Now(), At(start, 7)));
  d.mutable_duration()->set_amount(kWithinWorkingDays);
  d.mutable_duration()->set_unit(dl::WORKING_DAYS);
  d.set_calendar_id("VN");
  request.set_request_id(RequestId(clock, id, "clock"));
  store_->PutClockDue(batch, id, clock, ClockDue{kDueNotYetKnown});
  return Send(batch, id, "CreateDossier", request, request.request_id());
}

absl::Status MemberClocks::Finish(rocksdb::WriteBatch* batch, uint64_t id, MemberClock clock, absl::CivilDay day) {
  dl::TransitionDossierRequest request;
  request.set_id(DossierId(clock, id));
  request.set_status(dl::PROCESSED);
  // Recorded after the fact: its noon, after the clock's start at 07:00; today: now.
  const absl::Time now = clock_->Now();
  *request.mutable_occurred_at() = ToTimestamp(day < VietnamDay(now) ? At(day, 12) : now);
  request.set_request_id(RequestId(clock, id, "done"));
  return Send(batch, id, "TransitionDossier", request, request.request_id());
}

absl::Status MemberClocks::Stop(rocksdb::WriteBatch* batch, uint64_t id, MemberClock clock, const v1::Member& ended) {
  dl::TransitionDossierRequest request;
  request.set_id(DossierId(clock, id));
  request.set_status(dl::STOPPED);
  request.set_reason(absl::StrCat("membership ended (", v1::MemberStatus_Name(ended.status()), "): ", ended.end_reason())
                         .substr(0, kMaxReasonChars));
  request.set_request_id(RequestId(clock, id, "stop"));
  return Send(batch, id, "TransitionDossier", request, request.request_id());
}

absl::Status MemberClocks::Stage(rocksdb::WriteBatch* batch, uint64_t id, const MemberRecord* before,
                                 const MemberRecord& after, std::optional<absl::CivilDay> recognized_on) {
  const v1::Member* now = LatestOf(&after);
  const v1::Member* was = LatestOf(before);
  if (!now || (was && was->status() == now->status())) return absl::OkStatus();
  if (!was) {
    // A new member: an admission still waiting for its ceremony, or a probation already over
    // (registered or imported after the fact).
    if (now->status() == v1::PROBATIONARY) return StageRecognitionStart(batch, id, after);
    if (now->status() != v1::ADMISSION_PENDING) return absl::OkStatus();
    return Create(batch, id, kCeremonyClock, *now, FromDayNumber(after.versions(0).from_day()));
  }
  if (was->status() == v1::ADMISSION_PENDING) {
    if (now->status() != v1::PROBATIONARY) return Stop(batch, id, kCeremonyClock, *now);
    RETURN_IF_ERROR(Finish(batch, id, kCeremonyClock, ToDay(now->admitted_on())));
    return StageRecognitionStart(batch, id, after);
  }
  if (was->status() != v1::PROBATIONARY) return absl::OkStatus();
  ASSIGN_OR_RETURN(std::optional<ClockDue> recognition, store_->ReadClockDue(id, kRecognitionClock));
  if (now->status() == v1::OFFICIAL) {
    // Recognised before the clock was started: it starts and finishes in this change.
    if (!recognition) RETURN_IF_ERROR(Create(batch, id, kRecognitionClock, *was, ToDay(now->official_on())));
    return Finish(batch, id, kRecognitionClock, recognized_on.value_or(VietnamDay(clock_->Now())));
  }
  if (recognition) return Stop(batch, id, kRecognitionClock, *now);
  return absl::OkStatus();
}

absl::Status MemberClocks::StageRecognitionStart(rocksdb::WriteBatch* batch, uint64_t id, const MemberRecord& member) {
  const v1::Member* latest = LatestOf(&member);
  if (!latest || latest->status() != v1::PROBATIONARY) return absl::OkStatus();
  const absl::CivilDay ends = ProbationEnd(ToDay(latest->admitted_on()));
  if (ends > VietnamDay(clock_->Now())) return absl::OkStatus();
  ASSIGN_OR_RETURN(std::optional<ClockDue> recognition, store_->ReadClockDue(id, kRecognitionClock));
  if (recognition) return absl::OkStatus();
  return Create(batch, id, kRecognitionClock, *latest, ends);
}

absl::Status MemberClocks::OnDue(rocksdb::WriteBatch* batch, uint64_t member, MemberClock clock, absl::CivilDay due,
                                 bool provisional) {
  return kernel_.RunFollowUp({&due_mu_}, batch, [&](rocksdb::WriteBatch* b) -> absl::Status {
    ASSIGN_OR_RETURN(std::optional<ClockDue> kept, store_->ReadClockDue(member, clock));
    if (kept && kept->day == kDueNotYetKnown) store_->PutClockDue(b, member, clock, {DayNumber(due), provisional});
    return absl::OkStatus();
  });
}

absl::Status MemberClocks::OnDeadlineEvent(rocksdb::WriteBatch* batch, const dl::DeadlineEvent& event) {
  std::optional<std::pair<uint64_t, MemberClock>> clock = ClockOfDossier(event.dossier_id());
  const bool moves_a_clock = event.type() == dl::DUE_CHANGED && clock;
  return kernel_.RunFollowUp({moves_a_clock ? &due_mu_ : nullptr}, batch, [&](rocksdb::WriteBatch* b) -> absl::Status {
    if (!moves_a_clock) return absl::OkStatus();  // only the cursor moves
    ASSIGN_OR_RETURN(std::optional<ClockDue> kept, store_->ReadClockDue(clock->first, clock->second));
    if (kept) {  // a clock of ours (not one stopped and forgotten)
      store_->PutClockDue(b, clock->first, clock->second,
                          {DayNumber(VietnamDay(FromTimestamp(event.due_at()))), event.due_provisional()});
    }
    return absl::OkStatus();
  });
}

absl::StatusOr<ClockDueDays> ReadClockDueDays(const RegistryStore& store, uint64_t member,
                                              const rocksdb::Snapshot* snapshot) {
  ClockDueDays days;
  for (MemberClock clock : {kCeremonyClock, kRecognitionClock}) {
    ASSIGN_OR_RETURN(std::optional<ClockDue> due, store.ReadClockDue(member, clock, snapshot));
    if (!due || due->day == kDueNotYetKnown) continue;
    (clock == kCeremonyClock ? days.ceremony : days.recognition) = due;
  }
  return days;
}

}  // namespace haicap::registry
