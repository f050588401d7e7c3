// Proto enum values as people type and read them: the value name (COMMUNE_COMMITTEE) or its kebab
// form (commune-committee), in any case, plus aliases; printed in kebab form.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "google/protobuf/descriptor.h"

namespace haicap::ctl {

// "commune-committee", " Commune_Committee " → "COMMUNE_COMMITTEE".
inline std::string EnumKey(std::string_view text) {
  std::string key = absl::AsciiStrToUpper(
      absl::StripAsciiWhitespace(absl::string_view(text.data(), text.size())));
  absl::StrReplaceAll({{"-", "_"}, {" ", "_"}}, &key);
  return key;
}

// "COMMUNE_COMMITTEE" → "commune-committee".
inline std::string EnumLabel(const std::string& enum_name) {
  std::string label = absl::AsciiStrToLower(enum_name);
  absl::StrReplaceAll({{"_", "-"}}, &label);
  return label;
}

// Looks `text` up among the enum's value names (skipping the UNSPECIFIED zero) and `aliases`;
// INVALID_ARGUMENT "unknown <what> "<text>"; use one of ..." otherwise.
template <typename Enum>
absl::StatusOr<Enum> ParseEnum(std::string_view text, const google::protobuf::EnumDescriptor* type,
                               std::initializer_list<std::pair<const char*, Enum>> aliases,
                               std::string_view what) {
  const std::string key = EnumKey(text);
  std::vector<std::string> accepted;
  for (int i = 0; i < type->value_count(); ++i) {
    const auto* value = type->value(i);
    if (value->number() == 0) continue;
    if (value->name() == key) return static_cast<Enum>(value->number());
    accepted.push_back(EnumLabel(value->name()));
  }
  for (const auto& [alias, value] : aliases) {
    if (EnumKey(alias) == key) return value;
  }
  return absl::InvalidArgumentError(absl::StrCat("unknown ",
                                                 absl::string_view(what.data(), what.size()), " \"",
                                                 absl::string_view(text.data(), text.size()),
                                                 "\"; use one of ", absl::StrJoin(accepted, ", ")));
}

// The kebab label of `value`; "" for the UNSPECIFIED zero, the number for an unknown value.
template <typename Enum>
std::string LabelOf(Enum value, const google::protobuf::EnumDescriptor* type) {
  const auto* descriptor = type->FindValueByNumber(static_cast<int>(value));
  if (descriptor == nullptr) return absl::StrCat(static_cast<int>(value));
  if (descriptor->number() == 0) return "";
  return EnumLabel(descriptor->name());
}

}  // namespace haicap::ctl
