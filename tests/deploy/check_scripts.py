#!/usr/bin/python3
"""Checks every script under scripts/, deploy/ and .ci/ of the repository.

    check_scripts.py REPO_ROOT

A script is a file starting with `#!`. Each must be executable (the README runs them directly);
bash scripts must pass `bash -n`, Python scripts must compile. The entry points the README and CI
name must be among them. Exits 1 listing every problem.
"""
import os
import subprocess
import sys
from pathlib import Path

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
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
