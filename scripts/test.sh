#!/usr/bin/env bash
# Installs missing packages, builds everything with the tests, checks the lock annotations
# (scripts/thread_safety.sh) and runs every test; non-zero exit on any failure. The README's test
# command, and what CI (.ci/run) calls.
#   HAICAP_BUILD_DIR      build folder, relative to the repository root (default: build)
#   HAICAP_TEST_TIMEOUT   seconds one test may take before ctest fails it (default: 300)
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${HAICAP_BUILD_DIR:-build}
[[ $build_dir == /* ]] || build_dir=$root/$build_dir
jobs=$(nproc)

"$root/scripts/install-deps.sh"
cmake -S "$root" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DHAICAP_BUILD_TESTS=ON
cmake --build "$build_dir" --parallel "$jobs"
"$root/scripts/thread_safety.sh" "$build_dir"
ctest --test-dir "$build_dir" --output-on-failure --parallel "$jobs" \
  --timeout "${HAICAP_TEST_TIMEOUT:-300}"
