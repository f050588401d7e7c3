// The data set of haicap-bench-dossiers: administrative procedures at the one-stop centres of one
// province's communes, received over the 18 months before an anchor instant, most of them finished
// since (some late), the rest still open — recent ones within their time, a few old ones overdue.
// Each dossier is a function of its index, so a later run with the same anchor knows the data set
// without reading it back.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "haicap/deadlines/v1/deadlines.pb.h"

namespace haicap::bench {

// Days of history before the anchor's day: received_at falls on one of them.
inline constexpr int kHistoryDays = 548;

struct PlannedDossier {
  std::string id;  // "BENCH-" and 8 digits
  int commune = 0;  // index into the province's communes
  deadlines::v1::Channel channel = deadlines::v1::DIRECT;
  absl::Time received_at;                   // office hours, 1–548 days before the anchor's day
  std::optional<absl::Time> processing_at;  // 2 → 4 (PROCESSING), for about 60%
  std::optional<absl::Time> finished_at;    // → 9 (PROCESSED); unset: still open at the anchor
};

class DossierPlan {
 public:
  // `anchor` is no later than the server's clock; `communes` > 0.
  DossierPlan(absl::Time anchor, int communes);

  // The `index`-th dossier (from 0): received at a random office instant of the history, worked
  // on for 2 hours to 50 days (30 working days is about 42), finished unless that would be after
  // the anchor or it is one of the 3% left open whatever their age.
  PlannedDossier Dossier(uint64_t index) const;

 private:
  absl::CivilDay anchor_day_;
  absl::Time latest_event_;
  int communes_;
};

}  // namespace haicap::bench
