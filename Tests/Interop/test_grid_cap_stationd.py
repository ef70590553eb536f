"""The real stationd process holds the grid cap with devices that are not the project's simulator.

pymodbus devices with simple physics (grid_station.py): two EVs that follow a new limit only after a
delay, a SunSpec battery that follows its setpoint after a delay, and a SunSpec meter that updates at an
interval with a latency, goes silent for 15 s and returns. The true grid import is recorded on the
Python side every 100 ms and checked against the 22 kW cap: above cap + 3 % only within a step's
transient (the slowest device delay, the meter's interval and latency, and two control cycles after an
event), never otherwise; and the socket limits come to rest after the meter returns (at most two changes
per socket from 20 s after the return to the end).

GRID_CAP_RUNS=N repeats the run with N different device timings (default 1; the issue's bar is 10 of 10).
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from conftest import REPO_ROOT
from grid_station import GridStation, Timing

BIN = Path(os.environ.get("STATIONCTL", REPO_ROOT / ".build" / "debug" / "stationctl")).parent
CAP_W = 22000.0
TOLERANCE = 1.03
PERIOD_S = 1.0
MOST_LATE_CHANGES = 2
TIMINGS = [
    Timing(ev_delay=5.0, battery_delay=2.0, meter_interval=1.0),
    Timing(ev_delay=2.5, battery_delay=1.0, meter_interval=0.5),
    Timing(ev_delay=0.2, battery_delay=0.2, meter_interval=0.2),
    Timing(ev_delay=4.0, battery_delay=0.5, meter_interval=1.0),
    Timing(ev_delay=1.0, battery_delay=2.0, meter_interval=0.2),
    Timing(ev_delay=5.0, battery_delay=0.2, meter_interval=0.5),
    Timing(ev_delay=3.0, battery_delay=1.5, meter_interval=1.0),
    Timing(ev_delay=0.5, battery_delay=1.0, meter_interval=1.0),
    Timing(ev_delay=2.0, battery_delay=2.0, meter_interval=0.5),
    Timing(ev_delay=4.5, battery_delay=1.0, meter_interval=0.2),
]

# Seconds after stationd takes control of the battery.
CAR_1, CAR_2, METER_SILENT, METER_BACK, END = 2.0, 15.0, 35.0, 50.0, 80.0


def station_file(directory: Path, devices_port: int, meter_port: int, api_port: int) -> Path:
    (directory / "stations").mkdir(exist_ok=True)
    (directory / "devices").mkdir(exist_ok=True)
    for profile in ("phoenix-ev-eth", "sunspec-battery-inverter", "sunspec-meter-203"):
        source = REPO_ROOT / "firmware-config" / "devices" / f"{profile}.yaml"
        (directory / "devices" / f"{profile}.yaml").write_text(source.read_text())
    sockets = "".join(
        f"  - {{ id: {i}, device: phoenix-ev-eth, bus: devices, unit_id: {i}, max_current_a: 32, phases: 3, "
        f"connector: type2 }}\n" for i in (1, 2))
    text = f"""station_id: INTEROP-1
control:
  period_ms: {int(PERIOD_S * 1000)}
grid:
  connection_limit_w: {int(CAP_W)}
  nominal_voltage_v: 230
  meter: {{ device: sunspec-meter-203, bus: meter, unit_id: 4 }}
safety:
  safe_socket_current_a: 6
  stale_after_ms: 3000
buses:
  - {{ name: devices, tcp: {{ host: 127.0.0.1, port: {devices_port} }}, response_timeout_ms: 300 }}
  - {{ name: meter, tcp: {{ host: 127.0.0.1, port: {meter_port} }}, response_timeout_ms: 300 }}
sockets:
{sockets}battery:
  device: sunspec-battery-inverter
  bus: devices
  unit_id: 3
  capacity_wh: 30000
  max_charge_w: 10000
  max_discharge_w: 10000
energy:
  headroom_w: 300
  socket_response_s: 5
  battery_response_s: 2
  meter_lag_ms: 1300
local_api:
  port: {api_port}
