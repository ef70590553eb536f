"""The acceptance bar of the uplink: over a run of many charging sessions, stationd is killed with SIGKILL,
cpms is restarted (SIGKILL or SIGTERM) and the link is dropped or stalled by a TCP proxy, again and again;
afterwards every session and every transaction event is in cpms exactly once, in order, and marked offline
where it happened offline.

It runs on SQLite, and on PostgreSQL when CPMS_TEST_POSTGRES_URL names a database (scripts/test starts a
throw-away cluster). FAULT_CYCLES (default 30) sets the number of faults on SQLite, FAULT_CYCLES_POSTGRES
(default 10) on PostgreSQL; FAULT_SEED the order. The counts are printed (run
pytest with -s to see them) and written to fault-report.json in the test's directory."""
from __future__ import annotations

import json
import os
import random
import signal
import socket
import subprocess
import time
import urllib.request
import uuid
from dataclasses import dataclass, field
from datetime import datetime

import pytest

from demo_station import write_demo_station
from tcp_fault_proxy import FaultProxy
from test_stationd_process import BIN, free_port, wait_until

PASSWORD = "demo-password-0001"
CYCLES = {"sqlite": int(os.environ.get("FAULT_CYCLES", "30")), "postgres": int(os.environ.get("FAULT_CYCLES_POSTGRES", "10"))}
BACKENDS = ["sqlite"] + (["postgres"] if os.environ.get("CPMS_TEST_POSTGRES_URL") else [])
SEED = int(os.environ.get("FAULT_SEED", "20261125"))
VISIT_S, GAP_S = 9, 3


def scenario(duration_s: int) -> str:
    """Cars come and go on both sockets for the whole run, staggered."""
    lines = ["base_load_w: 4000", "battery: { soc_pct: 60 }", "evs:"]
    for socket_id, offset in ((1, 2), (2, 8)):
        start = offset
        while start + VISIT_S < duration_s:
            lines.append(f"  - {{ socket: {socket_id}, arrive_s: {start}, leave_s: {start + VISIT_S}, capacity_kwh: 60, "
                         f"soc_pct: 30, max_current_a: 16, phases: 3 }}")
            start += VISIT_S + GAP_S
    return "\n".join(lines) + "\n"


def parse_time(text: str) -> float:
    return datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()


@dataclass
class Fault:
    kind: str
    start: float
    end: float = 0.0


