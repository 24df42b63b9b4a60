"""Starts a built xena-mock on a free loopback port and stops it, for the fuzzer and the soak."""
import os
import re
import signal
import subprocess
import time


class MockServer:
    def __init__(self, binary, *arguments):
        self.process = subprocess.Popen(
            [binary, "serve", "--host", "127.0.0.1", "--port", "0", *arguments],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        )
        line = self.process.stdout.readline()
        match = re.search(r"listening on http://127\.0\.0\.1:(\d+) \(issuer (\S+)\)", line)
        if not match:
            self.process.kill()
            raise SystemExit(f"xena-mock did not start: {line!r}{self.process.stdout.read()}")
        self.port = int(match.group(1))
        self.issuer = match.group(2)

    @property
    def alive(self):
        return self.process.poll() is None

    def resident_megabytes(self):
        with open(f"/proc/{self.process.pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
        return 0.0

    def terminate(self, timeout=5.0):
        """SIGTERM; returns (exit code, seconds it took), killing it if it overruns the timeout."""
        started = time.monotonic()
        self.process.send_signal(signal.SIGTERM)
        try:
            code = self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            code = self.process.wait()
            return code, None
        return code, time.monotonic() - started

    def output(self):
        """What the server printed (call after it stopped)."""
        try:
            return self.process.stdout.read()
        except ValueError:
            return ""

    def stop(self):
        if self.alive:
            self.terminate()


def repository_root():
    return os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
