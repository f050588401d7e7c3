#!/usr/bin/env bash
# Runs the haicap suite on this machine, each service in the background with its RocksDB under a
# local folder.
#   deploy/run-local.sh [start]  install missing packages, build, start what is not running yet,
#                                wait until each answers its gRPC health check, print how to use it
#   deploy/run-local.sh stop     SIGTERM what start started (the servers drain and close RocksDB)
#   deploy/run-local.sh status
# Settings (environment):
#   HAICAP_BUILD_DIR        build folder, relative to the repository root (default: build)
#   HAICAP_LOCAL_DIR        data, logs and pid files, relative to the repository root
#                           (default: .haicap-local)
#   HAICAP_REGISTRY_LISTEN  the registry's HOST:PORT (default: 127.0.0.1:50051)
#   HAICAP_TRANSFERS_LISTEN the transfers service's HOST:PORT (default: 127.0.0.1:50052); it is
#                           given the registry's and the deadlines service's addresses
#   HAICAP_DEADLINES_LISTEN the deadlines service's HOST:PORT (default: 127.0.0.1:50053)
#   HAICAP_PEERS            other provinces' registries for the transfers service,
#                           registry/<province code>=HOST:PORT separated by commas (default: none)
#   HAICAP_DEMO             1 (default): load the Phúc Lợi demo data (data/demo/) into a registry
#                           started on an empty data folder; 0: start empty
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${HAICAP_BUILD_DIR:-build}
[[ $build_dir == /* ]] || build_dir=$root/$build_dir
local_dir=${HAICAP_LOCAL_DIR:-.haicap-local}
[[ $local_dir == /* ]] || local_dir=$root/$local_dir
haicapctl=$build_dir/tools/haicapctl/haicapctl
readonly default_registry=127.0.0.1:50051
readonly default_transfers=127.0.0.1:50052
readonly default_deadlines=127.0.0.1:50053
readonly registry_listen=${HAICAP_REGISTRY_LISTEN:-$default_registry}
readonly transfers_listen=${HAICAP_TRANSFERS_LISTEN:-$default_transfers}
readonly deadlines_listen=${HAICAP_DEADLINES_LISTEN:-$default_deadlines}
readonly start_timeout_seconds=30
# Longer than any server's --grace-seconds (default 10): stopping waits for the drain to finish.
readonly stop_timeout_seconds=30

# The suite, one service per line: name, binary (in the build folder), HOST:PORT, health service,
# then the flags with the addresses of the services it calls. A service comes after the ones it
# calls (the registry keeps its members' ceremony and recognition clocks in the deadlines service):
# start goes down the list, stop up it. The transfers service also reads HAICAP_PEERS from the
# environment.
services=(
  "deadlines services/deadlines/haicap-deadlines $deadlines_listen haicap.deadlines.v1.Deadlines"
  "registry services/registry/haicap-registry $registry_listen haicap.registry.v1.Registry --deadlines=$deadlines_listen"
  "transfers services/transfers/haicap-transfers $transfers_listen haicap.transfers.v1.Transfers --registry=$registry_listen --deadlines=$deadlines_listen"
)

# A path as the user should type it: relative when it is under the current directory.
shown() { [[ $1 == "$PWD"/* ]] && echo "${1#"$PWD"/}" || echo "$1"; }
pid_file() { echo "$local_dir/run/$1.pid"; }
log_file() { echo "$local_dir/logs/$1.log"; }
data_dir() { echo "$local_dir/$1"; }

# Prints the pid of service $1 (binary $2) when it runs; forgets a pid file whose process is gone
# (or is now some other program: pids get reused).
running_pid() {
  local file pid
  file=$(pid_file "$1")
  [[ -f $file ]] || return 1
  pid=$(<"$file")
  if [[ $(readlink "/proc/$pid/exe" 2>/dev/null) == */"${2##*/}"* ]]; then
    echo "$pid"
    return 0
  fi
  rm -f "$file"
  return 1
}

healthy() { /usr/bin/python3 "$root/deploy/grpc_health_check.py" "$1" "$2" --timeout 1 2>/dev/null; }

# start_service NAME BINARY LISTEN HEALTH [FLAG...]: the flags go to the server.
start_service() {
  local name=$1 binary=$2 listen=$3 health=$4 pid log
  shift 4
  log=$(log_file "$name")
  mkdir -p "$(data_dir "$name")" "$(dirname "$log")" "$(dirname "$(pid_file "$name")")"
  # setsid: the server outlives this script and the terminal it was started from.
  setsid "$build_dir/$binary" --listen="$listen" --data-dir="$(data_dir "$name")" "$@" \
    </dev/null >>"$log" 2>&1 &
  pid=$!
  echo "$pid" >"$(pid_file "$name")"
  local deadline=$((SECONDS + start_timeout_seconds))
  until healthy "$listen" "$health"; do
    if ! running_pid "$name" "$binary" >/dev/null; then
      echo "$name: exited during start; the end of $(shown "$log"):" >&2
      tail -n 20 "$log" >&2
      return 1
    fi
    if ((SECONDS >= deadline)); then
      echo "$name: not healthy on $listen after ${start_timeout_seconds}s; stopping it (see $(shown "$log"))" >&2
      stop_service "$name" "$binary"
      return 1
    fi
    sleep 0.3
  done
  echo "$name: started (pid $pid)"
}

