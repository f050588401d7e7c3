#!/usr/bin/env bash
# Checks the lock annotations (ABSL_GUARDED_BY, ABSL_EXCLUSIVE_LOCKS_REQUIRED, ... from
# absl/base/thread_annotations.h) with clang's -Wthread-safety analysis, which g++ lacks: every
# translation unit under common/ and services/ (not the generated protos, not the tests) is parsed
# by clang++ with the flags the build gives it, in parallel. Prints every finding and exits
# non-zero when there is one (or when clang cannot parse a unit); scripts/test.sh runs it.
#   scripts/thread_safety.sh [BUILD_DIR]
#     BUILD_DIR   a configured build folder with compile_commands.json, relative to the repository
#                 root (default: build; CMakeLists.txt turns CMAKE_EXPORT_COMPILE_COMMANDS on)
#   HAICAP_CLANGXX  the clang++ to use (default: clang++, Debian's clang 14)
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${1:-build}
[[ $build_dir == /* ]] || build_dir=$root/$build_dir
database=$build_dir/compile_commands.json
clangxx=${HAICAP_CLANGXX:-clang++}

if [[ ! -f $database ]]; then
  echo "thread_safety: no $database; configure first (cmake -S $root -B $build_dir -G Ninja)" >&2
  exit 2
fi
if ! command -v "$clangxx" >/dev/null; then
  echo "thread_safety: no $clangxx; install clang (scripts/install-deps.sh)" >&2
  exit 2
fi

units=$(mktemp -d)
trap 'rm -rf "$units"' EXIT

# One response file per unit (the compile command rewritten for clang, see below) and the folder
# it runs in.
python3 - "$root" "$(cd "$build_dir" && pwd)" "$database" "$units" "$clangxx" <<'PY'
import json, os, shlex, sys

root, build, database, units, clangxx = sys.argv[1:]
root, build = os.path.realpath(root), os.path.realpath(build)
dropped_with_value = {"-o", "-MF", "-MT", "-MQ"}
dropped = {"-c", "-MD", "-MMD", "-MP"}
count = 0
for entry in json.load(open(database)):
    source = os.path.realpath(os.path.join(entry["directory"], entry["file"]))
    parts = os.path.relpath(source, root).split(os.sep)
    if (parts[0] not in ("common", "services") or source.startswith(build + os.sep)
            or "tests" in parts or "testing" in parts or source.endswith("_test.cc")):
        continue
    args = entry["arguments"] if "arguments" in entry else shlex.split(entry["command"])
    kept, skip = [], False
    for arg in args[1:]:  # args[0]: the compiler (CMake leaves the ccache launcher out)
        if skip:
            skip = False
        elif arg in dropped_with_value:
            skip = True  # no object, no depfile: the build's own stay as they are
        elif arg in dropped or arg.startswith("-fdiagnostics-color"):
            pass
        elif arg.startswith("-W") and not arg.startswith(("-Wp,", "-Wa,")):
            pass  # g++'s warnings: only the analysis is wanted here (below)
        else:
            kept.append(arg)
    # Only the thread-safety diagnostics, as errors; -Qunused-arguments for the link-time flags.
    kept += ["-fsyntax-only", "-Qunused-arguments", "-Wno-unknown-warning-option", "-Wno-everything",
             "-Wthread-safety", "-Werror=thread-safety", "-fno-color-diagnostics"]
    count += 1
    name = os.path.join(units, f"{count:04d}")
    with open(name + ".rsp", "w") as f:
        f.write(" ".join(shlex.quote(a) for a in kept) + "\n")
    with open(name + ".dir", "w") as f:
        f.write(entry["directory"])
    with open(name + ".src", "w") as f:
        f.write("/".join(parts))
if count == 0:
    sys.exit(f"thread_safety: no unit under common/ or services/ in {database}")
PY

export clangxx
start=$SECONDS
# shellcheck disable=SC2016  # the script below expands its own variables
find "$units" -name '*.rsp' -print0 | sort -z |
  xargs -0 -n 1 -P "$(nproc)" bash -c '
    unit=${1%.rsp}
    cd "$(cat "$unit.dir")" && "$clangxx" @"$unit.rsp" >"$unit.out" 2>&1 || touch "$unit.failed"
  ' thread_safety

total=$(find "$units" -name '*.rsp' | wc -l)
failed=0
for mark in "$units"/*.failed; do
  [[ -e $mark ]] || continue
  unit=${mark%.failed}
  ((++failed))
  echo "== $(cat "$unit.src")"
  cat "$unit.out"
done
if ((failed > 0)); then
  echo "thread_safety: findings in $failed of $total units ($((SECONDS - start)) s); each distinct one:"
  cat "$units"/*.out | grep -E '^[^ ]+:[0-9]+:[0-9]+: (error|warning):' | sed "s|^$root/||" | sort -u || true
  exit 1
fi
echo "thread_safety: $total units clean ($((SECONDS - start)) s)"
