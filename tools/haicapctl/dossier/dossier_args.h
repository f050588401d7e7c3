// What a person types for dossiers (hồ sơ) and the words printed back: statuses (the national
// portal's numbers 1–10 or names), kinds, channels and the 766 outcome.
#pragma once

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "haicap/deadlines/v1/deadlines.pb.h"

namespace haicap::ctl {

namespace deadlines = ::haicap::deadlines::v1;

// What --unit covers where dossiers are listed or watched, for --help.
inline constexpr char kUnitsOfDossiers[] =
    "A commune (5 digits), a province (2 digits: all its communes) or an organisation (org-ID, "
    "e.g. org-12)";

// The statuses as the help texts list them: "1 new-registered (mới đăng ký), 2 received (...".
std::string DossierStatusList();

// A status by its number ("4") or name: the proto name (RESULT_RETURNED), its kebab form
// (result-returned) or a short word (new, accepted, rejected, supplement, financial, returned).
absl::StatusOr<deadlines::DossierStatus> ParseDossierStatus(std::string_view text);
// admin or party (or the proto names ADMIN_PROCEDURE, PARTY_OBLIGATION).
absl::StatusOr<deadlines::DossierKind> ParseDossierKind(std::string_view text);
// direct, online or postal (or the unaccented Vietnamese truc-tiep, truc-tuyen, buu-chinh).
absl::StatusOr<deadlines::Channel> ParseChannel(std::string_view text);

// "4 processing (đang xử lý)"; "" for an unset status.
std::string DossierStatusWords(deadlines::DossierStatus status);
// "early (trước hạn)", "on-time (đúng hạn)", "late (quá hạn)"; "" while not finished.
std::string OutcomeWords(deadlines::Outcome outcome);
// "admin" or "party"; "" for an unset kind.
std::string DossierKindLabel(deadlines::DossierKind kind);
// "direct", "online", "postal"; "" for an unset channel.
std::string ChannelLabel(deadlines::Channel channel);

}  // namespace haicap::ctl