@dataclass
class Rig:
    tmp: object
    station: str
    cycles: int
    cpms_port: int
    api_port: int
    proxy: FaultProxy
    config: object
    database: str
    token: str = ""
    cpms: subprocess.Popen | None = None
    stationd: subprocess.Popen | None = None
    logs: dict = field(default_factory=dict)

    def start_cpms(self):
        self.cpms = subprocess.Popen(
            [BIN / "cpms", "serve", "--host", "127.0.0.1", "--port", str(self.cpms_port), "--database", self.database],
            stdout=self.logs["cpms"], stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        wait_until(lambda: socket.create_connection(("127.0.0.1", self.cpms_port), timeout=1).close() or True, 30,
                   "cpms to listen")

    def start_stationd(self):
        self.stationd = subprocess.Popen([BIN / "stationd", "--config", self.config], stdout=self.logs["stationd"],
                                         stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)

    def api(self, path: str):
        request = urllib.request.Request(f"http://127.0.0.1:{self.cpms_port}/api/{path}",
                                         headers={"Authorization": f"Bearer {self.token}"})
        with urllib.request.urlopen(request, timeout=10) as response:
            return json.loads(response.read())

    def station_status(self):
        done = subprocess.run([BIN / "stationctl", "status", "--json", "--api", f"http://127.0.0.1:{self.api_port}"],
                              capture_output=True, text=True, timeout=20, stdin=subprocess.DEVNULL)
        return json.loads(done.stdout) if done.returncode == 0 else None


def run(args, **kwargs):
    done = subprocess.run(args, capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL, **kwargs)
    assert done.returncode == 0, f"{args}: {done.stdout}{done.stderr}"
    return done.stdout


@pytest.fixture(params=BACKENDS)
def rig(request, tmp_path):
    if not (BIN / "cpms").exists():
        pytest.fail(f"{BIN / 'cpms'} is missing: run `swift build`", pytrace=False)
    modbus_port, api_port, cpms_port, proxy_port = free_port(), free_port(), free_port(), free_port()
    if request.param == "postgres":
        database = os.environ["CPMS_TEST_POSTGRES_URL"]
    else:
        database = f"sqlite://{tmp_path / 'cpms.sqlite'}"
    # A station of its own: the PostgreSQL database may hold earlier runs' stations.
    station = f"FAULT-{uuid.uuid4().hex[:8]}"
    cycles = CYCLES[request.param]
    (tmp_path / "password").write_text(PASSWORD + "\n")
    run([BIN / "cpms", "station", "add", station, "--password-file", tmp_path / "password", "--database", database])
    token = run([BIN / "cpms", "token", "add", "fault-test", "--database", database]).strip().split()[-1]

    config = write_demo_station(tmp_path, modbus_port=modbus_port, api_port=api_port,
                                csms_url=f"ws://127.0.0.1:{proxy_port}/ocpp/{station}", station_id=station,
                                meter_interval_s=1, uplink_extra={"call_timeout_ms": 3000})
    duration = cycles * 9 + 30
    (tmp_path / "scenario.yaml").write_text(scenario(duration))

    proxy = FaultProxy(proxy_port, cpms_port)
    rig = Rig(tmp_path, station, cycles, cpms_port, api_port, proxy, config, database, token,
              logs={name: open(tmp_path / f"{name}.log", "a") for name in ("sim", "stationd", "cpms")})
    rig.start_cpms()
    sim = subprocess.Popen([BIN / "station-sim", "--config", config, "--scenario", tmp_path / "scenario.yaml", "--quiet"],
                           stdout=rig.logs["sim"], stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    wait_until(lambda: socket.create_connection(("127.0.0.1", modbus_port), timeout=1).close() or True, 15,
               "station-sim to listen")
    rig.start_stationd()
    rig.started = time.time()
    rig.duration = duration
    try:
        yield rig
    finally:
        for process in (rig.stationd, sim, rig.cpms):
            if process and process.poll() is None:
                process.terminate()
        for process in (rig.stationd, sim, rig.cpms):
            if process:
                try:
                    process.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    process.kill()
        proxy.close()
        for log in rig.logs.values():
            log.close()


def inject(rig: Rig, kind: str, rng: random.Random) -> Fault:
    fault = Fault(kind, time.time())
    outage = rng.uniform(1.5, 5)
    if kind == "kill-stationd":
        rig.stationd.send_signal(signal.SIGKILL)
        rig.stationd.wait(timeout=10)
        time.sleep(rng.uniform(0.2, 1.0))
        rig.start_stationd()
    elif kind == "restart-cpms":
        rig.cpms.send_signal(rng.choice([signal.SIGKILL, signal.SIGTERM]))
        rig.cpms.wait(timeout=20)
        time.sleep(outage)
        rig.start_cpms()
    elif kind == "drop-link":
        rig.proxy.drop()
        time.sleep(outage)
        rig.proxy.heal()
    elif kind == "stall-link":
        rig.proxy.stall()
        time.sleep(outage + 2)
        rig.proxy.heal()
    fault.end = time.time()
    return fault


def test_nothing_lost_or_duplicated_across_kills_restarts_and_cuts(rig):
    rng = random.Random(SEED)
    kinds = ["kill-stationd", "restart-cpms", "drop-link", "stall-link"]
    plan = [kinds[i % len(kinds)] for i in range(rig.cycles)]
    rng.shuffle(plan)
    wait_until(lambda: (rig.station_status() or {}).get("uplink", {}).get("connected"), 60, "the station to connect")
    faults = []
    for kind in plan:
        time.sleep(rng.uniform(1.5, 4))
        faults.append(inject(rig, kind, rng))

    # Let the last cars leave, then wait for the outbox to drain into cpms.
    remaining = rig.started + rig.duration + 3 - time.time()
    if remaining > 0:
        time.sleep(remaining)

    def drained():
        status = rig.station_status() or {}
        uplink = status.get("uplink") or {}
        return uplink.get("connected") and uplink.get("queued") == 0 and not any(
            s.get("session") for s in status.get("sockets", []))
    wait_until(drained, 120, "the outbox to drain")

    transactions = rig.api(f"stations/{rig.station}/transactions?limit=1000")["transactions"]
    summary = rig.api(f"stations/{rig.station}")
    visits = scenario(rig.duration).count("socket:")
    drops = [f for f in faults if f.kind in ("drop-link", "restart-cpms")]

    problems = []
    events_total = offline_total = 0
    for tx in transactions:
        events = sorted(tx["events"], key=lambda e: e["seq_no"])
        seqs = [e["seq_no"] for e in events]
        events_total += len(events)
        if seqs != list(range(len(events))):
            problems.append(f"{tx['transaction_id']}: seqNo {seqs} has a gap or a repeat")
        if not events or events[0]["event_type"] != "Started" or events[-1]["event_type"] != "Ended":
            problems.append(f"{tx['transaction_id']}: not Started..Ended: {[e['event_type'] for e in events]}")
        times = [parse_time(e["timestamp"]) for e in events]
        if times != sorted(times):
            problems.append(f"{tx['transaction_id']}: events out of time order")
        energies = [e["energy_wh"] for e in events if e.get("energy_wh") is not None]
        if energies != sorted(energies):
            problems.append(f"{tx['transaction_id']}: energy register going backwards {energies}")
        for event, at in zip(events, times):
            offline_total += bool(event["offline"])
            in_drop = any(f.start + 1.5 < at < f.end for f in drops)
            if in_drop and not event["offline"]:
                problems.append(f"{tx['transaction_id']} #{event['seq_no']} happened during a cut but is not offline")
            near_fault = any(f.start - 1 < at < f.end + 45 for f in faults)
            if event["offline"] and not near_fault:
                problems.append(f"{tx['transaction_id']} #{event['seq_no']} is offline though no fault was near")

    report = {
        "database": rig.database.split("://")[0], "cycles": len(faults), "by_kind": {k: plan.count(k) for k in kinds}, "car_visits": visits,
        "transactions": len(transactions), "transaction_events": events_total, "offline_events": offline_total,
        "redeliveries_ignored_by_cpms": summary.get("duplicates_ignored"), "problems": problems[:20],
    }
    (rig.tmp / "fault-report.json").write_text(json.dumps(report, indent=2))
    print("\nfault run:", json.dumps(report))
    assert not problems, "\n".join(problems[:20])
    assert len(transactions) == visits, f"{len(transactions)} transactions for {visits} car visits"
    assert offline_total > 0, "the faults produced no offline events: the test did not test"
