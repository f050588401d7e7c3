// Transfers of party membership: their state, chain and letter, and the messages they send. Every
// change writes the transfer, its history entry, its indexes and its outgoing messages (to the
// registry and the deadlines service, through the outbox) in one durable batch; the messages are
// delivered after, with retries, and their answers come back through the On* methods. Changes to
// one transfer are serialised. Thread-safe.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "common/change/assigned_ids.h"
#include "common/change/change_kernel.h"
#include "common/change/striped_locks.h"
#include "common/clock.h"
#include "common/outbox/outbox.h"
#include "haicap/deadlines/v1/deadlines.pb.h"
#include "haicap/transfers/v1/transfers.pb.h"
#include "services/transfers/registry_client.h"
#include "services/transfers/transfer_store.h"

namespace haicap::transfers {

// Outbox destinations; another province's registry is "registry/<province code>".
inline constexpr char kToRegistry[] = "registry";
inline constexpr char kToDeadlines[] = "deadlines";
inline std::string ToProvinceRegistry(const std::string& province_code) { return "registry/" + province_code; }

class TransferBook {
 public:
  // `registries` maps province codes of other deployments to their registries. Nothing is owned.
  TransferBook(TransferStore* store, outbox::Outbox* outbox, const RegistryClient* registry,
               std::map<std::string, const RegistryClient*> registries, const Clock* clock);

  absl::Status Init();

  absl::StatusOr<v1::Transfer> Create(const v1::CreateTransferRequest& request, const std::string& actor);
  absl::StatusOr<v1::Transfer> Get(const v1::GetTransferRequest& request) const;
  absl::StatusOr<v1::ListTransfersResponse> List(const v1::ListTransfersRequest& request) const;
  absl::StatusOr<v1::Transfer> Endorse(const v1::EndorseTransferRequest& request, const std::string& actor);
  absl::StatusOr<v1::Transfer> IssueIntroduction(const v1::IssueIntroductionRequest& request,
                                                 const std::string& actor);
  absl::StatusOr<v1::Transfer> ConfirmReceipt(const v1::ConfirmReceiptRequest& request, const std::string& actor);
  absl::StatusOr<v1::Transfer> Cancel(const v1::CancelTransferRequest& request, const std::string& actor);
  absl::StatusOr<v1::Transfer> Reject(const v1::RejectTransferRequest& request, const std::string& actor);
  absl::StatusOr<v1::Transfer> EndTemporary(const v1::EndTemporaryTransferRequest& request, const std::string& actor);
  absl::StatusOr<v1::Transfer> ReportOverdueReason(const v1::ReportOverdueReasonRequest& request,
                                                   const std::string& actor);

  // What the other services answered or announced: each adds its writes to `batch` (which holds
  // the outbox's removal of the message, or the event consumer's cursor) and commits it under the
  // transfer's lock. Safe to repeat.
  absl::Status OnPresentBy(rocksdb::WriteBatch* batch, const std::string& id, absl::CivilDay present_by);
  absl::Status OnRegistryMoved(rocksdb::WriteBatch* batch, const std::string& id);
  absl::Status OnRegistryRefused(rocksdb::WriteBatch* batch, const std::string& id, const std::string& error);
  // A deadlines event (the event consumer's batch holds its cursor): a letter clock's OVERDUE marks
  // the transfer overdue; its DUE_CHANGED moves present_by; the rest only moves the cursor.
  absl::Status OnDeadlineEvent(rocksdb::WriteBatch* batch, const deadlines::v1::DeadlineEvent& event);
  // Across provinces: the receiving province's registry took the member in (then this province's
  // registry ends the membership as TRANSFERRED_OUT), or refused (the transfer is REJECTED).
  absl::Status OnTakenIn(rocksdb::WriteBatch* batch, const std::string& id);
  absl::Status OnRefusedByReceivingProvince(rocksdb::WriteBatch* batch, const std::string& id,
                                            const std::string& error);

  // The deadlines clock of a transfer is the dossier "TR-<transfer id>".
  static std::string ClockId(const std::string& transfer_id) { return "TR-" + transfer_id; }
  static std::string TransferOfClock(const std::string& dossier_id);

 private:
  using MutateFn = std::function<absl::Status(v1::Transfer&, v1::TransferChange&, rocksdb::WriteBatch*)>;
  // Reads of other services a change needs, done before the member's lock is taken (they may be
  // slow) from the transfer as it was then (fields a change cannot alter: member, kind, province).
  using PrefetchFn = std::function<absl::Status(const v1::Transfer&)>;

  absl::Status OnOverdue(rocksdb::WriteBatch* batch, const std::string& id);
  absl::Status OnPresentByMoved(rocksdb::WriteBatch* batch, const std::string& id, absl::CivilDay present_by);

  // A change of a stored transfer through the kernel: request checks, `prefetch`, the member's
  // lock, read, etag, `mutate`, history, commit.
  absl::StatusOr<v1::Transfer> Mutate(std::string_view method, const std::string& id, const std::string& etag,
                                      const std::string& request_id, const std::string& actor, const MutateFn& mutate,
                                      const PrefetchFn& prefetch = nullptr);
  // Writes the transfer with its revision and a history entry.
  void Write(rocksdb::WriteBatch* batch, v1::Transfer& transfer, v1::TransferChange change);
  // A follow-up from another service, applied under the transfer's lock; `apply` returns false
  // when there is nothing to change (a repeat), an error when the follow-up cannot be written.
  using FollowFn = std::function<absl::StatusOr<bool>(v1::Transfer&, v1::TransferChange&, rocksdb::WriteBatch*)>;
  absl::Status Follow(rocksdb::WriteBatch* batch, const std::string& id, const FollowFn& apply);
  const RegistryClient* RegistryFor(const std::string& province_code) const;
  // Puts a message in the outbox, in `batch`; an error (a malformed message) fails the change.
  absl::Status Send(rocksdb::WriteBatch* batch, const std::string& destination, const std::string& method,
                    const google::protobuf::Message& request, const std::string& request_id,
                    const std::string& reference);
  // The registry's MoveMember for a receipt in this province.
  absl::Status SendMove(rocksdb::WriteBatch* batch, const v1::Transfer& transfer, absl::CivilDay effective);
  // The letter's clock ends with `status` (transfer cancelled or rejected), if it was started.
  absl::Status StopClock(rocksdb::WriteBatch* batch, const v1::Transfer& transfer,
                         deadlines::v1::DossierStatus status, const std::string& reason);
  // One member's transfers change one at a time.
  absl::Mutex& MemberLock(const std::string& member_id) { return member_locks_.For(member_id); }

  TransferStore* store_;
  outbox::Outbox* outbox_;
  const RegistryClient* registry_;
  std::map<std::string, const RegistryClient*> registries_;
  const Clock* clock_;
  change::AssignedIds ids_{"T-"};
  change::StripedLocks<64> member_locks_;
  change::ChangeKernel kernel_;
};

}  // namespace haicap::transfers
