#include "services/deadlines/dossier_rules.h"

#include <algorithm>
#include <limits>
#include <string>

#include "absl/strings/str_cat.h"
#include "common/proto_time.h"
#include "common/civil_date.h"
#include "common/clock.h"
#include "common/errors.h"

namespace haicap::deadlines {
namespace {

using v1::DossierStatus;

constexpr int64_t kOpenEnd = std::numeric_limits<int64_t>::max();

int64_t LocalDay(const google::protobuf::Timestamp& ts) {
  const absl::Time t = FromTimestamp(ts);
  return DayNumber(absl::ToCivilDay(t, VietnamTimeZone()));
}

std::string Code(DossierStatus status) {
  return absl::StrCat(static_cast<int>(status), " ", v1::DossierStatus_Name(status));
}

void Add(FlowsByDay& flows, int64_t day, Counter counter, int64_t n) { flows[day][counter] += n; }

}  // namespace

bool IsOpen(DossierStatus status) {
  return status == v1::RECEIVED || status == v1::PROCESSING || status == v1::SUPPLEMENT_REQUESTED ||
         status == v1::FINANCIAL_OBLIGATION;
}

bool IsRunning(DossierStatus status) {
  return status == v1::RECEIVED || status == v1::PROCESSING || status == v1::FINANCIAL_OBLIGATION;
}

absl::Status CheckTransition(DossierStatus from, DossierStatus to) {
  if (to == v1::SUPPLEMENT_REQUESTED) {
    return FailedPrecondition("USE_REQUEST_SUPPLEMENT", "status 5 is set by RequestSupplement, which pauses the clock");
  }
  if (from == v1::SUPPLEMENT_REQUESTED && to == v1::PROCESSING) {
    return FailedPrecondition("USE_RESUME_PROCESSING", "status 5 → 4 is ResumeProcessing, which moves the due date");
  }
  bool legal = false;
  switch (from) {
    case v1::NEW_REGISTERED:
      legal = to == v1::RECEIVED || to == v1::NOT_ACCEPTED || to == v1::WITHDRAWN;
      break;
    case v1::RECEIVED:
      legal = to == v1::PROCESSING || to == v1::NOT_ACCEPTED || to == v1::WITHDRAWN || to == v1::STOPPED ||
              to == v1::PROCESSED;
      break;
    case v1::PROCESSING:
      legal = to == v1::FINANCIAL_OBLIGATION || to == v1::WITHDRAWN || to == v1::STOPPED || to == v1::PROCESSED;
      break;
    case v1::FINANCIAL_OBLIGATION:
      legal = to == v1::PROCESSING || to == v1::WITHDRAWN || to == v1::STOPPED || to == v1::PROCESSED;
      break;
    case v1::SUPPLEMENT_REQUESTED:
      legal = to == v1::WITHDRAWN || to == v1::STOPPED;
      break;
    case v1::PROCESSED:
      legal = to == v1::RESULT_RETURNED;
      break;
    default:  // 3, 7, 8, 10 are final
      return FailedPrecondition("ILLEGAL_TRANSITION",
                                absl::StrCat("status ", Code(from), " is final: no change may follow it"));
  }
  if (legal) return absl::OkStatus();
  return FailedPrecondition("ILLEGAL_TRANSITION",
                            absl::StrCat("status ", Code(to), " may not follow ", Code(from)));
}

bool EndsProcessing(DossierStatus from, DossierStatus to) {
  if (from == v1::NEW_REGISTERED) return false;  // refused or withdrawn before receipt: never counted
  return to == v1::NOT_ACCEPTED || to == v1::WITHDRAWN || to == v1::STOPPED || to == v1::PROCESSED;
}

v1::Outcome Classify(absl::CivilDay finished, absl::CivilDay due, bool forced_supplement) {
  if (forced_supplement || finished > due) return v1::LATE;
  return finished == due ? v1::ON_TIME : v1::EARLY;
}

absl::Time NearDueAt(const WorkingCalendar& calendar, absl::Time due_at) {
  const absl::TimeZone zone = VietnamTimeZone();
  const absl::CivilSecond due = absl::ToCivilSecond(due_at, zone);
  const absl::CivilDay due_day(due);
  const absl::CivilDay previous = calendar.WorkingDayAt(calendar.WorkingDayIndex(due_day) - 1);
  return absl::FromCivil(absl::CivilSecond(previous) + (due - absl::CivilSecond(due_day)), zone);
}

absl::Time OverdueAt(absl::Time due_at) {
  const absl::TimeZone zone = VietnamTimeZone();
  return absl::FromCivil(absl::ToCivilDay(due_at, zone) + 1, zone);
}

FlowsByDay StatisticsFlows(const internal::DossierRecord& record) {
  const v1::Dossier& d = record.dossier();
  FlowsByDay flows;
  if (!d.has_received_at()) return flows;
  const Counter received = d.channel() == v1::ONLINE   ? kReceivedOnline
                           : d.channel() == v1::POSTAL ? kReceivedPostal
                                                       : kReceivedDirect;
  Add(flows, LocalDay(d.received_at()), received, 1);
  if (d.has_finished_at()) {
    const Counter finished = d.outcome() == v1::EARLY ? kFinishedEarly
                             : d.outcome() == v1::LATE ? kFinishedLate
                                                       : kFinishedOnTime;
    Add(flows, LocalDay(d.finished_at()), finished, 1);
  }
  for (const v1::SupplementRecord& s : d.supplements()) {
    const int64_t start = LocalDay(s.requested_at());
    const bool ended = s.has_resumed_at() || d.has_finished_at();
    const int64_t end = s.has_resumed_at() ? LocalDay(s.resumed_at()) : ended ? LocalDay(d.finished_at()) : kOpenEnd;
    if (start >= end) continue;  // waiting for less than a day: never waiting at a day's end
    Add(flows, start, kWaitingStarted, 1);
    if (end != kOpenEnd) Add(flows, end, kWaitingEnded, 1);
  }
  // Overdue at the end of day T: inside a running stretch [from, to) and past its due day.
  for (const internal::ClockSegment& segment : record.segments()) {
    const int64_t start = std::max(segment.from_day(), segment.due_day());
    if (start >= segment.to_day()) continue;
    Add(flows, start, kOverdueStarted, 1);
    if (segment.to_day() != kOpenEnd) Add(flows, segment.to_day(), kOverdueEnded, 1);
  }
  return flows;
}

FlowsByDay FlowsDelta(const FlowsByDay& before, const FlowsByDay& after) {
  FlowsByDay delta = after;
  for (const auto& [day, flows] : before) {
    Flows& d = delta[day];
    for (int i = 0; i < kCounterCount; ++i) d[i] -= flows[i];
  }
  std::erase_if(delta, [](const auto& entry) {
    return std::all_of(entry.second.begin(), entry.second.end(), [](int64_t n) { return n == 0; });
  });
  return delta;
}

}  // namespace haicap::deadlines
