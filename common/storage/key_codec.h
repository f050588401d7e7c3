// Order-preserving binary keys: byte-wise comparison of encoded keys orders them like the tuples
// they encode, so prefix scans answer list and as-of queries.
//
// Integers are big-endian (signed ones with the sign bit flipped); strings are escaped (0x00 ->
// 0x00 0xFF) and terminated by 0x00 0x01, so "ab" sorts before "abc" and no string is a prefix
// of another's encoding.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace haicap::storage {

class KeyBuilder {
 public:
  KeyBuilder& Uint64(uint64_t v);
  KeyBuilder& Int64(int64_t v);
  KeyBuilder& String(std::string_view s);
  const std::string& key() const { return key_; }
  std::string Release() { return std::move(key_); }

 private:
  std::string key_;
};

// Reads the parts back in the order they were written. Each getter returns nullopt when the
// input is malformed or exhausted.
class KeyReader {
 public:
  explicit KeyReader(std::string_view key) : rest_(key) {}
  std::optional<uint64_t> Uint64();
  std::optional<int64_t> Int64();
  std::optional<std::string> String();
  bool done() const { return rest_.empty(); }

 private:
  std::string_view rest_;
};

// The smallest key greater than every key starting with `prefix` (for iterate_upper_bound).
std::string PrefixSuccessor(std::string_view prefix);

}  // namespace haicap::storage