"""
    path = directory / "stations" / "interop.yaml"
    path.write_text(text)
    return path


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until(predicate, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        try:
            if predicate():
                return
        except Exception as error:  # noqa: BLE001 - keep polling until the deadline
            last = error
        time.sleep(0.1)
    raise AssertionError(f"timed out after {timeout} s waiting for {what} (last error: {last!r})")


def run_once(directory: Path, timing: Timing, seed: int) -> dict:
    """One run: stationd against the station; returns figures and the problems found."""
    directory.mkdir(parents=True, exist_ok=True)
    station = GridStation(timing, seed=seed)
    api_port = free_port()
    config = station_file(directory, station.devices.tcp_port, station.meter_port, api_port)
    log = open(directory / "stationd.log", "w")
    stationd = subprocess.Popen([BIN / "stationd", "--config", config], stdout=log, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL)
    try:
        station.start()
        wait_until(station.battery_controlled, 60, "stationd to take control of the battery")
        start = station.now()
        events = [(CAR_1, station.car_arrives, 1), (CAR_2, station.car_arrives, 2),
                  (METER_SILENT, station.meter_goes_silent, None), (METER_BACK, station.meter_returns, None)]
        steps = [start]
        for at, action, argument in events:
            time.sleep(max(0.0, start + at - station.now()))
            steps.append(station.now())
            action(argument) if argument is not None else action()
        time.sleep(max(0.0, start + END - station.now()))
        assert stationd.poll() is None, f"stationd exited with {stationd.returncode}"
    finally:
        station.stop()
        if stationd.poll() is None:
            stationd.send_signal(signal.SIGTERM)
            try:
                stationd.wait(timeout=15)
            except subprocess.TimeoutExpired:
                stationd.kill()
        log.close()
    return analyse(station, steps, timing)


def analyse(station: GridStation, steps: list[float], timing: Timing) -> dict:
    allowance = max(timing.ev_delay, timing.battery_delay) + timing.meter_interval + timing.meter_latency + 2 * PERIOD_S
    problems = []
    worst, over_tolerance, longest, over_cap_time = 0.0, 0.0, 0.0, 0.0
    for t, power in station.series:
        if t < steps[0]:
            continue
        worst = max(worst, power / CAP_W - 1)
        if power > CAP_W:
            over_cap_time += 0.1
        over_tolerance = over_tolerance + 0.1 if power > CAP_W * TOLERANCE else 0.0
        longest = max(longest, over_tolerance)
        last_step = max(s for s in steps if s <= t)
        if power > CAP_W * TOLERANCE and t > last_step + allowance:
            problems.append(f"import {power:.0f} W at {t - steps[0]:.1f} s, {t - last_step:.1f} s after a step "
                            f"(allowed {allowance:.1f} s)")
    # After the meter is back and a settling time, the limits come to rest: a step back after a glitch of
    # the loaded machine (a missed poll) may come late, a sustained oscillation would show many changes.
    quiet_from = steps[-1] + 20.0
    changes = {s: [c for c in station.evs[s].history if c.at >= quiet_from] for s in (1, 2)}
    for socket, late in changes.items():
        if len(late) > MOST_LATE_CHANGES:
            problems.append(f"socket {socket} limit still changing {late[0].at - steps[-1]:.1f} s after the meter "
                            f"returned: {[c.value for c in late]}")
    changes_after_return = sum(len([c for c in station.evs[s].history if c.at >= steps[-1]]) for s in (1, 2))
    return {"timing": str(timing), "worst_overshoot_pct": round(worst * 100, 1),
            "longest_over_tolerance_s": round(longest, 1), "time_over_cap_s": round(over_cap_time, 1),
            "limit_changes_after_meter_returned": changes_after_return, "problems": problems}


def test_stationd_holds_the_cap_through_a_meter_outage_with_slow_foreign_devices(tmp_path):
    for binary in ("stationd",):
        if not (BIN / binary).exists():
            pytest.fail(f"{BIN / binary} is missing: run `swift build`", pytrace=False)
    runs = int(os.environ.get("GRID_CAP_RUNS", "1"))
    results = []
    for index in range(runs):
        timing = TIMINGS[index % len(TIMINGS)]
        result = run_once(tmp_path / f"run-{index}", timing, seed=index + 1)
        print(f"run {index + 1}: {result}")
        results.append(result)
    failed = [r for r in results if r["problems"]]
    print(f"{len(results) - len(failed)} of {len(results)} runs held the cap")
    assert not failed, f"{len(failed)} of {len(results)} runs broke the cap: {failed}"
