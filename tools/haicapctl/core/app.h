// haicapctl as a function: the command tree (global options, `org ...`, `member ...`,
// `import ...`, `unit ...`, `calendar ...`, `due`, `days`, `dossier ...`, `report`, `watch`) and
// the mapping of outcomes to exit codes. main() only forwards to it, so tests run the real
// command line in process.
#pragma once

#include <ostream>

namespace haicap::ctl {

// Parses argv (argv[0] is the program name) and runs the command, printing results on `out`
// and errors and notes on `err`. Returns the process exit code: 0 success (and --help),
// 1 a service answered with an error or could not be reached, 2 usage error.
int RunHaicapctl(int argc, const char* const* argv, std::ostream& out, std::ostream& err);

}  // namespace haicap::ctl
