"""The three haicap services started together as deploy/run-local.sh starts them, on free ports
with their data in a temporary folder, for the end-to-end tests of haicapctl."""
import os
import subprocess

from servers import Server

# What deploy/run-local.sh imports into a fresh registry: `haicapctl import WHAT FILE`.
DEMO_FILES = (("orgs", "phuc-loi-organizations.csv"), ("members", "phuc-loi-members.csv"))


class Suite:
    """The deadlines service, the registry (calling deadlines) and the transfers service (calling
    both), each from BINARIES[name] with its data under FOLDER/name. `env` holds the HAICAP_*
    variables that point haicapctl at them."""

    def __init__(self, binaries, folder):
        self.servers = []
        try:
            deadlines = self._start("deadlines", binaries, folder)
            registry = self._start("registry", binaries, folder, f"--deadlines={deadlines}")
            transfers = self._start("transfers", binaries, folder, f"--registry={registry}",
                                    f"--deadlines={deadlines}")
        except BaseException:
            self.stop()
            raise
        self.env = {"HAICAP_DEADLINES": deadlines, "HAICAP_REGISTRY": registry,
                    "HAICAP_TRANSFERS": transfers}

    def _start(self, name, binaries, folder, *flags):
        data = os.path.join(folder, name)
        os.mkdir(data)
        self.servers.append(Server(name, binaries[name], data, flags))
        return self.servers[-1].address

    def load_demo(self, ctl, demo_dir):
        """Imports the Phúc Lợi demo (data/demo/) into the registry with the haicapctl CTL."""
        for what, file in DEMO_FILES:
            result = subprocess.run([ctl, "import", what, os.path.join(demo_dir, file)],
                                    env=dict(os.environ, **self.env), capture_output=True,
                                    text=True, timeout=120)
            if result.returncode != 0:
                raise AssertionError(f"loading the demo failed:\n{result.stdout}{result.stderr}")

    def logs(self, lines=15):
        """The last LINES lines of each server's log, for a failure message."""
        return "".join(f"--- the end of the {s.name} log:\n" + "".join(s.log[-lines:])
                       for s in self.servers)

    def stop(self):
        """SIGTERM to each server, callers first as deploy/run-local.sh stops them; SIGKILL to any
        that does not stop."""
        for server in reversed(self.servers):
            try:
                server.stop()
            finally:
                server.kill()
