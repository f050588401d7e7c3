#include "common/pagination.h"

#include <memory>

#include "absl/strings/escaping.h"
#include "common/errors.h"
#include "common/storage/key_codec.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/io/zero_copy_stream_impl_lite.h"

namespace haicap {

absl::StatusOr<int> CheckPageSize(int32_t page_size) {
  if (page_size < 0) return InvalidArgument("page_size", "must not be negative");
  if (page_size == 0) return kDefaultPageSize;
  return page_size > kMaxPageSize ? kMaxPageSize : page_size;
}

uint64_t FilterFingerprint(const google::protobuf::Message& request) {
  std::unique_ptr<google::protobuf::Message> filters(request.New());
  filters->CopyFrom(request);
  const auto* descriptor = filters->GetDescriptor();
  for (const char* name : {"page_size", "page_token"}) {
    if (const auto* field = descriptor->FindFieldByName(name)) filters->GetReflection()->ClearField(filters.get(), field);
  }
  std::string bytes;
  {
    google::protobuf::io::StringOutputStream stream(&bytes);
    google::protobuf::io::CodedOutputStream coded(&stream);
    coded.SetSerializationDeterministic(true);
    filters->SerializeToCodedStream(&coded);
  }
  uint64_t hash = 14695981039346656037ull;  // FNV-1a: stable across builds and restarts
  for (unsigned char c : bytes) hash = (hash ^ c) * 1099511628211ull;
  return hash;
}

std::string EncodePageToken(uint64_t fingerprint, std::string_view position) {
  std::string raw = storage::KeyBuilder().Uint64(fingerprint).Release();
  raw.append(position);
  return absl::WebSafeBase64Escape(raw);
}

absl::StatusOr<std::string> DecodePageToken(std::string_view token, uint64_t fingerprint) {
  if (token.empty()) return std::string();
  std::string raw;
  if (!absl::WebSafeBase64Unescape(absl::string_view(token.data(), token.size()), &raw)) {
    return InvalidArgument("page_token", "is not a token this service issued");
  }
  storage::KeyReader reader(raw);
  std::optional<uint64_t> issued_for = reader.Uint64();
  if (!issued_for) return InvalidArgument("page_token", "is not a token this service issued");
  if (*issued_for != fingerprint) {
    return InvalidArgument("page_token", "was issued for a request with other filters; start again without it");
  }
  return raw.substr(8);
}

std::string EncodeNumberToken(uint64_t fingerprint, uint64_t number) {
  return EncodePageToken(fingerprint, storage::KeyBuilder().Uint64(number).Release());
}

absl::StatusOr<uint64_t> DecodeNumberToken(std::string_view token, uint64_t fingerprint) {
  absl::StatusOr<std::string> position = DecodePageToken(token, fingerprint);
  if (!position.ok()) return position.status();
  if (position->empty()) return 0;
  storage::KeyReader reader(*position);
  std::optional<uint64_t> number = reader.Uint64();
  if (!number || !reader.done()) return InvalidArgument("page_token", "is not a token this service issued");
  return *number;
}

}  // namespace haicap
