# shellcheck shell=bash
# Throwaway servers for the benchmark scripts; sourced by bench/run.sh, roster.sh, dossiers.sh and
# transfers.sh, which run under `set -euo pipefail`.
#
# Sourcing creates `work`, a temporary folder, and an EXIT trap that stops (SIGTERM) every server
# still running and deletes the folder.

work=$(mktemp -d "${TMPDIR:-/tmp}/haicap-bench.XXXXXX")
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

# start NAME BINARY [FLAG...]: runs BINARY on 127.0.0.1:0 with its data in $work/NAME-data, its log
# in $work/NAME.log and the FLAGs (e.g. the addresses of the services it calls); sets `port` to the port it announced in its "listening" log line and
# `server_pid` to its process id. Waits up to BENCH_START_SECONDS (default 300: reopening a large
# store replays its write-ahead log first) and reports how long the start took.
# shellcheck disable=SC2034  # port and server_pid are the caller's
start() {
  local name=$1 binary=$2 log="$work/$1.log" started=$SECONDS
  shift 2
  : >"$log"  # exists before the first grep below, whenever the server gets to open it
  "$binary" --listen=127.0.0.1:0 --data-dir="$work/$name-data" "$@" 2>"$log" &
  server_pid=$!
  pids+=("$server_pid")
  while ((SECONDS - started < ${BENCH_START_SECONDS:-300})) && kill -0 "$server_pid" 2>/dev/null; do
    local line
    line=$(grep -m1 '"msg":"listening"' "$log" || true)
    if [[ -n $line ]]; then
      port=$(sed -E 's/.*"port":([0-9]+).*/\1/' <<<"$line")
      echo "${0##*/}: $name listening on port $port after $((SECONDS - started)) s" >&2
      return
    fi
    sleep 0.1
  done
  echo "${0##*/}: $name did not start; its log:" >&2
  cat "$log" >&2
  exit 1
}

# stop PID: stops a server started by `start` with SIGTERM and waits for it; warns if it did not
# exit cleanly.
stop() {
  local pid=$1 status=0 kept=()
  kill -TERM "$pid"
  wait "$pid" || status=$?
  if ((status != 0)); then echo "${0##*/}: server $pid exited with status $status" >&2; fi
  for p in "${pids[@]}"; do
    if [[ $p != "$pid" ]]; then kept+=("$p"); fi
  done
  pids=("${kept[@]}")
}
