"""Our simulated OCPP chargers (`station-sim --ocpp-chargers`) judged by the PyPI `ocpp` library as central system.

The library validates every payload against the official OCPP schemas and answers a payload that breaks its
schema with a CALLERROR, which a simulated charger prints as "<Action> failed: CALLERROR ...". OCPP 1.6 runs
against the benchmark's reference central system (Benchmarks/ocpp-reference/reference_central.py); OCPP 2.0.1
against a minimal CSMS written here with the library's v201 module.
"""

from __future__ import annotations

import asyncio
import json
import re
import signal
import subprocess
import sys
from datetime import datetime, timezone

import websockets
from ocpp.routing import on
from ocpp.v201 import ChargePoint as ChargePoint201
from ocpp.v201 import call_result as result201
from ocpp.v201.enums import Action as Action201

from conftest import REPO_ROOT
from test_stationd_process import BIN, free_port, wait_until

REFERENCE = REPO_ROOT / "Benchmarks" / "ocpp-reference" / "reference_central.py"
SESSION_OPTIONS = ["--ocpp-meter-interval", "1", "--ocpp-session-s", "2", "--ocpp-idle-s", "1"]


def station_sim(*args: str, seconds: float) -> str:
    """Runs station-sim for `seconds`, then SIGINT; returns what it printed."""
    process = subprocess.Popen([BIN / "station-sim", *args], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               stdin=subprocess.DEVNULL, text=True)
    try:
        output, _ = process.communicate(timeout=seconds)
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGINT)
        output, _ = process.communicate(timeout=20)
    return output


def reference_central(port: int) -> subprocess.Popen:
    process = subprocess.Popen([sys.executable, REFERENCE, "--port", str(port)], stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, text=True)
    wait_until(lambda: process.stdout.readline().startswith("reference central system listening"), 20,
               "the reference central system to listen")
    return process


def test_scripted_16_chargers_run_whole_sessions_against_the_reference_central_system():
    port = free_port()
    reference = reference_central(port)
    try:
        output = station_sim("--ocpp-chargers", "2", "--ocpp-url", f"ws://127.0.0.1:{port}/ocpp", *SESSION_OPTIONS,
                             seconds=8)
    finally:
        reference.terminate()
        reference.wait(timeout=10)
    assert "failed" not in output, output
    for charger in ("SIM-0001", "SIM-0002"):
        lines = [line.split(": ", 1)[1] for line in output.splitlines() if line.startswith(charger + ": ")]
        assert "BootNotification Accepted, heartbeat every 300 s" in lines, output
        statuses = [line.split(": ", 1)[1] for line in lines if line.startswith("connector 1: ") and
                    line.split(": ", 1)[1] in ("Available", "Preparing", "Charging", "Finishing")]
        assert statuses[:5] == ["Available", "Preparing", "Charging", "Finishing", "Available"], output
        assert any(re.fullmatch(r"connector 1: transaction \d+ started", line) for line in lines), output
        assert any(re.fullmatch(r"connector 1: [\d.]+ Wh, 22080 W", line) for line in lines), output
        assert any(re.fullmatch(r"connector 1: transaction \d+ stopped at [\d.]+ Wh", line) for line in lines), output


def test_load_mode_is_answered_by_the_reference_central_system_and_reports_json():
    port = free_port()
    reference = reference_central(port)
    try:
        done = subprocess.run([BIN / "station-sim", "--ocpp-chargers", "3", "--ocpp-url", f"ws://127.0.0.1:{port}/ocpp",
                               "--load", "--duration", "2", "--json"], capture_output=True, text=True, timeout=60,
                              stdin=subprocess.DEVNULL)
    finally:
        reference.terminate()
        reference.wait(timeout=10)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["chargers"] == 3 and report["connected"] == 3, report
    assert report["errors"] == 0, (report, done.stderr)
    assert report["messages_answered"] > 0
    assert 0 < report["latency_ms"]["p50"] <= report["latency_ms"]["p99"] <= report["latency_ms"]["max"]


def test_load_mode_transactions_mix_is_answered_by_the_reference_central_system():
    port = free_port()
    reference = reference_central(port)
    try:
        done = subprocess.run([BIN / "station-sim", "--ocpp-chargers", "3", "--ocpp-url", f"ws://127.0.0.1:{port}/ocpp",
                               "--load", "--load-mix", "transactions", "--duration", "2", "--json"],
                              capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)
    finally:
        reference.terminate()
        reference.wait(timeout=10)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["connected"] == 3 and report["errors"] == 0, (report, done.stderr)
    assert report["messages_answered"] > 0, report


