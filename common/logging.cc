#include "common/logging.h"

#include <cstdio>
#include <mutex>

#include "absl/time/clock.h"
#include "common/clock.h"

namespace haicap {
namespace {

void Log(std::string_view level, std::string_view message, const nlohmann::json& fields) {
  nlohmann::ordered_json line = nlohmann::ordered_json::object();
  line["ts"] = absl::FormatTime("%Y-%m-%dT%H:%M:%E3S%Ez", absl::Now(), VietnamTimeZone());
  line["level"] = level;
  line["msg"] = message;
  if (fields.is_object()) {
    for (const auto& [key, value] : fields.items()) line[key] = value;
  }
  // Replace rather than throw on invalid UTF-8: a log line must never take the server down.
  std::string text = line.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
  static std::mutex mu;
  std::lock_guard<std::mutex> lock(mu);
  std::fprintf(stderr, "%s\n", text.c_str());
  std::fflush(stderr);
}

}  // namespace

void LogInfo(std::string_view message, const nlohmann::json& fields) { Log("info", message, fields); }
void LogWarning(std::string_view message, const nlohmann::json& fields) { Log("warning", message, fields); }
void LogError(std::string_view message, const nlohmann::json& fields) { Log("error", message, fields); }

}  // namespace haicap
