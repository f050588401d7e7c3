#!/usr/bin/env bash
# Measures the registry against its ceilings in one run (see bench/README.md).
#
# Builds the bench targets, haicap-registry and haicap-deadlines with -DHAICAP_BUILD_BENCH=ON,
# starts the echo, the durable-put, the registry and the deadlines servers on free loopback ports
# with throwaway data folders, runs the workloads one after another under identical generator
# settings, stops the servers and prints a table with each service figure as a ratio to its
# ceiling.
#
# Environment (all optional):
#   BENCH_BUILD_DIR  build folder (default: <repo>/build-bench)
#   BENCH_SECONDS    measured seconds per workload (default 10)
#   BENCH_WARMUP     warmup seconds per workload (default 2)
#   BENCH_IN_FLIGHT  calls kept outstanding (default 64)
#   BENCH_THREADS    load generator threads (default: the generator's own default)
#   BENCH_ROUNDS     repeat the workloads this many times and report medians (default 1)
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${BENCH_BUILD_DIR:-$repo/build-bench}
measure=${BENCH_SECONDS:-10}
warmup=${BENCH_WARMUP:-2}
in_flight=${BENCH_IN_FLIGHT:-64}
rounds=${BENCH_ROUNDS:-1}

cmake -S "$repo" -B "$build" -G Ninja -DHAICAP_BUILD_BENCH=ON -DHAICAP_BUILD_TESTS=OFF >/dev/null
targets=(haicap-bench-echo haicap-bench-put haicap-loadgen)
# has_target NAME: whether the build defines NAME. grep reads all of ninja's output (no -q), so
# pipefail never sees a SIGPIPE.
has_target() { ninja -C "$build" -t targets all | grep "^$1:" >/dev/null; }
with_registry=0
with_deadlines=0
if has_target haicap-registry; then with_registry=1; targets+=(haicap-registry); fi
if has_target haicap-deadlines; then with_deadlines=1; targets+=(haicap-deadlines); fi
if ((!with_registry && !with_deadlines)); then echo "run.sh: no service targets yet; measuring the ceilings only" >&2; fi
ninja -C "$build" "${targets[@]}"

# shellcheck source=bench/servers.sh
source "$repo/bench/servers.sh"

# Each service workload runs right after its ceiling, so that both see the same machine.
start echo "$build/bench/haicap-bench-echo"
echo_target=127.0.0.1:$port
start put "$build/bench/haicap-bench-put"
put_target=127.0.0.1:$port
workloads=("echo $echo_target")
if ((with_registry)); then
  start registry "$build/services/registry/haicap-registry"
  workloads+=("registry-get 127.0.0.1:$port" "put $put_target" "registry-create 127.0.0.1:$port")
fi
if ((with_deadlines)); then
  start deadlines "$build/services/deadlines/haicap-deadlines"
  workloads+=("put $put_target" "deadlines-create 127.0.0.1:$port")
fi
if ((!with_registry && !with_deadlines)); then workloads+=("put $put_target"); fi

generator=(--in-flight "$in_flight" --seconds "$measure" --warmup "$warmup" --units-csv "$repo/data/admin-units-2025-07.csv")
if [[ -n ${BENCH_THREADS:-} ]]; then generator+=(--threads "$BENCH_THREADS"); fi
results="$work/results.jsonl"
for round in $(seq "$rounds"); do
  for entry in "${workloads[@]}"; do
    read -r workload target <<<"$entry"
    echo "run.sh: round $round: $workload against $target" >&2
    line=$("$build/bench/haicap-loadgen" --workload "$workload" --target "$target" "${generator[@]}") ||
      echo "run.sh: $workload failed or had errors (see above)" >&2
    if [[ -n $line ]]; then echo "$line" | tee -a "$results" >&2; fi
  done
done

python3 "$repo/bench/summarize.py" "$results"
