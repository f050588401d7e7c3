// AIP-158 pagination: page sizes and opaque page tokens. A token carries the position to resume
// from and a fingerprint of the request's filters, so a token used with other filters is refused
// instead of silently returning the wrong page.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "google/protobuf/message.h"

namespace haicap {

inline constexpr int kDefaultPageSize = 100;
inline constexpr int kMaxPageSize = 1000;

// 0 → kDefaultPageSize; above kMaxPageSize → kMaxPageSize; negative → INVALID_ARGUMENT.
absl::StatusOr<int> CheckPageSize(int32_t page_size);

// A stable fingerprint of `request` ignoring its `page_size` and `page_token` fields.
uint64_t FilterFingerprint(const google::protobuf::Message& request);

std::string EncodePageToken(uint64_t fingerprint, std::string_view position);
// The position inside `token`; "" for an empty token; INVALID_ARGUMENT "page_token" when the token
// is malformed or was issued for other filters.
absl::StatusOr<std::string> DecodePageToken(std::string_view token, uint64_t fingerprint);

// Tokens whose position is a number (an offset, or the last id returned): 0 for an empty token.
std::string EncodeNumberToken(uint64_t fingerprint, uint64_t number);
absl::StatusOr<uint64_t> DecodeNumberToken(std::string_view token, uint64_t fingerprint);

}  // namespace haicap
