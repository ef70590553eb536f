"""The acceptance bar of the uplink: over a run of many charging sessions, stationd is killed with SIGKILL,
the CSMS is restarted, the link is dropped or stalled by a TCP proxy, the CSMS aborts the connection right
after answering (while the station is already writing its outbox again) and refuses the station's upgrades
(401, 403, 404, 503), again and again; afterwards every session and every transaction event is at the CSMS
exactly once, in order, and marked offline where it happened offline.

It runs against the project's cpms (on SQLite, and on PostgreSQL when CPMS_TEST_POSTGRES_URL names a
database; scripts/test starts a throw-away cluster) and against an independent CSMS written with the PyPI
`ocpp` library (csms_peer.py), which records every TransactionEvent it is sent, redeliveries included; that
run also answers some TransactionEvents with InternalError. FAULT_CYCLES (default 30) sets the number of
faults against cpms on SQLite, FAULT_CYCLES_POSTGRES (default 10) on PostgreSQL, FAULT_CYCLES_PEER (default
16) against the `ocpp` CSMS; FAULT_SEED the order. The counts are printed (run pytest with -s to see them) and
written to fault-report.json in the test's directory."""
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

from csms_peer import CSMSPeer
from demo_station import write_demo_station
from tcp_fault_proxy import FaultProxy
from test_stationd_process import BIN, free_port, wait_until
from postgres_database import fresh_postgres_url

PASSWORD = "demo-password-0001"
CYCLES = {"cpms-sqlite": int(os.environ.get("FAULT_CYCLES", "30")),
          "cpms-postgres": int(os.environ.get("FAULT_CYCLES_POSTGRES", "10")),
          "ocpp-peer": int(os.environ.get("FAULT_CYCLES_PEER", "16"))}
BACKENDS = ["cpms-sqlite"] + (["cpms-postgres"] if os.environ.get("CPMS_TEST_POSTGRES_URL") else []) + ["ocpp-peer"]
SEED = int(os.environ.get("FAULT_SEED", "20261125"))
VISIT_S, GAP_S = 9, 3
REFUSALS = [401, 403, 404, 503]
# Faults during which the station knows it has no CSMS: what happens then must be flagged offline.
CUTS = ("drop-link", "restart-csms", "refuse-upgrades")


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


