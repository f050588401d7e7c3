// How the province-scale benchmarks (haicap-bench-roster, haicap-bench-dossiers) report: one JSON
// line per measurement on stdout, a readable line for the summary on stderr, and the server's
// footprint.
#pragma once

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "nlohmann/json.hpp"

namespace haicap::bench {

class Report {
 public:
  explicit Report(std::string title) : title_(std::move(title)) {}

  // Prints a measurement line to stdout and remembers a readable line for the summary.
  void Add(const nlohmann::json& line, std::string readable);
  // The readable lines, under the title, on stderr.
  void PrintSummary() const;
  // Ends a run: adds the server's footprint (ReportServer), prints the summary and logs `status`
  // when it failed. Returns the exit code: 0, or 1 after a failure.
  int Finish(const absl::Status& status, int server_pid, const std::string& data_dir, const std::string& mode);

 private:
  std::string title_;
  std::vector<std::string> readable_;
};

// Adds a {"measurement":"server",...} line: the peak and current RSS of process `server_pid` (from
// /proc/PID/status; skipped when 0) and the size of `data_dir` (skipped when empty).
void ReportServer(int server_pid, const std::string& data_dir, const std::string& mode, Report* report);

}  // namespace haicap::bench
