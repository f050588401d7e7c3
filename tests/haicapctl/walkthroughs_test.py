#!/usr/bin/env python3
"""The README's walk-throughs and the examples of haicapctl's --help, run as a newcomer runs them:
against a freshly started suite, on whatever day it is.

Usage: walkthroughs_test.py README HAICAPCTL REGISTRY DEADLINES TRANSFERS

A README walk-through is made of the code blocks that follow a line `<!-- walkthrough: NAME -->`
(a command block, run) or `<!-- walkthrough: NAME FILE -->` (the content of FILE, written first).
The help walk-through is the examples of the help pages in HELP_PAGES, in that order (an example
that starts by setting a variable points at another server and is not run).

Each walk-through gets its own suite: the three servers on free ports with temporary data
folders, the registry of the walk-through `demo` and of the help loaded with the Phúc Lợi demo as
deploy/run-local.sh loads it. Its command blocks run in order, each in `bash -e -o pipefail` in a
temporary folder (where `data` is the repository's, as from its root), with HAICAP_REGISTRY,
HAICAP_DEADLINES and HAICAP_TRANSFERS set to the suite and `haicapctl` the build's (`watch`, which
follows events until Ctrl-C, gets its Ctrl-C after 2 seconds). A command that exits non-zero fails
the test, which names its README line or help page and shows the block's output and the end of
each server's log. The servers are stopped at the end, also on failure.
"""
import os
import re
import subprocess
import sys
import tempfile
import time

from suite import Suite

MARKER = re.compile(r"<!-- walkthrough: (\S+)(?: (\S+))? -->")
# The walk-throughs run on the Phúc Lợi demo; the others start from an empty registry.
DEMO_WALKTHROUGHS = ("demo", "help")
# The help pages whose examples run, in this order: the read-only ones and the walk-throughs
# written for the demo. The others change organisations, members, dossiers or transfers whose ids
# only stand for one (member 2048, DS-000000000042, T-000000000042) and are not run.
HELP_PAGES = ("", "org get", "org list", "org tree", "org history", "org summary",
              "member get", "member list", "member history", "unit get", "unit list",
              "calendar create", "calendar show", "due", "days", "dossier", "dossier receive",
              "dossier list", "report", "watch", "transfer", "transfer list")
EXAMPLES_HEADER = re.compile(r"Examples?\b")
WATCH_SECONDS = 2


class Block:
    def __init__(self, origin, line, text, file=None):
        self.origin = origin  # "README.md" or "haicapctl org --help"
        self.line = line  # of the block's first line in its origin, from 1
        self.text = text
        self.file = file  # None for commands

    def where(self, offset=0):
        return f"{self.origin}:{self.line + offset}"


def readme_walkthroughs(readme):
    """The marked blocks of the README by walk-through name, in README order."""
    lines = readme.splitlines()
    found = {}
    for i, line in enumerate(lines):
        marker = MARKER.fullmatch(line.strip())
        if not marker:
            continue
        if i + 1 >= len(lines) or not lines[i + 1].startswith("```"):
            sys.exit(f"README.md:{i + 1}: a walk-through marker must come right before a ``` block")
        end = lines.index("```", i + 2)
        found.setdefault(marker[1], []).append(
            Block("README.md", i + 3, "\n".join(lines[i + 2:end]) + "\n", marker[2]))
    return found


def help_examples(ctl, page):
    """The examples of `haicapctl PAGE --help` as a block: the indented lines after the header
    "Examples...:" up to a blank line, those that set a variable first commented out."""
    origin = f"haicapctl {page} --help".replace("  ", " ")
    lines = subprocess.run([ctl, *page.split(), "--help"], capture_output=True, text=True,
                           check=True).stdout.splitlines()
    start = next((i for i, line in enumerate(lines) if EXAMPLES_HEADER.match(line)), None)
    if start is None:
        sys.exit(f"{origin} has no examples")
    start += 1
    while start < len(lines) and lines[start] and not lines[start].startswith("  "):
        start += 1  # the header goes on
    end = start
    while end < len(lines) and lines[end].strip():
        end += 1
    commands, continued = [], False
    for line in lines[start:end]:
        if not continued:
            skipped = re.match(r"\s*\w+=", line) is not None
        commands.append("# not run: " + line if skipped else line)
        continued = line.endswith("\\")
    return Block(origin, start + 1, "\n".join(commands) + "\n")


