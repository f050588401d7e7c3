// Real commune codes for the benchmarks' data sets, from the gazetteer file
// data/admin-units-2025-07.csv.
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace haicap::bench {

// A commune (xã / phường) in force since July 2025.
struct Commune {
  std::string code;  // 5 digits
  std::string name;  // e.g. "Phường Ba Đình"
};

// The first `count` communes of `province_code` in the gazetteer file at `path`, in file order.
// INVALID_ARGUMENT if the file is malformed or lists fewer.
absl::StatusOr<std::vector<Commune>> ReadCommunes(const std::string& path, const std::string& province_code,
                                                  int count);

}  // namespace haicap::bench
