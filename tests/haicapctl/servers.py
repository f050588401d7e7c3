"""A real haicap server binary on a free port, for the end-to-end tests of haicapctl."""
import ctypes
import json
import signal
import subprocess
import threading
import time

_PR_SET_PDEATHSIG = 1


def _die_with_parent():
    """In the child: SIGKILL when the test process dies, even by SIGKILL (a ctest timeout)."""
    ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)


class Server:
    """A haicap server process listening on 127.0.0.1:0 (NAME for messages, BINARY, DATA_DIR,
    more FLAGS); `port` is read from its "listening" log line, its stderr is kept in `log`."""

    def __init__(self, name, binary, data_dir, flags=()):
        self.name = name
        self.process = subprocess.Popen(
            [binary, "--listen=127.0.0.1:0", f"--data-dir={data_dir}", *flags],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
            text=True, encoding="utf-8", preexec_fn=_die_with_parent)
        self.log = []
        self.port = self._await_listening(timeout=20)
        self.address = f"127.0.0.1:{self.port}"
        # Keep draining stderr so the server never blocks on a full pipe.
        threading.Thread(target=self._drain, daemon=True).start()

    def _await_listening(self, timeout):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            line = self.process.stderr.readline()
            if not line:
                raise AssertionError(f"{self.name} exited before listening:\n" + "".join(self.log))
            self.log.append(line)
            try:
                entry = json.loads(line)
            except json.JSONDecodeError:
                continue
            if entry.get("msg") == "listening":
                return int(entry["port"])
        raise AssertionError(f"{self.name} did not report listening:\n" + "".join(self.log))

    def _drain(self):
        for line in self.process.stderr:
            self.log.append(line)

    def stop(self):
        """SIGTERM; returns the exit code."""
        self.process.send_signal(signal.SIGTERM)
        return self.process.wait(timeout=20)

    def kill(self):
        """SIGKILL when still running (a clean-up that must not fail)."""
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
