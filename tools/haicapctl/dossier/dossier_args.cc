#include "tools/haicapctl/dossier/dossier_args.h"

#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "tools/haicapctl/core/enum_text.h"

namespace haicap::ctl {
namespace {

// The short Vietnamese name of each status, by its number (the portal's wording, shortened).
constexpr const char* kVietnameseStatus[] = {
    "",          "mới đăng ký", "được tiếp nhận", "không được tiếp nhận", "đang xử lý",
    "yêu cầu bổ sung", "nghĩa vụ tài chính", "rút hồ sơ", "dừng xử lý", "đã xử lý xong",
    "đã trả kết quả"};

}  // namespace

std::string DossierStatusList() {
  std::vector<std::string> statuses;
  for (int number = deadlines::NEW_REGISTERED; number <= deadlines::RESULT_RETURNED; ++number) {
    statuses.push_back(DossierStatusWords(static_cast<deadlines::DossierStatus>(number)));
  }
  return absl::StrJoin(statuses, ", ");
}

absl::StatusOr<deadlines::DossierStatus> ParseDossierStatus(std::string_view text) {
  int number = 0;
  if (absl::SimpleAtoi(absl::string_view(text.data(), text.size()), &number)) {
    if (!deadlines::DossierStatus_IsValid(number) || number == 0) {
      return absl::InvalidArgumentError(
          absl::StrCat("no dossier status has the number ", number, "; they are 1 to 10"));
    }
    return static_cast<deadlines::DossierStatus>(number);
  }
  auto status = ParseEnum<deadlines::DossierStatus>(
      text, deadlines::DossierStatus_descriptor(),
      {{"new", deadlines::NEW_REGISTERED},
       {"registered", deadlines::NEW_REGISTERED},
       {"accepted", deadlines::RECEIVED},
       {"rejected", deadlines::NOT_ACCEPTED},
       {"supplement", deadlines::SUPPLEMENT_REQUESTED},
       {"financial", deadlines::FINANCIAL_OBLIGATION},
       {"returned", deadlines::RESULT_RETURNED}},
      "dossier status");
  if (!status.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat(status.status().message(), ", or a number 1–10"));
  }
  return status;
}

absl::StatusOr<deadlines::DossierKind> ParseDossierKind(std::string_view text) {
  return ParseEnum<deadlines::DossierKind>(text, deadlines::DossierKind_descriptor(),
                                           {{"admin", deadlines::ADMIN_PROCEDURE},
                                            {"party", deadlines::PARTY_OBLIGATION}},
                                           "dossier kind");
}

absl::StatusOr<deadlines::Channel> ParseChannel(std::string_view text) {
  return ParseEnum<deadlines::Channel>(text, deadlines::Channel_descriptor(),
                                       {{"truc-tiep", deadlines::DIRECT},
                                        {"truc-tuyen", deadlines::ONLINE},
                                        {"buu-chinh", deadlines::POSTAL}},
                                       "channel");
}

std::string DossierStatusWords(deadlines::DossierStatus status) {
  if (status < deadlines::NEW_REGISTERED || status > deadlines::RESULT_RETURNED) {
    return LabelOf(status, deadlines::DossierStatus_descriptor());
  }
  return absl::StrCat(static_cast<int>(status), " ",
                      LabelOf(status, deadlines::DossierStatus_descriptor()), " (",
                      kVietnameseStatus[status], ")");
}

std::string OutcomeWords(deadlines::Outcome outcome) {
  switch (outcome) {
    case deadlines::EARLY:
      return "early (trước hạn)";
    case deadlines::ON_TIME:
      return "on-time (đúng hạn)";
    case deadlines::LATE:
      return "late (quá hạn)";
    default:
      return LabelOf(outcome, deadlines::Outcome_descriptor());
  }
}

std::string DossierKindLabel(deadlines::DossierKind kind) {
  switch (kind) {
    case deadlines::ADMIN_PROCEDURE:
      return "admin";
    case deadlines::PARTY_OBLIGATION:
      return "party";
    default:
      return LabelOf(kind, deadlines::DossierKind_descriptor());
  }
}

std::string ChannelLabel(deadlines::Channel channel) {
  return LabelOf(channel, deadlines::Channel_descriptor());
}

}  // namespace haicap::ctl
