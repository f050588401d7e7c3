#!/usr/bin/env bash
# The member roster at province scale (see bench/README.md, "The roster at province scale").
#
# Builds haicap-registry and haicap-bench-roster with -DHAICAP_BUILD_BENCH=ON, then runs against
# haicap-registry on free loopback ports with throwaway data:
#   1. the province data set (ImportOrganizations, ImportMembers, a hand-over) and SummarizeSubtree
#      for a ward and for the province, current and as of the day before the hand-over;
#   2. the same again after restarting that server on the same data: every imported row is found
#      unchanged, and the summaries read counters RocksDB has flushed and merged on recovery;
#   3. the import benchmark on a fresh server, once per entry of ROSTER_IN_FLIGHT;
# stops each server with SIGTERM, deletes its data and prints the figures.
#
# Environment (all optional):
#   BENCH_BUILD_DIR        build folder (default: <repo>/build-bench)
#   ROSTER_ORGANIZATIONS   organisations in the province data set (default 3000)
#   ROSTER_MEMBERS         members in the province data set (default 300000)
#   ROSTER_SUMMARY_CALLS   timed SummarizeSubtree calls per case (default 200)
#   ROSTER_IMPORT_MEMBERS  members in the import benchmark (default 1000000)
#   ROSTER_IN_FLIGHT       ImportMembers calls outstanding, one import run per value (default "1 2")
#   ROSTER_TIME_LIMIT      seconds after which a run issues no more import calls (default 1200)
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${BENCH_BUILD_DIR:-$repo/build-bench}
organizations=${ROSTER_ORGANIZATIONS:-3000}
members=${ROSTER_MEMBERS:-300000}
summary_calls=${ROSTER_SUMMARY_CALLS:-200}
import_members=${ROSTER_IMPORT_MEMBERS:-1000000}
in_flight_runs=${ROSTER_IN_FLIGHT:-1 2}
time_limit=${ROSTER_TIME_LIMIT:-1200}

cmake -S "$repo" -B "$build" -G Ninja -DHAICAP_BUILD_BENCH=ON -DHAICAP_BUILD_TESTS=OFF >/dev/null
ninja -C "$build" haicap-registry haicap-bench-roster

# shellcheck source=bench/servers.sh
source "$repo/bench/servers.sh"
registry="$build/services/registry/haicap-registry"
results="$work/roster.jsonl"
failed=0

# measure NAME ARGS...: runs haicap-bench-roster with ARGS against the server NAME just started,
# appending its measurement lines to $results.
measure() {
  local name=$1
  shift
  echo "roster.sh: $name against 127.0.0.1:$port" >&2
  "$build/bench/haicap-bench-roster" --target "127.0.0.1:$port" --units-csv "$repo/data/admin-units-2025-07.csv" \
    --time-limit "$time_limit" --server-pid "$server_pid" --data-dir "$work/$name-data" "$@" >>"$results" ||
    failed=1
}

province=(--mode province --organizations "$organizations" --members "$members" --summary-calls "$summary_calls")
start province "$registry"
measure province "${province[@]}"
stop "$server_pid"
start province "$registry"
measure province "${province[@]}"
stop "$server_pid"
rm -rf "$work/province-data"

for n in $in_flight_runs; do
  start "import-$n" "$registry"
  measure "import-$n" --mode import --import-members "$import_members" --in-flight "$n"
  stop "$server_pid"
  rm -rf "$work/import-$n-data"
done

python3 - "$results" <<'EOF'
import json, sys
rows = [json.loads(line) for line in open(sys.argv[1]) if line.startswith("{")]
print("\n== roster figures ==")
for r in rows:
    if r.get("phase") == "import_members":
        if r["mode"] == "import":
            print(f"[import, {r['in_flight']} in flight]")
        else:
            print("[province, re-run after a restart]" if r["imported"] == 0 else "[province]")
        print(f"  members {r['rows']:>9,} rows ({r['imported']:,} new) in {r['seconds']:6.1f} s ="
              f" {r['rows_per_second']:7,.0f}/s, row errors {r['row_errors']}"
              f"{'' if r['complete'] else ' (stopped by the time limit)'}")
    elif r.get("measurement") == "summarize_subtree":
        when = r["as_of"] or "current"
        print(f"  summary {r['scope']:8} {when:10}  p50 {r['p50_us'] / 1000:6.1f} ms  p99 {r['p99_us'] / 1000:6.1f} ms"
              f"  {r['organizations']:5} orgs {r['members']:8,} members {'ok' if r['counts_right'] else 'WRONG'}")
    elif r.get("measurement") == "server":
        print(f"  server peak RSS {r['peak_rss_kib'] / 1024:.0f} MiB, data on disk {r['data_dir_bytes'] / 2**20:.0f} MiB"
              f" (files' lengths {r['data_dir_apparent_bytes'] / 2**20:.0f} MiB)")
EOF
exit "$failed"
