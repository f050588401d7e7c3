// Runs a real server binary in a child process, for tests that kill it (SIGKILL, SIGTERM).
#pragma once

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace haicap::testing {

// One run of a server binary (--listen=127.0.0.1:0, --data-dir, then `flags`, e.g. peer
// addresses) with its stderr in a file; the port comes from its "listening" log line. Killed with
// SIGKILL when destroyed.
class ServerProcess {
 public:
  ServerProcess(const std::string& binary, const std::string& data_dir, const std::string& log_path,
                const std::vector<std::string>& flags = {})
      : log_path_(log_path) {
    std::vector<std::string> args = {binary, "--listen=127.0.0.1:0", "--data-dir=" + data_dir};
    args.insert(args.end(), flags.begin(), flags.end());
    std::vector<char*> argv;
    for (std::string& arg : args) argv.push_back(arg.data());
    argv.push_back(nullptr);
    pid_ = fork();
    if (pid_ == 0) {
      FILE* log = fopen(log_path.c_str(), "w");
      dup2(fileno(log), STDERR_FILENO);
      execv(binary.c_str(), argv.data());
      _exit(127);
    }
    // Wait for the "listening" line, which carries the port.
    const std::regex port_pattern("\"msg\":\"listening\".*\"port\":([0-9]+)");
    for (int i = 0; i < 200 && port_ == 0; ++i) {
      std::ifstream in(log_path);
      std::stringstream text;
      text << in.rdbuf();
      std::smatch match;
      const std::string s = text.str();
      if (std::regex_search(s, match, port_pattern)) port_ = std::stoi(match[1]);
      if (port_ == 0) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  }
  ~ServerProcess() {
    if (pid_ > 0) Signal(SIGKILL);
  }

  int port() const { return port_; }
  // Sends `signal` and waits for the process; returns its exit status (or 128 + signal).
  int Signal(int signal) {
    kill(pid_, signal);
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  }

 private:
  std::string log_path_;
  pid_t pid_ = -1;
  int port_ = 0;
};

}  // namespace haicap::testing
