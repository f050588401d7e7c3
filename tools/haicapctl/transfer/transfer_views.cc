#include "tools/haicapctl/transfer/transfer_views.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "tools/haicapctl/core/args.h"
#include "tools/haicapctl/transfer/transfer_args.h"

namespace haicap::ctl {
namespace {

// "2026-02-13 10:00", or "" for an unset instant (not 1970).
std::string Minute(bool set, const google::protobuf::Timestamp& at) {
  return set ? FormatVietnamTime(at) : "";
}

// "M-42 Nguyễn Văn An", or the id alone when the registry gave no name.
std::string MemberText(const transfers::Transfer& transfer) {
  if (transfer.member_name().empty()) return transfer.member_id();
  return absl::StrCat(transfer.member_id(), " ", transfer.member_name());
}

// "57 → 104", with the receiving province when it is another deployment's.
std::string RouteText(const transfers::Transfer& transfer) {
  std::string route =
      absl::StrCat(transfer.from_organization_id(), " → ", transfer.to_organization_id());
  if (!transfer.to_province_code().empty()) {
    absl::StrAppend(&route, " (province ", transfer.to_province_code(), ")");
  }
  return route;
}

std::string KindText(const transfers::Transfer& transfer) {
  std::string kind = TransferKindLabel(transfer.kind());
  if (transfer.for_study()) absl::StrAppend(&kind, " (for study)");
  return kind;
}

std::string DecisionText(const transfers::Decision& decision) {
  registry::Decision same;  // the registry's Decision has the same fields and wording
  same.set_number(decision.number());
  *same.mutable_date() = decision.date();
  return DescribeDecision(same);
}

// "12/GGT of 2026-02-16 by 104"; "" before the letter.
std::string LetterText(const transfers::Letter& letter) {
  if (letter.number().empty()) return "";
  std::string text = letter.number();
  if (letter.has_issued_on()) absl::StrAppend(&text, " of ", FormatDate(letter.issued_on()));
  if (!letter.issued_by_organization_id().empty()) {
    absl::StrAppend(&text, " by ", letter.issued_by_organization_id());
  }
  return text;
}

// "yes: <reason>", "yes (no reason reported yet)" or "" when not overdue.
std::string OverdueText(const transfers::Transfer& transfer) {
  if (!transfer.overdue()) return "";
  if (transfer.overdue_reason().empty()) return "yes (no reason reported yet)";
  return "yes: " + transfer.overdue_reason();
}

// "Đảng ủy phường Tây Tựu (104)", with the province when another deployment holds it.
std::string OrganizationText(const transfers::ChainStep& step) {
  std::string text = step.organization_name().empty() ? step.organization_id()
                                                      : absl::StrCat(step.organization_name(), " (",
                                                                     step.organization_id(), ")");
  if (!step.province_code().empty()) absl::StrAppend(&text, ", province ", step.province_code());
  return text;
}

void PrintChain(std::ostream& out, const transfers::Transfer& transfer) {
  out << "\nChain:\n";
  Table table({"STEP", "ROLE", "ORGANISATION", "ENDORSED BY", "ENDORSED AT", "NOTE"});
  for (const transfers::ChainStep& step : transfer.chain()) {
    table.AddRow({absl::StrCat(step.step()), ChainRoleLabel(step.role()), OrganizationText(step),
                  step.endorsed_by(), Minute(step.has_endorsed_at(), step.endorsed_at()),
                  step.note()});
  }
  table.Print(out);
}

// "requested → endorsing", or the new state alone when there was none before.
std::string StateStep(const transfers::TransferChange& change) {
  const std::string to = TransferStateLabel(change.to_state());
  if (change.from_state() == transfers::TRANSFER_STATE_UNSPECIFIED) return to;
  return absl::StrCat(TransferStateLabel(change.from_state()), " → ", to);
}

void PrintHistory(std::ostream& out, const transfers::Transfer& transfer) {
  out << "\nHistory:\n";
  Table table({"SEQ", "RECORDED", "STATE", "ACTOR", "SUMMARY"});
  for (const transfers::TransferChange& change : transfer.history()) {
    table.AddRow({absl::StrCat(change.sequence()),
                  Minute(change.has_recorded_at(), change.recorded_at()), StateStep(change),
                  change.actor(), change.summary()});
  }
  table.Print(out);
}

}  // namespace

void PrintTransferSummary(std::ostream& out, const transfers::Transfer& transfer) {
  PrintFields(out, {
                       {"Transfer", transfer.id()},
                       {"State", TransferStateLabel(transfer.state())},
                       {"Present by", FormatDate(transfer.present_by())},
                       {"Overdue", OverdueText(transfer)},
                       {"Revision", RevisionText(transfer.revision(), transfer.etag())},
                   });
  PrintChain(out, transfer);
}

void PrintTransfer(std::ostream& out, const transfers::Transfer& transfer) {
  PrintFields(out, {
                       {"ID", transfer.id()},
                       {"Member", MemberText(transfer)},
                       {"Kind", KindText(transfer)},
                       {"From → to", RouteText(transfer)},
                       {"Reason", transfer.reason()},
                       {"Decision", DecisionText(transfer.decision())},
                       {"State", TransferStateLabel(transfer.state())},
                       {"Letter", LetterText(transfer.letter())},
                       {"Present by", FormatDate(transfer.present_by())},
                       {"Presented on", FormatDate(transfer.presented_on())},
                       {"Overdue", OverdueText(transfer)},
                       {"Expected back", FormatDate(transfer.expected_return_on())},
                       {"Returned on", FormatDate(transfer.returned_on())},
                       {"Effective", FormatDate(transfer.effective_date())},
                       {"Created", Minute(transfer.has_created_at(), transfer.created_at())},
                       {"Revision", RevisionText(transfer.revision(), transfer.etag())},
                   });
  PrintChain(out, transfer);
  if (!transfer.history().empty()) PrintHistory(out, transfer);
}

Table TransferTable(const google::protobuf::RepeatedPtrField<transfers::Transfer>& list) {
  Table table({"ID", "MEMBER", "KIND", "FROM", "TO", "STATE", "PRESENT BY", "OVERDUE"});
  for (const transfers::Transfer& transfer : list) {
    table.AddRow({transfer.id(), MemberText(transfer), TransferKindLabel(transfer.kind()),
                  transfer.from_organization_id(), transfer.to_organization_id(),
                  TransferStateLabel(transfer.state()), FormatDate(transfer.present_by()),
                  transfer.overdue() ? "yes" : ""});
  }
  return table;
}

}  // namespace haicap::ctl
