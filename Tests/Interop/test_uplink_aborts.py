"""The moment that used to wedge stationd's outbox: the CSMS (the PyPI `ocpp` library, csms_peer.py) answers a
message and aborts the connection at once, again and again, while cars come and go. The station has its
answer, acknowledges it and is already reading and writing its outbox (and the control cycle flushing its
messages) when the connection dies under it. Afterwards every car visit is one whole transaction at the CSMS
with seqNos 0..n, and no outbox write ever failed. ABORT_COUNT (default 30) sets the number of aborts."""
from __future__ import annotations

import json
import os
import socket
import subprocess
import time

import pytest

from csms_peer import CSMSPeer
from demo_station import write_demo_station
from test_stationd_process import BIN, free_port, wait_until

STATION = "DEMO-001"
PASSWORD = "demo-password-0001"
ABORT_COUNT = int(os.environ.get("ABORT_COUNT", "30"))
VISIT_S, GAP_S, DURATION_S = 7, 2, 60


def scenario() -> str:
    lines = ["base_load_w: 3000", "battery: { soc_pct: 60 }", "evs:"]
    for socket_id, offset in ((1, 2), (2, 5)):
        start = offset
        while start + VISIT_S < DURATION_S:
            lines.append(f"  - {{ socket: {socket_id}, arrive_s: {start}, leave_s: {start + VISIT_S}, capacity_kwh: 60, "
                         f"soc_pct: 30, max_current_a: 16, phases: 3 }}")
            start += VISIT_S + GAP_S
    return "\n".join(lines) + "\n"


@pytest.fixture
def station(tmp_path):
    for binary in ("stationd", "station-sim", "stationctl"):
        if not (BIN / binary).exists():
            pytest.fail(f"{BIN / binary} is missing: run `swift build`", pytrace=False)
    modbus_port, api_port, csms_port = free_port(), free_port(), free_port()
    config = write_demo_station(tmp_path, modbus_port=modbus_port, api_port=api_port,
                                csms_url=f"ws://127.0.0.1:{csms_port}/ocpp/{STATION}", meter_interval_s=1,
                                uplink_extra={"call_timeout_ms": 3000, "reconnect_max_ms": 2000})
    (tmp_path / "scenario.yaml").write_text(scenario())
    csms = CSMSPeer(csms_port, STATION, PASSWORD, heartbeat_s=30)
    csms.start()
    logs = {name: open(tmp_path / f"{name}.log", "w") for name in ("sim", "stationd")}
    sim = subprocess.Popen([BIN / "station-sim", "--config", config, "--scenario", tmp_path / "scenario.yaml", "--quiet"],
                           stdout=logs["sim"], stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    stationd = None
    try:
        wait_until(lambda: socket.create_connection(("127.0.0.1", modbus_port), timeout=1).close() or True, 15,
                   "station-sim to listen")
        stationd = subprocess.Popen([BIN / "stationd", "--config", config], stdout=logs["stationd"],
                                    stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)

        def status():
            done = subprocess.run([BIN / "stationctl", "status", "--json", "--api", f"http://127.0.0.1:{api_port}"],
                                  capture_output=True, text=True, timeout=20, stdin=subprocess.DEVNULL)
            return json.loads(done.stdout) if done.returncode == 0 else None

        yield {"csms": csms, "status": status, "tmp": tmp_path, "started": time.time()}
    finally:
        for process in (stationd, sim):
            if process and process.poll() is None:
                process.terminate()
        for process in (stationd, sim):
            if process:
                try:
                    process.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    process.kill()
        csms.shutdown()
        for log in logs.values():
            log.close()


def test_a_csms_aborting_right_after_each_answer_loses_and_wedges_nothing(station):
    csms, status = station["csms"], station["status"]
    wait_until(lambda: (status() or {}).get("uplink", {}).get("connected"), 60, "the station to connect")
    for n in range(ABORT_COUNT):
        with csms.lock:
            # Alternately right after battery telemetry (every second) and after whatever is answered next.
            csms.abort_action = "DataTransfer" if n % 2 == 0 else None
            csms.abort_after_answers = 1
        wait_until(lambda: csms.abort_after_answers == 0, 60, f"abort {n + 1}")
        time.sleep(0.3)
    remaining = station["started"] + DURATION_S + 2 - time.time()
    if remaining > 0:
        time.sleep(remaining)

    last = {}

    def drained():
        current = status() or {}
        last.update(current)
        uplink = current.get("uplink") or {}
        return uplink.get("connected") and uplink.get("queued") == 0 and not any(
            s.get("session") for s in current.get("sockets", []))
    wait_until(drained, 120, "the outbox to drain")

    by_id: dict[str, dict[int, str]] = {}
    problems = []
    for event in csms.messages("TransactionEvent"):
        tx, seq = event["transaction_info"]["transaction_id"], event["seq_no"]
        seen = by_id.setdefault(tx, {}).get(seq)
        if seen is not None and seen != event["event_type"]:
            problems.append(f"{tx} #{seq} reused: {seen} then {event['event_type']}")
        by_id[tx][seq] = event["event_type"]
    for tx, events in by_id.items():
        seqs = sorted(events)
        if seqs != list(range(len(seqs))):
            problems.append(f"{tx}: seqNo {seqs} has a gap")
        if events[seqs[0]] != "Started" or events[seqs[-1]] != "Ended":
            problems.append(f"{tx}: not Started..Ended")
    visits = scenario().count("socket:")
    outbox = last["uplink"].get("outbox") or {}
    log = (station["tmp"] / "stationd.log").read_text(errors="replace")
    report = {"aborts": csms.aborted, "connections": csms.connections, "car_visits": visits,
              "transactions": len(by_id), "outbox": outbox, "problems": problems[:20]}
    print("\nabort run:", json.dumps(report))
    assert csms.aborted >= ABORT_COUNT
    assert not problems, "\n".join(problems)
    assert len(by_id) == visits, f"{len(by_id)} transactions for {visits} car visits"
    assert "within a transaction" not in log
    assert outbox.get("write_failures_total") == 0, f"outbox writes failed: {outbox}"