def test_load_mode_201_transactions_mix_passes_the_201_schemas():
    events: list[dict] = []
    meter_values: list[int] = []
    serve = csms_201(events, [], meter_values)

    async def scenario() -> tuple[int, str, str]:
        port = free_port()
        async with websockets.serve(serve, "127.0.0.1", port, subprotocols=["ocpp2.0.1"]):
            process = await asyncio.create_subprocess_exec(
                str(BIN / "station-sim"), "--ocpp-chargers", "3", "--ocpp-version", "2.0.1",
                "--ocpp-url", f"ws://127.0.0.1:{port}/ocpp", "--load", "--load-mix", "transactions",
                "--duration", "2", "--json",
                stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE, stdin=asyncio.subprocess.DEVNULL)
            output, errors = await asyncio.wait_for(process.communicate(), 60)
            return process.returncode, output.decode(), errors.decode()

    returncode, output, errors = asyncio.run(scenario())
    assert returncode == 0, errors
    report = json.loads(output)
    assert report["ocpp_version"] == "2.0.1" and report["connected"] == 3 and report["errors"] == 0, (report, errors)
    # Every reading answered was stored by the library's CSMS, which validated it against the 2.0.1 schemas.
    updates = [event for event in events if event["event_type"] == "Updated"]
    assert len(updates) + len(meter_values) >= report["messages_answered"], (len(updates), len(meter_values), report)
    assert updates and meter_values and set(meter_values) == {1}
    for transaction in {event["transaction_id"] for event in events}:
        numbers = [event["seq_no"] for event in events if event["transaction_id"] == transaction]
        assert numbers == list(range(len(numbers))), numbers
        assert events[[event["transaction_id"] for event in events].index(transaction)]["event_type"] == "Started"


def csms_201(events: list[dict], statuses: list[str], meter_values: list[int]):
    """A minimal OCPP 2.0.1 CSMS on the library's v201 module, recording what the stations send; returns its handler."""

    class Station(ChargePoint201):
        @on(Action201.boot_notification)
        def on_boot(self, charging_station, reason, **_):
            now = datetime.now(timezone.utc).isoformat().replace("+00:00", "Z")
            return result201.BootNotification(current_time=now, interval=60, status="Accepted")

        @on(Action201.heartbeat)
        def on_heartbeat(self, **_):
            return result201.Heartbeat(current_time=datetime.now(timezone.utc).isoformat().replace("+00:00", "Z"))

        @on(Action201.status_notification)
        def on_status(self, timestamp, connector_status, evse_id, connector_id, **_):
            statuses.append(connector_status)
            return result201.StatusNotification()

        @on(Action201.authorize)
        def on_authorize(self, id_token, **_):
            return result201.Authorize(id_token_info={"status": "Accepted"})

        @on(Action201.transaction_event)
        def on_transaction_event(self, event_type, timestamp, trigger_reason, seq_no, transaction_info, **extra):
            events.append({"event_type": event_type, "seq_no": seq_no, "trigger_reason": trigger_reason,
                           "transaction_id": transaction_info["transaction_id"]})
            return result201.TransactionEvent(id_token_info={"status": "Accepted"} if extra.get("id_token") else None)

        @on(Action201.meter_values)
        def on_meter_values(self, evse_id, meter_value, **_):
            meter_values.append(evse_id)
            return result201.MeterValues()

    async def serve(websocket):
        try:
            await Station(websocket.request.path.rsplit("/", 1)[-1], websocket).start()
        except websockets.ConnectionClosed:
            pass

    return serve


def test_scripted_201_charger_messages_pass_the_201_schemas():
    events: list[dict] = []
    statuses: list[str] = []
    serve = csms_201(events, statuses, [])

    async def scenario() -> str:
        port = free_port()
        async with websockets.serve(serve, "127.0.0.1", port, subprotocols=["ocpp2.0.1"]):
            process = await asyncio.create_subprocess_exec(
                str(BIN / "station-sim"), "--ocpp-chargers", "1", "--ocpp-version", "2.0.1",
                "--ocpp-url", f"ws://127.0.0.1:{port}/ocpp", *SESSION_OPTIONS,
                stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT, stdin=asyncio.subprocess.DEVNULL)
            await asyncio.sleep(7)
            process.send_signal(signal.SIGINT)
            output, _ = await asyncio.wait_for(process.communicate(), 20)
            return output.decode()

    output = asyncio.run(scenario())
    assert "failed" not in output, output
    assert "SIM-0001: connected (OCPP 2.0.1)" in output, output
    assert statuses[:3] == ["Available", "Occupied", "Available"], (statuses, output)
    first = [event for event in events if event["transaction_id"] == events[0]["transaction_id"]]
    assert [event["event_type"] for event in first][0] == "Started", first
    assert [event["event_type"] for event in first][-1] == "Ended", first
    assert [event["seq_no"] for event in first] == list(range(len(first))), first
    assert "MeterValuePeriodic" in [event["trigger_reason"] for event in first], first
