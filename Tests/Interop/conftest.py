"""Fixtures for the independent-peer interop tests: our `stationctl` CLI against pymodbus."""

from __future__ import annotations

import json
import os
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_STATIONCTL = REPO_ROOT / ".build" / "debug" / "stationctl"
CLI_TIMEOUT = 20


@dataclass
class CliResult:
    args: list[str]
    returncode: int
    stdout: str
    stderr: str
    elapsed: float

    def json(self):
        assert self.returncode == 0, f"stationctl failed: {self}"
        try:
            return json.loads(self.stdout)
        except json.JSONDecodeError as error:
            raise AssertionError(f"stationctl printed no JSON ({error}): {self.stdout!r}") from error

    def __str__(self) -> str:
        return (f"`stationctl {' '.join(self.args)}` exited {self.returncode} after {self.elapsed:.2f} s\n"
                f"stdout: {self.stdout!r}\nstderr: {self.stderr!r}")


@pytest.fixture(scope="session")
def stationctl_path() -> str:
    path = os.environ.get("STATIONCTL") or str(DEFAULT_STATIONCTL)
    if not (os.path.isfile(path) and os.access(path, os.X_OK)):
        pytest.fail(
            f"stationctl binary not found at {path}: build it with "
            f"`cd {REPO_ROOT} && swift build --product stationctl` or set STATIONCTL=/path/to/stationctl",
            pytrace=False)
    return path


@pytest.fixture(scope="session")
def stationctl(stationctl_path):
    """Runs `stationctl modbus ARGS...`; never hangs (subprocess timeout)."""

    def run(*args: str, timeout: float = CLI_TIMEOUT) -> CliResult:
        argv = ["modbus", *map(str, args)]
        started = time.monotonic()
        try:
            done = subprocess.run([stationctl_path, *argv], capture_output=True, text=True, timeout=timeout,
                                  stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired as expired:
            pytest.fail(f"`stationctl {' '.join(argv)}` did not finish within {timeout} s "
                        f"(stdout {expired.stdout!r}, stderr {expired.stderr!r})")
        return CliResult(argv, done.returncode, done.stdout, done.stderr, time.monotonic() - started)

    return run
