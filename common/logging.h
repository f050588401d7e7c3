// Structured logs: one JSON object per line on stderr, e.g.
//   {"ts":"2025-07-01T08:00:00.123+07:00","level":"info","msg":"listening","port":50051}
// Never pass personal data (citizen IDs, names of members) in `fields`.
#pragma once

#include <string_view>

#include "nlohmann/json.hpp"

namespace haicap {

void LogInfo(std::string_view message, const nlohmann::json& fields = nlohmann::json::object());
void LogWarning(std::string_view message, const nlohmann::json& fields = nlohmann::json::object());
void LogError(std::string_view message, const nlohmann::json& fields = nlohmann::json::object());

}  // namespace haicap
