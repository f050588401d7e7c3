// What the registry and the deadlines service answered or announced about a transfer.
#include "absl/strings/str_cat.h"
#include "common/proto_time.h"
#include "common/civil_date.h"
#include "common/errors.h"
#include "common/status_macros.h"
#include "haicap/registry/v1/registry.pb.h"
#include "services/transfers/transfer_book.h"
#include "services/transfers/transfer_rules.h"

namespace haicap::transfers {

std::string TransferBook::TransferOfClock(const std::string& dossier_id) {
  constexpr std::string_view kPrefix = "TR-";
  return dossier_id.starts_with(kPrefix) ? dossier_id.substr(kPrefix.size()) : "";
}

absl::Status TransferBook::Follow(rocksdb::WriteBatch* batch, const std::string& id, const FollowFn& apply) {
  ASSIGN_OR_RETURN(std::optional<v1::Transfer> peek, store_->Read(id));
  if (!peek) return store_->db()->Commit(batch);  // not ours (or gone): just move on
  return kernel_.RunFollowUp(change::ChangeLock{&MemberLock(peek->member_id())}, batch,
                             [&](rocksdb::WriteBatch* b) -> absl::Status {
    ASSIGN_OR_RETURN(v1::Transfer transfer, store_->ReadExisting(id));
    v1::TransferChange change;
    change.set_from_state(transfer.state());
    change.set_actor("haicap-transfers");
    ASSIGN_OR_RETURN(const bool changed, apply(transfer, change, b));
    if (!changed) return absl::OkStatus();  // already applied (a repeat) or no longer relevant
    if (IsEnded(transfer)) store_->ClearOpen(b, transfer.member_id());
    Write(b, transfer, std::move(change));
    return absl::OkStatus();
  });
}

absl::Status TransferBook::OnPresentBy(rocksdb::WriteBatch* batch, const std::string& id, absl::CivilDay present_by) {
  return Follow(batch, id, [&](v1::Transfer& t, v1::TransferChange& change, rocksdb::WriteBatch*) {
    // The answer may come after the receipt (the deadlines service was away): still worth showing.
    if (t.has_present_by() || t.state() == v1::CANCELLED || t.state() == v1::REJECTED) return false;
    *t.mutable_present_by() = ToProtoDate(present_by);
    change.set_summary(absl::StrCat("the letter must be presented by ", FormatDay(present_by)));
    return true;
  });
}

absl::Status TransferBook::OnRegistryMoved(rocksdb::WriteBatch* batch, const std::string& id) {
  return Follow(batch, id, [&](v1::Transfer& t, v1::TransferChange& change, rocksdb::WriteBatch*) {
    if (t.state() != v1::RECEIVED) return false;
    t.set_state(v1::COMPLETED);
    change.set_summary(t.kind() == v1::TEMPORARY ? "the registry records the temporary activity"
                                                 : "the registry moved the member");
    return true;
  });
}

absl::Status TransferBook::OnRegistryRefused(rocksdb::WriteBatch* batch, const std::string& id,
                                             const std::string& error) {
  return Follow(batch, id, [&](v1::Transfer& t, v1::TransferChange& change, rocksdb::WriteBatch*) {
    if (t.state() != v1::RECEIVED) return false;
    // E.g. the receiving cell was dissolved while the move waited: the member stays where they
    // are and may start another transfer.
    t.set_state(v1::REJECTED);
    change.set_summary(absl::StrCat("the registry refused the move: ", error));
    return true;
  });
}

absl::Status TransferBook::OnTakenIn(rocksdb::WriteBatch* batch, const std::string& id) {
  return Follow(batch, id, [&](v1::Transfer& t, v1::TransferChange& change,
                               rocksdb::WriteBatch* b) -> absl::StatusOr<bool> {
    if (t.state() != v1::RECEIVED) return false;
    // The second half of the saga: the member leaves this province's registry.
    registry::v1::EndMembershipRequest out;
    out.set_member_id(t.member_id());
    out.set_status(registry::v1::TRANSFERRED_OUT);
    out.set_reason(absl::StrCat("chuyển sinh hoạt đảng sang tỉnh ", t.to_province_code(), " (transfers/", t.id(), ")"));
    *out.mutable_effective_date() = t.effective_date();
    out.set_request_id(absl::StrCat("transfer-", t.id(), "-out"));
    RETURN_IF_ERROR(Send(b, kToRegistry, "EndMembership", out, out.request_id(), t.id()));
    change.set_summary(absl::StrCat("province ", t.to_province_code(), "'s registry took the member in"));
    return true;
  });
}

absl::Status TransferBook::OnRefusedByReceivingProvince(rocksdb::WriteBatch* batch, const std::string& id,
                                                        const std::string& error) {
  return Follow(batch, id, [&](v1::Transfer& t, v1::TransferChange& change, rocksdb::WriteBatch*) {
    if (t.state() != v1::RECEIVED) return false;
    // Nothing was taken out of this province: the member stays where they were.
    t.set_state(v1::REJECTED);
    change.set_summary(absl::StrCat("province ", t.to_province_code(), "'s registry refused the member: ", error));
    return true;
  });
}

absl::Status TransferBook::OnOverdue(rocksdb::WriteBatch* batch, const std::string& id) {
  return Follow(batch, id, [&](v1::Transfer& t, v1::TransferChange& change, rocksdb::WriteBatch*) {
    if (t.overdue() || t.state() != v1::INTRODUCED) return false;
    t.set_overdue(true);
    change.set_summary("the letter was not presented in time: report a reason to the competent committee");
    return true;
  });
}

absl::Status TransferBook::OnPresentByMoved(rocksdb::WriteBatch* batch, const std::string& id,
                                            absl::CivilDay present_by) {
  return Follow(batch, id, [&](v1::Transfer& t, v1::TransferChange& change, rocksdb::WriteBatch*) {
    // Once the letter is presented (or the transfer ended) the day no longer matters.
    if (t.state() != v1::INTRODUCED) return false;
    if (t.has_present_by() && DayNumber(t.present_by()) == DayNumber(present_by)) return false;
    change.set_summary(absl::StrCat("the letter must now be presented by ", FormatDay(present_by),
                                    t.has_present_by() ? absl::StrCat(" (was ", FormatDayNumber(DayNumber(t.present_by())), ")") : "",
                                    ": the deadlines service moved its clock"));
    *t.mutable_present_by() = ToProtoDate(present_by);
    return true;
  });
}

absl::Status TransferBook::OnDeadlineEvent(rocksdb::WriteBatch* batch, const deadlines::v1::DeadlineEvent& event) {
  const std::string id = TransferOfClock(event.dossier_id());
  if (id.empty()) return store_->db()->Commit(batch);
  switch (event.type()) {
    case deadlines::v1::OVERDUE:
      return OnOverdue(batch, id);
    case deadlines::v1::DUE_CHANGED:
      return OnPresentByMoved(batch, id, VietnamDay(FromTimestamp(event.due_at())));
    default:
      return store_->db()->Commit(batch);
  }
}

}  // namespace haicap::transfers
