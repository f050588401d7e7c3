// The registry's clocks in the deadlines service (docs/domain.md §3, admission): the ceremony within
// 30 working days of the admission decision, and the recognition considered within 30 working
// days of the end of the 12 months of probation. Both are PARTY_OBLIGATION dossiers on the
// national calendar, owned by the member's organisation at the time:
//   CEREMONY-<member id>     subject registry/members/<id>/ceremony, from the decision day; created
//                            by AdmitMember without a ceremony, PROCESSED on the ceremony day;
//   RECOGNITION-<member id>  subject registry/members/<id>/recognition, from the end of probation;
//                            started by StartRecognitionClocks once the 12 months are over (or with
//                            a recognition that comes first), PROCESSED on the recognition.
// An ended membership STOPS the clock it has running. Every message goes through the outbox in the
// batch of the change that causes it, with a request id derived from the member, so each clock is
// created and finished once. The due day the deadlines service answers is kept in member_clocks
// (RegistryStore) for GetMember and the findings of SummarizeSubtree, and follows the clock's
// DUE_CHANGED events (e.g. when next year's holidays are entered).
#pragma once

#include <cstdint>
#include <optional>

#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "common/change/change_kernel.h"
#include "common/clock.h"
#include "common/outbox/outbox.h"
#include "haicap/deadlines/v1/deadlines.pb.h"
#include "rocksdb/write_batch.h"
#include "services/registry/member_timeline.h"
#include "services/registry/registry_store.h"

namespace haicap::registry {

enum MemberClock : int { kCeremonyClock = 0, kRecognitionClock = 1 };

// Stored for a clock requested but not yet answered.
inline constexpr int64_t kDueNotYetKnown = -1;
// The outbox destination of the clocks.
inline constexpr char kToDeadlines[] = "deadlines";

// The due days of a member's clocks: unset without a clock or while the answer is outstanding.
struct ClockDueDays {
  std::optional<ClockDue> ceremony;
  std::optional<ClockDue> recognition;
};

// The due days known for `member`'s clocks.
absl::StatusOr<ClockDueDays> ReadClockDueDays(const RegistryStore& store, uint64_t member,
                                              const rocksdb::Snapshot* snapshot = nullptr);

class MemberClocks {
 public:
  // Nothing is owned. Thread-safe; Stage and StartRecognition callers serialise changes to a member.
  MemberClocks(RegistryStore* store, outbox::Outbox* outbox, const Clock* clock)
      : store_(store), outbox_(outbox), clock_(clock), kernel_(&store->idempotency()) {}

  // Adds to `batch` the clock messages for member `id` changing from `before` (null when new) to
  // `after`; `recognized_on` is the date of the recognition decision in the change, if any.
  absl::Status Stage(rocksdb::WriteBatch* batch, uint64_t id, const MemberRecord* before, const MemberRecord& after,
                     std::optional<absl::CivilDay> recognized_on);
  // Adds to `batch` the start of the recognition clock of `member` (on probation, 12 months over)
  // unless it has one.
  absl::Status StageRecognitionStart(rocksdb::WriteBatch* batch, uint64_t id, const MemberRecord& member);
  // Wakes the outbox; call after committing a staged batch.
  void Notify() { outbox_->Notify(); }

  // Records the due day the deadlines service answered for `clock` of `member` (the outbox's
  // follow-up; commits `batch`), unless a DUE_CHANGED event came first.
  absl::Status OnDue(rocksdb::WriteBatch* batch, uint64_t member, MemberClock clock, absl::CivilDay due,
                     bool provisional);
  // A deadlines event (`batch` holds the consumer's cursor; commits it): a clock's DUE_CHANGED
  // moves the due day kept for it.
  absl::Status OnDeadlineEvent(rocksdb::WriteBatch* batch, const deadlines::v1::DeadlineEvent& event);

 private:
  absl::Status Send(rocksdb::WriteBatch* batch, uint64_t id, const std::string& method,
                    const google::protobuf::Message& request, const std::string& request_id);
  // CreateDossier of `clock` for member `id`, counted from `start` (07:00 that day, or now if earlier).
  absl::Status Create(rocksdb::WriteBatch* batch, uint64_t id, MemberClock clock, const v1::Member& member,
                      absl::CivilDay start);
  // TransitionDossier of `clock` to PROCESSED on `day` (its noon, or now when that is today).
  absl::Status Finish(rocksdb::WriteBatch* batch, uint64_t id, MemberClock clock, absl::CivilDay day);
  absl::Status Stop(rocksdb::WriteBatch* batch, uint64_t id, MemberClock clock, const v1::Member& ended);

  RegistryStore* store_;
  outbox::Outbox* outbox_;
  const Clock* clock_;
  absl::Mutex due_mu_;  // orders OnDue with OnDeadlineEvent: each reads the kept due day, then writes
  change::ChangeKernel kernel_;  // the follow-ups' path
};

}  // namespace haicap::registry
