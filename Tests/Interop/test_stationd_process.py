"""The real binaries: station-sim serves the demo station, stationd controls it, stationctl talks to both.

Checks what only whole processes show: readiness, the local API, the technician's switch through
`stationctl`, and SIGTERM leaving every socket disabled and the battery idle.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

import pytest

from conftest import REPO_ROOT
from demo_station import pin_tariff

BIN = Path(os.environ.get("STATIONCTL", REPO_ROOT / ".build" / "debug" / "stationctl")).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until(predicate, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        try:
            value = predicate()
            if value:
                return value
        except Exception as error:  # noqa: BLE001 - keep polling until the deadline
            last = error
        time.sleep(0.2)
    raise AssertionError(f"timed out after {timeout} s waiting for {what} (last error: {last})")


@pytest.fixture
def station(tmp_path):
    """The demo station on free ports: station-sim with one car, and stationd."""
    for binary in ("stationd", "station-sim", "stationctl"):
        if not (BIN / binary).exists():
            pytest.fail(f"{BIN / binary} is missing: run `swift build`", pytrace=False)
    modbus_port, api_port = free_port(), free_port()
    (tmp_path / "stations").mkdir()
    shutil.copytree(REPO_ROOT / "firmware-config" / "devices", tmp_path / "devices")
    text = pin_tariff((REPO_ROOT / "firmware-config" / "stations" / "demo.yaml").read_text())
    text = text.replace("port: 5020", f"port: {modbus_port}").replace("port: 8181", f"port: {api_port}")
    text = text.replace("../../.stationmaster/demo/outbox.sqlite", str(tmp_path / "outbox.sqlite"))
    config = tmp_path / "stations" / "demo.yaml"
    config.write_text(text)
    scenario = tmp_path / "scenario.yaml"
    scenario.write_text("base_load_w: 6000\nevs:\n  - { socket: 1, arrive_s: 0, capacity_kwh: 60, soc_pct: 30, "
                        "max_current_a: 16, phases: 3 }\n")
    logs = {name: open(tmp_path / f"{name}.log", "w") for name in ("sim", "stationd")}
    sim = subprocess.Popen([BIN / "station-sim", "--config", config, "--scenario", scenario, "--quiet"],
                           stdout=logs["sim"], stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    wait_until(lambda: socket.create_connection(("127.0.0.1", modbus_port), timeout=1).close() or True, 15,
               "station-sim to listen")
    stationd = subprocess.Popen([BIN / "stationd", "--config", config], stdout=logs["stationd"],
                                stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    api = f"http://127.0.0.1:{api_port}"

    def ctl(*args, check=True):
        done = subprocess.run([BIN / "stationctl", *map(str, args)], capture_output=True, text=True, timeout=20,
                              stdin=subprocess.DEVNULL)
        if check:
            assert done.returncode == 0, f"stationctl {args}: {done.stderr}"
        return done

    try:
        yield {"ctl": ctl, "api": api, "modbus_port": modbus_port, "stationd": stationd, "sim": sim,
               "logs": tmp_path}
    finally:
        for process in (stationd, sim):
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()
        for log in logs.values():
            log.close()


def status(station):
    return json.loads(station["ctl"]("status", "--api", station["api"], "--json").stdout)


def coil(station, unit: int, address: int) -> bool:
    done = station["ctl"]("modbus", "read", "--tcp", f"127.0.0.1:{station['modbus_port']}", "--unit", unit,
                          "--table", "coil", "--address", address, "--json")
    return json.loads(done.stdout)["values"][0]["value"]


def test_car_charges_technician_switch_and_sigterm_leaves_the_station_safe(station):
    charging = wait_until(
        lambda: (s := status(station)) and s["sockets"][0]["status"] == "Charging" and s, 30,
        "socket 1 to charge")
    assert charging["sockets"][0]["offered_a"] >= 6
    assert charging["grid"]["data"]["quality"] == "fresh"
    assert coil(station, unit=1, address=400) is True, "the EVSE's charging enable is on"

    done = station["ctl"]("socket", "1", "disable", "--reason", "cable check", "--actor", "fabio",
                          "--api", station["api"])
    assert "socket 1 disabled by fabio" in done.stdout
    after = status(station)
    assert after["sockets"][0]["status"] == "Unavailable"
    assert after["audit"][-1]["actor"] == "fabio"
    assert after["audit"][-1]["reason"] == "cable check"
    wait_until(lambda: coil(station, 1, 400) is False, 10, "the EVSE to be disabled")

    station["ctl"]("socket", "1", "enable", "--actor", "fabio", "--api", station["api"])
    wait_until(lambda: status(station)["sockets"][0]["status"] == "Charging", 20, "charging to resume")
    wait_until(lambda: coil(station, 1, 400) is True, 10, "the EVSE to be enabled again")

    station["stationd"].send_signal(signal.SIGTERM)
    assert station["stationd"].wait(timeout=15) == 0
    assert coil(station, unit=1, address=400) is False, "SIGTERM disabled socket 1"
    assert coil(station, unit=2, address=400) is False, "SIGTERM disabled socket 2"
    log = (station["logs"] / "stationd.log").read_text()
    assert "entering safe state" in log


def test_disabling_needs_a_reason_and_unknown_sockets_are_refused(station):
    wait_until(lambda: status(station)["cycle"] > 0, 20, "the first control cycle")
    no_reason = station["ctl"]("socket", "1", "disable", "--api", station["api"], check=False)
    assert no_reason.returncode == 64
    assert "--reason" in no_reason.stderr
    unknown = station["ctl"]("socket", "9", "disable", "--reason", "x", "--api", station["api"], check=False)
    assert unknown.returncode == 1
    assert "no socket 9" in unknown.stderr


def test_stationctl_says_clearly_when_stationd_is_not_running():
    done = subprocess.run([BIN / "stationctl", "status", "--api", f"http://127.0.0.1:{free_port()}"],
                          capture_output=True, text=True, timeout=20, stdin=subprocess.DEVNULL)
    assert done.returncode == 1
    assert "cannot reach stationd" in done.stderr
