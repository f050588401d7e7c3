#!/usr/bin/env bash
# Dossiers at province scale (see bench/README.md, "Deadlines").
#
# Builds haicap-deadlines, haicap-bench-dossiers and haicap-bench-sweeper with
# -DHAICAP_BUILD_BENCH=ON, then:
#   1. starts haicap-deadlines on a free loopback port with throwaway data, loads the dossier data
#      set over gRPC and times GetStatistics for a commune, the province and every unit, over a
#      month and a year;
#   2. restarts that server on the same data (RocksDB replays and flushes its log) and times the
#      same calls again;
#   3. runs the timer-sweeper benchmark in-process at each size of DOSSIERS_SWEEP_SIZES;
# stops the server with SIGTERM, deletes the data and prints the figures.
#
# Environment (all optional):
#   BENCH_BUILD_DIR        build folder (default: <repo>/build-bench)
#   DOSSIERS_COUNT         dossiers in the data set (default 1000000)
#   DOSSIERS_IN_FLIGHT     calls outstanding while loading (default 64)
#   DOSSIERS_SECONDS       measured seconds per GetStatistics case and concurrency (default 3)
#   DOSSIERS_CONCURRENCY   GetStatistics calls in flight in the concurrent runs (default 8)
#   DOSSIERS_TIME_LIMIT    seconds after which the load issues no more calls (default 1800)
#   DOSSIERS_SWEEP_SIZES   open dossiers for the sweeper benchmark, comma-separated; empty skips it
#                          (default 100000,1000000)
#   DOSSIERS_SWEEP_DUE     timers due at each measured sweeper tick (default 0,10,100,1000,10000)
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${BENCH_BUILD_DIR:-$repo/build-bench}
count=${DOSSIERS_COUNT:-1000000}
in_flight=${DOSSIERS_IN_FLIGHT:-64}
seconds=${DOSSIERS_SECONDS:-3}
concurrency=${DOSSIERS_CONCURRENCY:-8}
time_limit=${DOSSIERS_TIME_LIMIT:-1800}
sweep_sizes=${DOSSIERS_SWEEP_SIZES-100000,1000000}
sweep_due=${DOSSIERS_SWEEP_DUE:-0,10,100,1000,10000}
units_csv="$repo/data/admin-units-2025-07.csv"

cmake -S "$repo" -B "$build" -G Ninja -DHAICAP_BUILD_BENCH=ON -DHAICAP_BUILD_TESTS=OFF >/dev/null
ninja -C "$build" haicap-deadlines haicap-bench-dossiers haicap-bench-sweeper

# shellcheck source=bench/servers.sh
source "$repo/bench/servers.sh"
deadlines="$build/services/deadlines/haicap-deadlines"
results="$work/dossiers.jsonl"
failed=0
# The data set is dated back from now; the run after the restart needs the same anchor.
anchor=$(date +%s)

# measure MODE: runs haicap-bench-dossiers in MODE against the server just started.
measure() {
  echo "dossiers.sh: $1 against 127.0.0.1:$port" >&2
  "$build/bench/haicap-bench-dossiers" --mode "$1" --target "127.0.0.1:$port" --units-csv "$units_csv" \
    --dossiers "$count" --anchor "$anchor" --in-flight "$in_flight" --seconds "$seconds" \
    --concurrency "$concurrency" --time-limit "$time_limit" --server-pid "$server_pid" \
    --data-dir "$work/dossiers-data" >>"$results" || failed=1
}

start dossiers "$deadlines"
measure load
stop "$server_pid"
start dossiers "$deadlines"
measure measure
stop "$server_pid"
rm -rf "$work/dossiers-data"

if [[ -n $sweep_sizes ]]; then
  echo "dossiers.sh: timer sweeper at $sweep_sizes open dossiers" >&2
  "$build/bench/haicap-bench-sweeper" --sizes "$sweep_sizes" --due "$sweep_due" --units-csv "$units_csv" \
    --data-dir "$work/sweeper-data" >>"$results" || failed=1
  rm -rf "$work/sweeper-data"
fi

python3 - "$results" <<'EOF'
import json, sys
rows = [json.loads(line) for line in open(sys.argv[1]) if line.startswith("{")]
print("\n== dossier figures ==")
for r in rows:
    if r.get("phase") == "load":
        print(f"[load] {r['loaded']:,} of {r['dossiers']:,} dossiers in {r['seconds']:.0f} s ="
              f" {r['dossiers_per_second']:,.0f}/s ({r['calls']:,} calls, {r['rps']:,.0f}/s), errors {r['errors']}")
    elif r.get("measurement") == "get_statistics":
        if r["scope"] == "commune" and r["period"] == "month" and r["in_flight"] == 1:
            print("[statistics, fresh]" if r["mode"] == "load" else "[statistics, after a restart]")
        print(f"  {r['scope']:8} {r['period']:5} {r['in_flight']:2} in flight  p50 {r['p50_us'] / 1000:7.2f} ms"
              f"  p99 {r['p99_us'] / 1000:7.2f} ms  {r['rps']:7,.0f}/s  received {r['received_total']:8,}"
              f"  {'ok' if r['counts_right'] else 'WRONG'}")
    elif r.get("measurement") == "server":
        print(f"  server peak RSS {r['peak_rss_kib'] / 1024:.0f} MiB, data on disk {r['data_dir_bytes'] / 2**20:.0f} MiB")
    elif r.get("measurement") == "sweeper_tick" and r["tick"] == "due":
        print(f"[sweeper] {r['open_dossiers']:>9,} open, {r['due_timers']:>6,} due: tick {r['ms']:9.2f} ms"
              f" ({r['cpu_ms']:8.2f} ms CPU), {r['keys_skipped']:,} keys skipped, {r['memtable_gets']:,} Gets")
EOF
exit "$failed"
