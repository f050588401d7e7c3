#include "common/storage/key_codec.h"

namespace haicap::storage {

KeyBuilder& KeyBuilder::Uint64(uint64_t v) {
  for (int shift = 56; shift >= 0; shift -= 8) key_.push_back(static_cast<char>((v >> shift) & 0xFF));
  return *this;
}

KeyBuilder& KeyBuilder::Int64(int64_t v) {
  return Uint64(static_cast<uint64_t>(v) ^ (uint64_t{1} << 63));
}

KeyBuilder& KeyBuilder::String(std::string_view s) {
  for (char c : s) {
    key_.push_back(c);
    if (c == '\0') key_.push_back('\xFF');
  }
  key_.push_back('\0');
  key_.push_back('\x01');
  return *this;
}

std::optional<uint64_t> KeyReader::Uint64() {
  if (rest_.size() < 8) return std::nullopt;
  uint64_t v = 0;
  for (int i = 0; i < 8; ++i) v = (v << 8) | static_cast<uint8_t>(rest_[i]);
  rest_.remove_prefix(8);
  return v;
}

std::optional<int64_t> KeyReader::Int64() {
  auto v = Uint64();
  if (!v) return std::nullopt;
  return static_cast<int64_t>(*v ^ (uint64_t{1} << 63));
}

std::optional<std::string> KeyReader::String() {
  std::string out;
  for (size_t i = 0; i + 1 < rest_.size(); ++i) {
    if (rest_[i] != '\0') {
      out.push_back(rest_[i]);
      continue;
    }
    if (rest_[i + 1] == '\x01') {
      rest_.remove_prefix(i + 2);
      return out;
    }
    if (rest_[i + 1] != '\xFF') return std::nullopt;
    out.push_back('\0');
    ++i;
  }
  return std::nullopt;
}

std::string PrefixSuccessor(std::string_view prefix) {
  std::string s(prefix);
  while (!s.empty()) {
    auto& last = reinterpret_cast<unsigned char&>(s.back());
    if (last != 0xFF) {
      ++last;
      return s;
    }
    s.pop_back();
  }
  return s;  // every key is below an empty upper bound only if the prefix was all 0xFF
}

}  // namespace haicap::storage
