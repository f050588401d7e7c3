#include "bench/report.h"

#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "common/logging.h"

namespace haicap::bench {
namespace {

// A "Vm...: N kB" figure of /proc/<pid>/status, in KiB.
std::optional<int64_t> ProcStatusKib(int pid, const std::string& field) {
  std::ifstream status(absl::StrCat("/proc/", pid, "/status"));
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind(field + ":", 0) == 0) return std::stoll(line.substr(field.size() + 1));
  }
  return std::nullopt;
}

struct DiskUsage {
  int64_t allocated = 0;  // as du counts (RocksDB preallocates its log and table files)
  int64_t apparent = 0;   // the files' lengths, as du --apparent-size counts
};

DiskUsage DiskUsageOf(const std::string& dir) {
  DiskUsage usage;
  std::error_code error;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir, error)) {
    struct stat st {};
    if (::lstat(entry.path().c_str(), &st) != 0) continue;
    usage.allocated += static_cast<int64_t>(st.st_blocks) * 512;
    usage.apparent += static_cast<int64_t>(st.st_size);
  }
  return usage;
}

}  // namespace

void Report::Add(const nlohmann::json& line, std::string readable) {
  std::cout << line.dump() << std::endl;
  readable_.push_back(std::move(readable));
}

void Report::PrintSummary() const {
  std::cerr << "\n== " << title_ << " ==\n";
  for (const std::string& line : readable_) std::cerr << line << "\n";
}

int Report::Finish(const absl::Status& status, int server_pid, const std::string& data_dir, const std::string& mode) {
  ReportServer(server_pid, data_dir, mode, this);
  PrintSummary();
  if (status.ok()) return 0;
  LogError(absl::StrCat(title_, " failed"), {{"mode", mode}, {"error", status.ToString()}});
  return 1;
}

void ReportServer(int server_pid, const std::string& data_dir, const std::string& mode, Report* report) {
  if (server_pid <= 0 && data_dir.empty()) return;
  nlohmann::json line = {{"measurement", "server"}, {"mode", mode}};
  std::string readable = "server:";
  if (server_pid > 0) {
    const std::optional<int64_t> hwm = ProcStatusKib(server_pid, "VmHWM");
    const std::optional<int64_t> rss = ProcStatusKib(server_pid, "VmRSS");
    line["peak_rss_kib"] = hwm ? nlohmann::json(*hwm) : nlohmann::json(nullptr);
    line["rss_kib"] = rss ? nlohmann::json(*rss) : nlohmann::json(nullptr);
    readable += absl::StrFormat(" peak RSS (VmHWM) %.0f MiB, RSS now %.0f MiB;", hwm.value_or(0) / 1024.0,
                                rss.value_or(0) / 1024.0);
  }
  if (!data_dir.empty()) {
    const DiskUsage usage = DiskUsageOf(data_dir);
    line["data_dir_bytes"] = usage.allocated;
    line["data_dir_apparent_bytes"] = usage.apparent;
    readable += absl::StrFormat(" data on disk %.0f MiB (files' lengths %.0f MiB)", usage.allocated / 1048576.0,
                                usage.apparent / 1048576.0);
  }
  report->Add(line, readable);
}

}  // namespace haicap::bench
