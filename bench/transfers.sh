#!/usr/bin/env bash
# Whole membership transfers per second across the three services (see bench/README.md,
# "Transfers").
#
# Builds haicap-registry, haicap-deadlines, haicap-transfers and haicap-bench-transfers with
# -DHAICAP_BUILD_BENCH=ON, starts the three servers on free loopback ports with throwaway data
# (transfers calling the other two), seeds the registry with the two Hà Nội wards of the seed case
# and transfers every member of the sending ward: create, each endorsement, the introduction
# letter, the receipt, then the registry's move (COMPLETED). Stops the servers with SIGTERM,
# deletes the data and prints the figures.
#
# Environment (all optional):
#   BENCH_BUILD_DIR            build folder (default: <repo>/build-bench)
#   TRANSFERS_COUNT            transfers, and members seeded in the sending ward (default 2000)
#   TRANSFERS_IN_FLIGHT        transfers under way at once, one run per value (default "1 16")
#   TRANSFERS_CELLS_PER_WARD   grassroots cells under each ward (default 80)
#   TRANSFERS_TIME_LIMIT       seconds after which a run starts no more transfers (default 600)
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${BENCH_BUILD_DIR:-$repo/build-bench}
count=${TRANSFERS_COUNT:-2000}
in_flight_runs=${TRANSFERS_IN_FLIGHT:-1 16}
cells=${TRANSFERS_CELLS_PER_WARD:-80}
time_limit=${TRANSFERS_TIME_LIMIT:-600}
units_csv="$repo/data/admin-units-2025-07.csv"

cmake -S "$repo" -B "$build" -G Ninja -DHAICAP_BUILD_BENCH=ON -DHAICAP_BUILD_TESTS=OFF >/dev/null
ninja -C "$build" haicap-registry haicap-deadlines haicap-transfers haicap-bench-transfers

# shellcheck source=bench/servers.sh
source "$repo/bench/servers.sh"
results="$work/transfers.jsonl"
failed=0

# Each run gets fresh servers: the sending ward starts full and the receiving one empty.
for in_flight in $in_flight_runs; do
  start "registry-$in_flight" "$build/services/registry/haicap-registry"
  registry_port=$port registry_pid=$server_pid
  start "deadlines-$in_flight" "$build/services/deadlines/haicap-deadlines"
  deadlines_port=$port deadlines_pid=$server_pid
  start "transfers-$in_flight" "$build/services/transfers/haicap-transfers" \
    --registry="127.0.0.1:$registry_port" --deadlines="127.0.0.1:$deadlines_port"
  transfers_pid=$server_pid
  echo "transfers.sh: $count transfers, $in_flight in flight" >&2
  "$build/bench/haicap-bench-transfers" --registry "127.0.0.1:$registry_port" --transfers "127.0.0.1:$port" \
    --units-csv "$units_csv" --count "$count" --in-flight "$in_flight" --cells-per-ward "$cells" \
    --time-limit "$time_limit" >>"$results" || failed=1
  for pid in "$transfers_pid" "$deadlines_pid" "$registry_pid"; do stop "$pid"; done
  rm -rf "$work"/*-"$in_flight"-data
done

python3 - "$results" <<'EOF_PY'
import json, sys
rows = [json.loads(line) for line in open(sys.argv[1]) if line.startswith("{")]
print("\n== transfer figures ==")
steps = []
for r in rows:
    if r.get("measurement") == "transfer_step":
        steps.append(r)
    elif r.get("measurement") == "transfers":
        print(f"[{r['in_flight']} in flight] {r['completed']:,} of {r['transfers']:,} transfers in"
              f" {r['seconds']:.1f} s = {r['transfers_per_second']:,.1f}/s (seeding {r['seed_seconds']:.1f} s);"
              f" sending ward {r['sending_ward']['before']:,} -> {r['sending_ward']['after']:,},"
              f" receiving {r['receiving_ward']['before']:,} -> {r['receiving_ward']['after']:,}:"
              f" {'counts right' if r['counts_right'] else 'COUNTS WRONG'}")
        for s in steps:
            print(f"  {s['step']:10} {s['calls']:7,} calls {s['errors']:3} errors  p50 {s['p50_us'] / 1000:7.2f} ms"
                  f"  p90 {s['p90_us'] / 1000:7.2f} ms  p99 {s['p99_us'] / 1000:7.2f} ms  max {s['max_us'] / 1000:7.2f} ms")
        steps = []
EOF_PY
exit "$failed"
