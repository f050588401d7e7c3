#include "bench/dossier_plan.h"

#include <cstdio>

#include "bench/dossier_requests.h"
#include "bench/mix.h"
#include "common/clock.h"

namespace haicap::bench {
namespace {

constexpr int64_t kOfficeOpensSeconds = 7 * 3600 + 30 * 60;  // 07:30
constexpr int64_t kOfficeSeconds = 9 * 3600 + 30 * 60;       // until 17:00
constexpr int64_t kMinWorkSeconds = 2 * 3600;
constexpr int64_t kMaxWorkSeconds = 50 * 86400;
constexpr uint64_t kLeftOpenPercent = 3;
constexpr uint64_t kProcessingPercent = 60;

}  // namespace

DossierPlan::DossierPlan(absl::Time anchor, int communes)
    : anchor_day_(VietnamDay(anchor)), latest_event_(anchor - absl::Minutes(1)), communes_(communes) {}

PlannedDossier DossierPlan::Dossier(uint64_t index) const {
  const uint64_t a = Mix(index);
  const uint64_t b = Mix(a);
  PlannedDossier d;
  char id[32];
  std::snprintf(id, sizeof(id), "BENCH-%08llu", static_cast<unsigned long long>(index));
  d.id = id;
  d.commune = static_cast<int>((a >> 8) % static_cast<uint64_t>(communes_));
  d.channel = ChannelFor(a >> 32);
  const absl::CivilDay day = anchor_day_ - static_cast<int64_t>(1 + a % kHistoryDays);
  d.received_at = absl::FromCivil(day, VietnamTimeZone()) +
                  absl::Seconds(kOfficeOpensSeconds + static_cast<int64_t>((a >> 40) % kOfficeSeconds));
  const absl::Duration work =
      absl::Seconds(kMinWorkSeconds + static_cast<int64_t>(b % (kMaxWorkSeconds - kMinWorkSeconds)));
  if ((b >> 40) % 100 < kProcessingPercent && d.received_at + work / 4 <= latest_event_) {
    d.processing_at = d.received_at + work / 4;
  }
  if ((b >> 48) % 100 >= kLeftOpenPercent && d.received_at + work <= latest_event_) {
    d.finished_at = d.received_at + work;
  }
  return d;
}

}  // namespace haicap::bench