stop_service() {
  local name=$1 binary=$2 pid
  if ! pid=$(running_pid "$name" "$binary"); then
    echo "$name: not running"
    return 0
  fi
  kill -TERM "$pid"
  local deadline=$((SECONDS + stop_timeout_seconds))
  # running_pid, not kill -0: an exited server is a zombie until its parent collects it.
  while running_pid "$name" "$binary" >/dev/null; do
    if ((SECONDS >= deadline)); then
      echo "$name: still running ${stop_timeout_seconds}s after SIGTERM (pid $pid)" >&2
      return 1
    fi
    sleep 0.2
  done
  echo "$name: stopped"
}

# Loads the demo data set into the registry once: the marker file says it was loaded.
load_demo() {
  local listen=$1 marker report ward
  marker="$(data_dir registry)/.demo-loaded"
  [[ ${HAICAP_DEMO:-1} == 1 && ! -f $marker ]] || return 0
  echo "registry: loading the Phúc Lợi demo data (data/demo/; HAICAP_DEMO=0 to skip)"
  report=$("$haicapctl" --registry="$listen" -o json import orgs "$root/data/demo/phuc-loi-organizations.csv")
  "$haicapctl" --registry="$listen" import members "$root/data/demo/phuc-loi-members.csv" >/dev/null
  ward=$(/usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["organizationIds"]["PL"])' <<<"$report")
  echo "$ward" >"$marker"
}

# The ward committee of the demo, when it was loaded.
demo_ward() { cat "$(data_dir registry)/.demo-loaded" 2>/dev/null || true; }

print_status() {
  local entry name binary listen pid
  for entry in "${services[@]}"; do
    read -r name binary listen _ <<<"$entry"
    if pid=$(running_pid "$name" "$binary"); then
      printf '  %-10s %-21s pid %-8s data %s  log %s\n' "$name" "$listen" "$pid" \
        "$(shown "$(data_dir "$name")")" "$(shown "$(log_file "$name")")"
    else
      printf '  %-10s %-21s not running\n' "$name" "$listen"
    fi
  done
}

start() {
  local entry name binary fields to_start=() targets=()
  for entry in "${services[@]}"; do
    read -r name binary _ <<<"$entry"
    if running_pid "$name" "$binary" >/dev/null; then
      echo "$name: already running (to run a new build: stop, then start again)"
    else
      to_start+=("$entry")
      targets+=("${binary##*/}")
    fi
  done
  if ((${#to_start[@]} > 0)); then
    "$root/scripts/install-deps.sh"
    cmake -S "$root" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
    cmake --build "$build_dir" --parallel "$(nproc)" --target "${targets[@]}" haicapctl
    for entry in "${to_start[@]}"; do
      read -ra fields <<<"$entry"
      start_service "${fields[@]}"
      [[ ${fields[0]} != registry ]] || load_demo "$registry_listen"
    done
  fi

  # haicapctl's flags for the addresses that are not its defaults.
  local address_flags="" local_dir_setting=""
  [[ $registry_listen == "$default_registry" ]] || address_flags+=" --registry=$registry_listen"
  [[ $deadlines_listen == "$default_deadlines" ]] || address_flags+=" --deadlines=$deadlines_listen"
  [[ $transfers_listen == "$default_transfers" ]] || address_flags+=" --transfers=$transfers_listen"
  [[ -z ${HAICAP_LOCAL_DIR:-} ]] || local_dir_setting="HAICAP_LOCAL_DIR=$HAICAP_LOCAL_DIR "
  cat <<EOF

haicap runs locally:
$(print_status)
Try:
$(try_commands "$(shown "$haicapctl")$address_flags")
Stop it with:
  $local_dir_setting$(shown "$root/deploy/run-local.sh") stop
EOF
}

try_commands() {
  local ctl=$1 ward
  ward=$(demo_ward)
  if [[ -n $ward ]]; then
    echo "  $ctl org summary $ward                 # the demo ward: 98 organisations, 3,882 members"
    echo "  $ctl org tree $ward --depth 1"
    echo "  $ctl member list --org $ward --subtree --name \"nguyen van an\""
    echo "  $ctl org history $ward --subtree --from 2025-07-01"
  else
    echo "  $ctl org list"
  fi
  echo "  $ctl unit get 00136"
  echo "  $ctl calendar show VN --year 2026        # holidays, days off, make-up Saturdays"
  echo "  $ctl due 13/02/2026 10:00 5wd             # 5 working days across Tết 2026"
  echo "  $ctl dossier receive 00136 15wd --procedure 1.001612   # a dossier at Phúc Lợi's one-stop centre"
  echo "  $ctl dossier list --unit 01 --due-within 3  # Hà Nội's running dossiers due within 3 working days"
  echo "  $ctl report --unit 00136                  # the 766 on-time report of this month"
  echo "  $ctl watch                                # near-due and overdue events as they come (Ctrl-C)"
  echo "  $ctl transfer list --overdue              # membership transfers whose letter is overdue"
}

stop() {
  local i name binary status=0
  # In reverse: services that call others stop before the ones they call.
  for ((i = ${#services[@]} - 1; i >= 0; i--)); do
    read -r name binary _ <<<"${services[i]}"
    stop_service "$name" "$binary" || status=1
  done
  return "$status"
}

case ${1:-start} in
  start) start ;;
  stop) stop ;;
  status) print_status ;;
  *)
    echo "usage: $0 [start|stop|status]" >&2
    exit 2
    ;;
esac
