// Changing the member roster: admit, register, recognize, end, update (move: member_move_command.cc).
#include <algorithm>
#include <memory>
#include <vector>

#include "absl/strings/str_join.h"
#include "tools/haicapctl/core/args.h"
#include "tools/haicapctl/core/change.h"
#include "tools/haicapctl/core/flags.h"
#include "tools/haicapctl/member/member_commands.h"
#include "tools/haicapctl/member/member_views.h"

namespace haicap::ctl {
namespace {

using registry::Registry;

// The member's personal data: --name, --born, --sex, --citizen-id, --card-number,
// --record-number.
class PersonalDataFlags {
 public:
  // For a new member (`required`) name, date of birth, sex and citizen ID must be given; for a
  // correction every flag is optional.
  void AddTo(CLI::App* command, bool required) {
    name_ = command->add_option("--name", name_value_, "Full name, e.g. \"Nguyễn Văn An\"")
                ->required(required);
    born_ = AddDateOption(command, "--born", born_value_, "Date of birth")->required(required);
    sex_ = AddSexOption(command, "--sex", sex_value_, "Sex")->required(required);
    citizen_id_ = AddCitizenIdOption(command, "--citizen-id", citizen_id_value_,
                                     "Citizen ID, số căn cước công dân")
                      ->required(required);
    card_number_ = command->add_option("--card-number", card_number_value_,
                                       "Party card number (số thẻ đảng viên)");
    record_number_ = command->add_option("--record-number", record_number_value_,
                                         "Party record number (số lý lịch đảng viên)");
  }

  // Copies the flags given into `member` and, when `mask` is not null, names each field there.
  void Fill(registry::Member* member, google::protobuf::FieldMask* mask) const {
    auto given = [mask](const CLI::Option* option, const char* path) {
      if (option->count() == 0) return false;
      if (mask != nullptr) mask->add_paths(path);
      return true;
    };
    if (given(name_, "full_name")) member->set_full_name(name_value_);
    if (given(born_, "date_of_birth")) {
      *member->mutable_date_of_birth() = ParseDate(born_value_).value();
    }
    if (given(sex_, "sex")) member->set_sex(ParseSex(sex_value_).value());
    if (given(citizen_id_, "citizen_id")) member->set_citizen_id(citizen_id_value_);
    if (given(card_number_, "party_card_number")) {
      member->set_party_card_number(card_number_value_);
    }
    if (given(record_number_, "party_record_number")) {
      member->set_party_record_number(record_number_value_);
    }
  }