class CpmsCSMS:
    """The project's cpms as a process; aborts and refusals come from the proxy in front of it."""
    independent = False

    def __init__(self, tmp, station: str, port: int, database: str, proxy: FaultProxy, log):
        self.station, self.port, self.database, self.proxy, self.log = station, port, database, proxy, log
        (tmp / "password").write_text(PASSWORD + "\n")
        run([BIN / "cpms", "station", "add", station, "--password-file", tmp / "password", "--database", database])
        self.token = run([BIN / "cpms", "token", "add", "fault-test", "--database", database]).strip().split()[-1]
        self.process: subprocess.Popen | None = None

    def start(self):
        self.process = subprocess.Popen(
            [BIN / "cpms", "serve", "--host", "127.0.0.1", "--port", str(self.port), "--database", self.database],
            stdout=self.log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        wait_until(lambda: socket.create_connection(("127.0.0.1", self.port), timeout=1).close() or True, 30,
                   "cpms to listen")

    def restart(self, rng: random.Random, outage: float):
        self.process.send_signal(rng.choice([signal.SIGKILL, signal.SIGTERM]))
        self.process.wait(timeout=20)
        time.sleep(outage)
        self.start()

    def abort_after_answers(self, count: int, rng: random.Random):
        self.proxy.abort_after_answers(count)

    def aborts_left(self) -> int:
        return self.proxy.aborts_left

    def refuse_upgrades(self, count: int, statuses: list[int]):
        self.proxy.refuse_upgrades(count, statuses)

    def refusals_left(self) -> int:
        return self.proxy.refusals_left

    def api(self, path: str):
        request = urllib.request.Request(f"http://127.0.0.1:{self.port}/api/{path}",
                                         headers={"Authorization": f"Bearer {self.token}"})
        with urllib.request.urlopen(request, timeout=10) as response:
            return json.loads(response.read())

    def transactions(self) -> tuple[list[dict], list[str], dict]:
        transactions = self.api(f"stations/{self.station}/transactions?limit=1000")["transactions"]
        summary = self.api(f"stations/{self.station}")
        return transactions, [], {"redeliveries_ignored_by_cpms": summary.get("duplicates_ignored"),
                                  "aborts": self.proxy.aborted, "refusals": len(self.proxy.refused)}

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()


class PeerCSMS:
    """The PyPI `ocpp` CSMS (csms_peer.py) in this process: it records every message, as a CSMS with a database
    would keep it across its own restarts, and aborts or refuses by itself."""
    independent = True

    def __init__(self, station: str, port: int):
        self.peer = CSMSPeer(port, station, PASSWORD, heartbeat_s=30)

    def start(self):
        self.peer.start()

    def restart(self, rng: random.Random, outage: float):
        self.peer.stop()
        time.sleep(outage)
        self.peer.start()

    def abort_after_answers(self, count: int, rng: random.Random):
        with self.peer.lock:
            # Right after a DataTransfer (battery telemetry, every second) or after whatever comes next.
            self.peer.abort_action = rng.choice(["DataTransfer", None])
            self.peer.abort_after_answers = count

    def aborts_left(self) -> int:
        return self.peer.abort_after_answers

    def refuse_upgrades(self, count: int, statuses: list[int]):
        with self.peer.lock:
            self.peer.refusal_statuses = statuses
            self.peer.refuse_upgrades = count
        self.peer.abort_connection()

    def refusals_left(self) -> int:
        return self.peer.refuse_upgrades

    def refuse_transaction_events(self, count: int):
        with self.peer.lock:
            self.peer.transaction_event_failures = count

    def transactions(self) -> tuple[list[dict], list[str], dict]:
        """Transactions as the CSMS saw them: redeliveries (the same event again) are counted and folded; the
        same seqNo carrying a different event is a problem (a reused seqNo)."""
        problems: list[str] = []
        by_id: dict[str, dict[int, dict]] = {}
        redelivered = 0
        for payload in self.peer.messages("TransactionEvent"):
            tx = payload["transaction_info"]["transaction_id"]
            energy = None
            for value in payload.get("meter_value") or []:
                for sampled in value.get("sampled_value", []):
                    if sampled.get("measurand") == "Energy.Active.Import.Register":
                        energy = sampled["value"]
            event = {"seq_no": payload["seq_no"], "event_type": payload["event_type"], "timestamp": payload["timestamp"],
                     "offline": bool(payload.get("offline")), "energy_wh": energy}
            seen = by_id.setdefault(tx, {}).get(event["seq_no"])
            if seen is None:
                by_id[tx][event["seq_no"]] = event
            elif seen == event:
                redelivered += 1
            else:
                problems.append(f"{tx} #{event['seq_no']} reused: {seen} then {event}")
        transactions = [{"transaction_id": tx, "events": list(events.values())} for tx, events in by_id.items()]
        return transactions, problems, {
            "redeliveries_seen_by_peer": redelivered, "aborts": self.peer.aborted, "refusals": len(self.peer.refused),
            "transaction_events_refused": self.peer.refused_transaction_events}

    def stop(self):
        self.peer.shutdown()


@dataclass
class Rig:
    tmp: object
    station: str
    cycles: int
    api_port: int
    proxy: FaultProxy
    config: object
    csms: CpmsCSMS | PeerCSMS
    stationd: subprocess.Popen | None = None
    logs: dict = field(default_factory=dict)

    def start_stationd(self):
        self.stationd = subprocess.Popen([BIN / "stationd", "--config", self.config], stdout=self.logs["stationd"],
                                         stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)

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
    for binary in ("cpms", "stationd", "station-sim", "stationctl"):
        if not (BIN / binary).exists():
            pytest.fail(f"{BIN / binary} is missing: run `swift build`", pytrace=False)
    modbus_port, api_port, csms_port, proxy_port = free_port(), free_port(), free_port(), free_port()
    # A station of its own: the PostgreSQL database may hold earlier runs' stations.
    station = f"FAULT-{uuid.uuid4().hex[:8]}"
    cycles = CYCLES[request.param]
    logs = {name: open(tmp_path / f"{name}.log", "a") for name in ("sim", "stationd", "cpms")}
    proxy = FaultProxy(proxy_port, csms_port)
    if request.param == "ocpp-peer":
        csms = PeerCSMS(station, csms_port)
    else:
        database = fresh_postgres_url() if request.param == "cpms-postgres" else f"sqlite://{tmp_path / 'cpms.sqlite'}"
        csms = CpmsCSMS(tmp_path, station, csms_port, database, proxy, logs["cpms"])

    config = write_demo_station(tmp_path, modbus_port=modbus_port, api_port=api_port,
                                csms_url=f"ws://127.0.0.1:{proxy_port}/ocpp/{station}", station_id=station,
                                meter_interval_s=1, uplink_extra={"call_timeout_ms": 3000, "reconnect_max_ms": 8000})
    duration = cycles * 9 + 30
    (tmp_path / "scenario.yaml").write_text(scenario(duration))

    rig = Rig(tmp_path, station, cycles, api_port, proxy, config, csms, logs=logs)
    sim = None
    try:
        csms.start()
        sim = subprocess.Popen([BIN / "station-sim", "--config", config, "--scenario", tmp_path / "scenario.yaml", "--quiet"],
                               stdout=rig.logs["sim"], stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        wait_until(lambda: socket.create_connection(("127.0.0.1", modbus_port), timeout=1).close() or True, 15,
                   "station-sim to listen")
        rig.start_stationd()
        rig.started = time.time()
        rig.duration = duration
        rig.backend = request.param
        yield rig
    finally:
        for process in (rig.stationd, sim):
            if process and process.poll() is None:
                process.terminate()
        for process in (rig.stationd, sim):
            if process:
                try:
                    process.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    process.kill()
        csms.stop()
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
    elif kind == "restart-csms":
        rig.csms.restart(rng, outage)
    elif kind == "drop-link":
        rig.proxy.drop()
        time.sleep(outage)
        rig.proxy.heal()
    elif kind == "stall-link":
        rig.proxy.stall()
        time.sleep(outage + 2)
        rig.proxy.heal()
    elif kind == "abort-after-answer":
        # Each abort comes right after an answer: the station acknowledges, reads and writes its outbox again
        # while the connection dies under it. The next one hits the connection after that.
        rig.csms.abort_after_answers(rng.randint(2, 4), rng)
        try:
            wait_until(lambda: rig.csms.aborts_left() == 0, 60, "the aborts to happen")
        finally:
            rig.csms.abort_after_answers(0, rng)
    elif kind == "refuse-upgrades":
        count = rng.randint(2, 4)
        rig.csms.refuse_upgrades(count, rng.sample(REFUSALS, k=len(REFUSALS)))
        wait_until(lambda: rig.csms.refusals_left() == 0, 90, "the refusals to be served")
    elif kind == "internal-error":
        rig.csms.refuse_transaction_events(rng.randint(1, 2))
        time.sleep(outage)
    fault.end = time.time()
    return fault


def test_nothing_lost_or_duplicated_across_kills_restarts_aborts_and_refusals(rig):
    rng = random.Random(SEED)
    kinds = ["kill-stationd", "restart-csms", "drop-link", "stall-link", "abort-after-answer", "refuse-upgrades"]
    if rig.csms.independent:
        kinds.append("internal-error")
    plan = [kinds[i % len(kinds)] for i in range(rig.cycles)]
    rng.shuffle(plan)
    wait_until(lambda: (rig.station_status() or {}).get("uplink", {}).get("connected"), 60, "the station to connect")
    faults = []
    for kind in plan:
        time.sleep(rng.uniform(1.5, 4))
        faults.append(inject(rig, kind, rng))

    # Let the last cars leave, then wait for the outbox to drain into the CSMS.
    remaining = rig.started + rig.duration + 3 - time.time()
    if remaining > 0:
        time.sleep(remaining)

    last_status = {}

    def drained():
        status = rig.station_status() or {}
        last_status.update(status)
        uplink = status.get("uplink") or {}
        return uplink.get("connected") and uplink.get("queued") == 0 and not any(
            s.get("session") for s in status.get("sockets", []))
    wait_until(drained, 120, "the outbox to drain")

    transactions, problems, counts = rig.csms.transactions()
    visits = scenario(rig.duration).count("socket:")
    cuts = [f for f in faults if f.kind in CUTS]

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
        if times and times[-1] - times[0] > VISIT_S + 12:
            problems.append(f"{tx['transaction_id']}: lasted {times[-1] - times[0]:.1f} s for a {VISIT_S} s visit")
        energies = [e["energy_wh"] for e in events if e.get("energy_wh") is not None]
        if energies != sorted(energies):
            problems.append(f"{tx['transaction_id']}: energy register going backwards {energies}")
        for event, at in zip(events, times):
            offline_total += bool(event["offline"])
            in_cut = any(f.start + 1.5 < at < f.end for f in cuts)
            if in_cut and not event["offline"]:
                problems.append(f"{tx['transaction_id']} #{event['seq_no']} happened during a cut but is not offline")
            near_fault = any(f.start - 1 < at < f.end + 45 for f in faults)
            if event["offline"] and not near_fault:
                problems.append(f"{tx['transaction_id']} #{event['seq_no']} is offline though no fault was near")

    log = (rig.tmp / "stationd.log").read_text(errors="replace")
    if "within a transaction" in log:
        problems.append("the outbox was left inside a transaction (stationd.log)")
    outbox = (last_status.get("uplink") or {}).get("outbox") or {}
    if outbox.get("write_failing"):
        problems.append(f"the outbox's writes still fail: {outbox.get('last_error')}")

    report = {
        "csms": rig.backend, "cycles": len(faults), "by_kind": {k: plan.count(k) for k in kinds}, "car_visits": visits,
        "transactions": len(transactions), "transaction_events": events_total, "offline_events": offline_total,
        "outbox_write_failures_logged": log.count("write failed"), **counts, "problems": problems[:20],
    }
    (rig.tmp / "fault-report.json").write_text(json.dumps(report, indent=2))
    print("\nfault run:", json.dumps(report))
    assert not problems, "\n".join(problems[:20])
    assert len(transactions) == visits, f"{len(transactions)} transactions for {visits} car visits"
    assert offline_total > 0, "the faults produced no offline events: the test did not test"
