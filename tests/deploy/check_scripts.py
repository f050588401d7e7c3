#!/usr/bin/python3
"""Checks every script under scripts/, deploy/ and .ci/ of the repository.

    check_scripts.py REPO_ROOT

A script is a file starting with `#!`. Each must be executable (the README runs them directly);
bash scripts must pass `bash -n`, Python scripts must compile. The entry points the README and CI
name must be among them. Every server the build makes must be in tests/deploy/suite.py, and
deploy/run-local.sh and the image must carry each: `run-local.sh status` lists each at its default
address (or its HAICAP_<NAME>_LISTEN), after the servers it calls (start goes down the list, stop
up it). Exits 1 listing every problem.
"""
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

sys.dont_write_bytecode = True  # keep the source tree clean when run as a test
from suite import CALLS, SERVERS  # noqa: E402

FOLDERS = ("scripts", "deploy", ".ci")
ENTRY_POINTS = ("scripts/install-deps.sh", "scripts/test.sh", "deploy/run-local.sh", ".ci/run")


def problems_of(script: Path):
    interpreter = script.read_text(errors="replace").splitlines()[0]
    if not os.access(script, os.X_OK):
        yield "not executable"
    if interpreter.endswith(("bash", "/sh")):
        result = subprocess.run(["bash", "-n", str(script)], capture_output=True, text=True)
        # bash -n reports some errors (inside [[ ]]) on stderr yet exits 0.
        if result.returncode != 0 or result.stderr:
            yield f"bash -n: {result.stderr.strip()}"
    elif "python" in interpreter:
        try:
            compile(script.read_text(), str(script), "exec")
        except SyntaxError as error:
            yield f"python: {error}"
    else:
        yield f"unknown interpreter {interpreter!r}"


def built_servers(root):
    """The binaries of services/*/CMakeLists.txt, as paths in the build folder."""
    return {f"{cmake.parent.relative_to(root)}/{name}"
            for cmake in (root / "services").glob("*/CMakeLists.txt")
            for name in re.findall(r"add_executable\(\s*(haicap-[\w-]+)", cmake.read_text())}


def run_local_status(root, listen):
    """`run-local.sh status` (on an empty local folder) as {name: address}, in its order; `listen`
    sets HAICAP_<NAME>_LISTEN, the caller's own HAICAP_ settings are left out."""
    with tempfile.TemporaryDirectory() as local_dir:
        environment = {key: value for key, value in os.environ.items() if not key.startswith("HAICAP_")}
        environment["HAICAP_LOCAL_DIR"] = local_dir
        environment.update({f"HAICAP_{name.upper()}_LISTEN": address for name, address in listen.items()})
        result = subprocess.run([str(root / "deploy/run-local.sh"), "status"], env=environment,
                                capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"run-local.sh status failed: {result.stderr.strip()}")
    return dict(line.split()[:2] for line in result.stdout.splitlines() if line.strip())


def status_problems(root, short):
    """`status` shows each server at its address, after the servers it calls."""
    try:
        defaults = run_local_status(root, {})
        moved = run_local_status(root, {short[server]: f"127.0.0.1:{facts['port'] + 10000}"
                                        for server, facts in SERVERS.items()})
    except (RuntimeError, OSError) as error:
        return [str(error)]
    problems = []
    for server, facts in SERVERS.items():
        name, port = short[server], facts["port"]
        if (defaults.get(name), moved.get(name)) != (f"127.0.0.1:{port}", f"127.0.0.1:{port + 10000}"):
            problems.append(f"status must show {name} at 127.0.0.1:{port} or HAICAP_{name.upper()}_LISTEN, "
                            f"found {defaults.get(name)}, {moved.get(name)}")
    order = list(defaults)
    for caller, callee in CALLS:
        if {short[caller], short[callee]} <= set(order) and \
                order.index(short[caller]) < order.index(short[callee]):
            problems.append(f"{short[caller]} calls {short[callee]}, so must come after it")
    return problems


def run_local_problems(root):
    """run-local.sh's `services` has a line per server (binary, health name, the flags with the
    addresses it calls), and `status` agrees."""
    problems = []
    short = {server: server.removeprefix("haicap-") for server in SERVERS}
    # "NAME BINARY HOST:PORT HEALTH [FLAG...]" by NAME
    lines = dict(re.findall(r'^\s*"(\S+) (services/\S+ \S+ .*)"$',
                            (root / "deploy/run-local.sh").read_text(), re.M))
    for server, facts in SERVERS.items():
        binary = f"services/{short[server]}/{server}"
        fields = lines.get(short[server], "").split()
        if fields[:1] != [binary] or fields[2:3] != [facts["health"]]:
            problems.append(f'services needs "{short[server]} {binary} HOST:PORT {facts["health"]} ..."')
    for (caller, callee), variable in CALLS.items():
        flag = f"--{variable.removeprefix('HAICAP_').lower()}=${short[callee]}_listen" if variable else None
        if flag and flag not in lines.get(short[caller], "").split():
            problems.append(f"{short[caller]} must be given {flag}")
    problems += status_problems(root, short)
    return [f"deploy/run-local.sh: {problem}" for problem in problems]


def suite_problems(root):
    """Every server is in suite.py, and run-local.sh and the image carry it."""
    problems = [f"{binary}: a server that tests/deploy/suite.py does not know"
                for binary in sorted(built_servers(root)) if binary.rpartition("/")[2] not in SERVERS]
    dockerfile = (root / "deploy/Dockerfile").read_text()
    for server, facts in SERVERS.items():
        binary = f"services/{server.removeprefix('haicap-')}/{server}"
        if binary not in dockerfile or not re.search(rf"^EXPOSE\b.*\b{facts['port']}\b", dockerfile, re.M):
            problems.append(f"deploy/Dockerfile: must ship {binary} and EXPOSE {facts['port']}")
    return problems + run_local_problems(root)


def main():
    root = Path(sys.argv[1])
    scripts = sorted(path for folder in FOLDERS for path in (root / folder).rglob("*")
                     if path.is_file() and path.read_bytes()[:2] == b"#!")
    found = {str(path.relative_to(root)) for path in scripts}
    failed = False
    for entry_point in ENTRY_POINTS:
        if entry_point not in found:
            print(f"FAIL: {entry_point}: missing")
            failed = True
    for script in scripts:
        problems = list(problems_of(script))
        for problem in problems:
            print(f"FAIL: {script.relative_to(root)}: {problem}")
        if not problems:
            print(f"ok: {script.relative_to(root)}")
        failed = failed or bool(problems)
    problems = suite_problems(root)
    for problem in problems:
        print(f"FAIL: {problem}")
    if not problems:
        print(f"ok: run-local.sh and the image carry {', '.join(SERVERS)}")
    return 1 if failed or problems else 0


if __name__ == "__main__":
    sys.exit(main())