 private:
  std::string name_value_, born_value_, sex_value_, citizen_id_value_, card_number_value_,
      record_number_value_;
  CLI::Option *name_ = nullptr, *born_ = nullptr, *sex_ = nullptr, *citizen_id_ = nullptr,
              *card_number_ = nullptr, *record_number_ = nullptr;
};

// A check, after AddMemberStatusOption has normalised the text, that the status is `allowed`
// (two or more statuses).
CLI::Validator StatusAmong(std::vector<registry::MemberStatus> allowed) {
  std::vector<std::string> labels;
  for (registry::MemberStatus status : allowed) labels.push_back(MemberStatusLabel(status));
  // "use removed, expelled or deceased"
  const std::string refusal = "use " + absl::StrJoin(labels.begin(), labels.end() - 1, ", ") +
                              " or " + labels.back();
  return CLI::Validator(
      [allowed, refusal](std::string& canonical) -> std::string {
        const registry::MemberStatus status = ParseMemberStatus(canonical).value();
        return std::find(allowed.begin(), allowed.end(), status) != allowed.end() ? ""
                                                                                  : refusal;
      },
      /*validator_desc=*/"");
}

void AddAdmit(CLI::App* member, Session& session) {
  struct Flags {
    PersonalDataFlags person;
    std::string org, ceremony;
    DecisionFlags decision;
  };
  auto flags = std::make_shared<Flags>();
  CLI::App* cmd = member->add_subcommand(
      "admit", "Admit (kết nạp) a new party member: probation (dự bị) starts on the ceremony day, or "
               "the member waits for the ceremony");
  flags->person.AddTo(cmd, /*required=*/true);
  cmd->add_option("--org", flags->org,
                  "The cell, grassroots cell or grassroots committee that admits the member")
      ->required()
      ->type_name("ID");
  AddDateOption(cmd, "--ceremony", flags->ceremony,
                "Day of the admission ceremony (lễ kết nạp); leave out while it is still to come");
  flags->decision.AddTo(cmd);
  cmd->footer(std::string(kRetryNote) + R"(
The member is probationary for 12 months from the ceremony; the admission decision
(quyết định kết nạp) may not be dated after the ceremony. Without --ceremony the member is
admission-pending from --decision-date (then required): not yet counted, and the deadlines
service keeps the 30 working days for the ceremony; record it with `member ceremony`.

Examples:
  haicapctl member admit --name "Nguyễn Văn An" --born 02/05/1998 --sex male \
      --citizen-id 001098012345 --org 104 --ceremony 19/05/2025 \
      --decision-number 215-QĐ/ĐU --decision-date 05/05/2025
  haicapctl member admit --name "Phạm Thu Hà" --born 14/08/2001 --sex female \
      --citizen-id 001301004567 --org 104 --decision-number 230-QĐ/ĐU --decision-date 01/12/2026)");
  session.SetAction(cmd, [flags](Session& s) {
    registry::AdmitMemberRequest request;
    flags->person.Fill(request.mutable_member(), /*mask=*/nullptr);
    request.mutable_member()->set_organization_id(flags->org);
    if (!flags->ceremony.empty()) SetDate(flags->ceremony, request.mutable_ceremony_date());
    flags->decision.Fill(&request);
    return RunChange(s, &Registry::Stub::AdmitMember, request, PrintMember);
  });
}

void AddCeremony(CLI::App* member, Session& session) {
  struct Flags {
    std::string id, on, etag;
    RequestIdFlag request_id;
  };
  auto flags = std::make_shared<Flags>();
  CLI::App* cmd = member->add_subcommand(
      "ceremony", "Record the admission ceremony (lễ kết nạp) of an admission-pending member");
  cmd->add_option("id", flags->id, "Member id")->required();
  AddDateOption(cmd, "--on", flags->on, "The day the ceremony was held (not after today)")->required();
  AddEtagOption(cmd, flags->etag, "member get -o json", "member");
  flags->request_id.AddTo(cmd);
  cmd->footer(std::string(kRetryNote) + R"(
The member is probationary from that day for 12 months, and the ceremony's clock in the
deadlines service is finished on it (on time or late against its 30 working days).

Example:
  haicapctl member ceremony 1025 --on 04/12/2026)");
  session.SetAction(cmd, [flags](Session& s) {
    registry::RecordAdmissionCeremonyRequest request;
    request.set_member_id(flags->id);
    SetDate(flags->on, request.mutable_ceremony_date());
    request.set_etag(flags->etag);
    request.set_request_id(flags->request_id.value());
    return RunChange(s, &Registry::Stub::RecordAdmissionCeremony, request, PrintMember);
  });
}

void AddRegister(CLI::App* member, Session& session) {
  struct Flags {
    PersonalDataFlags person;
    std::string org, status, admitted, official;
    ChangeFlags change;
  };
  auto flags = std::make_shared<Flags>();
  CLI::App* cmd = member->add_subcommand(
      "register", "Register an existing party member with their past dates (when moving the "
                  "roster into haicap)");
  flags->person.AddTo(cmd, /*required=*/true);
  cmd->add_option("--org", flags->org,
                  "The cell, grassroots cell or grassroots committee the member belongs to")
      ->required()
      ->type_name("ID");
  AddMemberStatusOption(cmd, "--status", flags->status, "Status today")
      ->check(StatusAmong({registry::PROBATIONARY, registry::OFFICIAL}))
      ->required();
  AddDateOption(cmd, "--admitted", flags->admitted,
                "Day of the admission ceremony (ngày vào Đảng)")
      ->required();
  AddDateOption(cmd, "--official", flags->official,
                "For an official member: the day they became official (ngày chính thức; "
                "default: 12 months after --admitted)");
  flags->change.AddTo(cmd);
  cmd->footer(std::string(kRetryNote) + R"(
--effective is the day the member joined this organisation (not before --admitted).

Examples:
  haicapctl member register --name "Trần Thị Bình" --born 11/03/1970 --sex female \
      --citizen-id 001170004321 --card-number 01234567 --org 104 --status official \
      --admitted 03/02/1995 --official 03/02/1996 --effective 01/07/2025
  haicapctl member register --name "Lê Văn Cường" --born 20/10/2000 --sex nam \
      --citizen-id 001200009876 --org 104 --status probationary --admitted 01/03/2025 \
      --effective 01/07/2025)");
  session.SetAction(cmd, [flags](Session& s) {
    registry::RegisterMemberRequest request;
    registry::Member* member = request.mutable_member();
    flags->person.Fill(member, /*mask=*/nullptr);
    member->set_organization_id(flags->org);
    member->set_status(ParseMemberStatus(flags->status).value());
    SetDate(flags->admitted, member->mutable_admitted_on());
    SetDate(flags->official, member->mutable_official_on());
    flags->change.Fill(&request);
    return RunChange(s, &Registry::Stub::RegisterMember, request, PrintMember);
  });
}

void AddRecognize(CLI::App* member, Session& session) {
  struct Flags {
    std::string id, etag;
    DecisionFlags decision;
  };
  auto flags = std::make_shared<Flags>();
  CLI::App* cmd = member->add_subcommand(
      "recognize",
      "Recognise a probationary member as official (công nhận đảng viên chính thức)");
  cmd->alias("recognise");
  cmd->add_option("id", flags->id, "Member id")->required();
  flags->decision.AddTo(cmd, /*date_required=*/true);
  AddEtagOption(cmd, flags->etag, "member get -o json", "member");
  cmd->footer(std::string(kRetryNote) + R"(
The registry refuses before the 12 months of probation are over. The member is official from
the end of the 12 months, even when the decision is signed later.

Example:
  haicapctl member recognize 1024 --decision-number 301-QĐ/ĐU --decision-date 25/05/2026)");
  session.SetAction(cmd, [flags](Session& s) {
    registry::RecognizeOfficialRequest request;
    request.set_member_id(flags->id);
    request.set_etag(flags->etag);
    flags->decision.Fill(&request);
    return RunChange(s, &Registry::Stub::RecognizeOfficial, request, PrintMember);
  });
}

void AddEnd(CLI::App* member, Session& session) {
  struct Flags {
    std::string id, as, reason, etag;
    ChangeFlags change;
  };
  auto flags = std::make_shared<Flags>();
  CLI::App* cmd = member->add_subcommand(
      "end", "End a membership: removed (xóa tên), expelled (khai trừ) or deceased (từ trần)");
  cmd->add_option("id", flags->id, "Member id")->required();
  AddMemberStatusOption(cmd, "--as", flags->as, "How the membership ends")
      ->check(StatusAmong({registry::REMOVED, registry::EXPELLED, registry::DECEASED}))
      ->required();
  cmd->add_option("--reason", flags->reason,
                  "Why, up to 500 characters, e.g. \"bỏ sinh hoạt đảng 3 tháng không có lý do\"")
      ->required();
  AddEtagOption(cmd, flags->etag, "member get -o json", "member");
  flags->change.AddTo(cmd);
  cmd->footer(std::string(kRetryNote) + R"(
Examples:
  haicapctl member end 1024 --as removed --reason "bỏ sinh hoạt đảng 3 tháng không có lý do" \
      --effective 15/09/2025 --decision-number 77-QĐ/ĐU --decision-date 12/09/2025
  haicapctl member end 2048 --as deceased --reason "từ trần" --effective 02/10/2025)");
  session.SetAction(cmd, [flags](Session& s) {
    registry::EndMembershipRequest request;
    request.set_member_id(flags->id);
    request.set_status(ParseMemberStatus(flags->as).value());
    request.set_reason(flags->reason);
    request.set_etag(flags->etag);
    flags->change.Fill(&request);
    return RunChange(s, &Registry::Stub::EndMembership, request, PrintMember);
  });
}

void AddUpdate(CLI::App* member, Session& session) {
  struct Flags {
    std::string id, etag;
    PersonalDataFlags person;
    RequestIdFlag request_id;
  };
  auto flags = std::make_shared<Flags>();
  CLI::App* cmd = member->add_subcommand(
      "update", "Correct a member's personal data (name, date of birth, sex, citizen ID, card "
                "and record numbers)");
  cmd->add_option("id", flags->id, "Member id")->required();
  CLI::Option_group* fields =
      cmd->add_option_group("Corrections", "What to correct; give at least one");
  flags->person.AddTo(fields, /*required=*/false);
  fields->require_option(1, 0);
  AddEtagOption(cmd, flags->etag, "member get -o json", "member");
  flags->request_id.AddTo(cmd);
  cmd->footer(std::string(kRetryNote) + R"(
Only the fields given are changed. A correction applies to the whole history: it fixes a
mistake, it does not record a change from a date on.

Examples:
  haicapctl member update 1024 --name "Nguyễn Văn Ân"
  haicapctl member update 1024 --citizen-id 001098012346 --card-number 01234568 --etag 7)");
  session.SetAction(cmd, [flags](Session& s) {
    registry::UpdateMemberRequest request;
    request.mutable_member()->set_id(flags->id);
    flags->person.Fill(request.mutable_member(), request.mutable_update_mask());
    request.set_etag(flags->etag);
    request.set_request_id(flags->request_id.value());
    return RunChange(s, &Registry::Stub::UpdateMember, request, PrintMember);
  });
}

}  // namespace

void AddMemberChangeCommands(CLI::App* member, Session& session) {
  AddAdmit(member, session);
  AddCeremony(member, session);
  AddRegister(member, session);
  AddRecognize(member, session);
  AddEnd(member, session);
  AddUpdate(member, session);
  AddMemberMoveCommand(member, session);
}

}  // namespace haicap::ctl