def ctl_wrapper(folder, ctl):
    """A folder holding the `haicapctl` the blocks run: the build's, with a Ctrl-C for `watch`."""
    bin_dir = os.path.join(folder, "bin")
    os.mkdir(bin_dir)
    path = os.path.join(bin_dir, "haicapctl")
    with open(path, "w", encoding="utf-8") as f:
        f.write("#!/usr/bin/env bash\n"
                "for arg; do\n"
                f"  [[ $arg != watch ]] || exec timeout --preserve-status --signal=INT "
                f"{WATCH_SECONDS} '{ctl}' \"$@\"\n"
                "done\n"
                f"exec '{ctl}' \"$@\"\n")
    os.chmod(path, 0o755)
    return bin_dir


def run_block(block, env, folder):
    """Runs one command block in `folder`; raises AssertionError with its output and the failing
    command."""
    # The trap tells which line failed; bash gives a line inside a command continued with "\".
    script = "trap 'echo \"walkthrough-failed $? $LINENO\" >&2' ERR\n" + block.text
    try:
        result = subprocess.run(["bash", "-e", "-o", "pipefail", "-c", script], cwd=folder,
                                env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                text=True, encoding="utf-8", timeout=120)
    except subprocess.TimeoutExpired as timeout:
        raise AssertionError(f"{block.where()}: still running after {timeout.timeout} s:\n"
                             f"{timeout.output or ''}") from None
    if result.returncode == 0:
        return
    output, _, failed = result.stdout.rpartition("walkthrough-failed ")
    status, _, line = failed.partition(" ")
    if not line.strip().isdigit():  # not a command's failure: bash's own message says why
        raise AssertionError(f"bash exited {result.returncode}:\n{result.stdout}")
    lines = block.text.splitlines()
    start = int(line) - 2  # the failing line in the block, from 0 (the trap is line 1)
    while start > 0 and lines[start - 1].endswith("\\"):
        start -= 1
    end = start
    while lines[end].endswith("\\"):
        end += 1
    raise AssertionError(f"{block.where(start)}: exit {status}: " +
                         "\n".join(lines[start:end + 1]) + "\n" + output)


def run_walkthrough(name, blocks, binaries, ctl, repo):
    with tempfile.TemporaryDirectory(prefix=f"haicap-walkthrough-{name}-") as folder:
        suite = Suite(binaries, folder)
        try:
            env = dict(os.environ, **suite.env, HAICAP_ACTOR="walkthrough",
                       PATH=ctl_wrapper(folder, ctl) + os.pathsep + os.environ["PATH"])
            work = os.path.join(folder, "work")
            os.mkdir(work)
            os.symlink(os.path.join(repo, "data"), os.path.join(work, "data"))
            if name in DEMO_WALKTHROUGHS:
                suite.load_demo(ctl, os.path.join(repo, "data", "demo"))
            for block in blocks:
                if block.file:
                    with open(os.path.join(work, block.file), "w", encoding="utf-8") as f:
                        f.write(block.text)
            for block in blocks:
                if block.file:
                    continue
                started = time.monotonic()
                try:
                    run_block(block, env, work)
                except AssertionError as failure:
                    print(f"FAIL walk-through {name}, the block at {block.where()}:\n"
                          f"{failure}{suite.logs()}", file=sys.stderr)
                    return False
                print(f"ok   walk-through {name}, the block at {block.where()} "
                      f"({time.monotonic() - started:.1f} s)")
            return True
        finally:
            suite.stop()


def main():
    if len(sys.argv) != 6:
        sys.exit(__doc__)
    readme, ctl, *servers = map(os.path.abspath, sys.argv[1:])
    binaries = dict(zip(("registry", "deadlines", "transfers"), servers))
    with open(readme, encoding="utf-8") as f:
        found = readme_walkthroughs(f.read())
    if "demo" not in found:
        sys.exit(f"no walk-through named demo in {readme}")
    found["help"] = [help_examples(ctl, page) for page in HELP_PAGES]
    repo = os.path.dirname(readme)
    results = [run_walkthrough(name, blocks, binaries, ctl, repo)
               for name, blocks in found.items()]
    sys.exit(0 if all(results) else 1)


if __name__ == "__main__":
    main()
