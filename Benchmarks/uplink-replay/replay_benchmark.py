"""Replay after an outage: an outbox holding N queued TransactionEvents (written offline), then stationd connects
to cpms and sends them all, in order, each after the previous one's answer. Reports the replay rate.

Run through scripts/bench-uplink-replay, which builds the release binaries first."""
from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
STATION = "DEMO-001"
PASSWORD = "demo-password-0001"
EVENTS_PER_TRANSACTION = 20


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def iso(t: datetime) -> str:
    return t.strftime("%Y-%m-%dT%H:%M:%S.") + f"{t.microsecond // 1000:03d}Z"


def write_outbox(path: Path, events: int):
    """The outbox stationd would have written during a long outage (same schema, same payloads)."""
    db = sqlite3.connect(path)
    db.executescript("""
        PRAGMA journal_mode = WAL;
        CREATE TABLE outbox (seq INTEGER PRIMARY KEY AUTOINCREMENT, action TEXT NOT NULL, payload TEXT NOT NULL,
                             kind INTEGER NOT NULL, created_at REAL NOT NULL);
        CREATE TABLE open_transactions (id TEXT PRIMARY KEY, record TEXT NOT NULL);
        CREATE TABLE dead_letters (seq INTEGER PRIMARY KEY, action TEXT NOT NULL, payload TEXT NOT NULL,
                                   error TEXT NOT NULL, set_aside_at REAL NOT NULL);
    """)
    start = datetime.now(timezone.utc) - timedelta(days=2)
    rows = []
    for n in range(events):
        tx, seq = divmod(n, EVENTS_PER_TRANSACTION)
        at = start + timedelta(seconds=n)
        kind = "Started" if seq == 0 else "Ended" if seq == EVENTS_PER_TRANSACTION - 1 else "Updated"
        payload = {
            "eventType": kind, "timestamp": iso(at), "seqNo": seq, "offline": True,
            "triggerReason": {"Started": "CablePluggedIn", "Ended": "EVCommunicationLost"}.get(kind, "MeterValuePeriodic"),
            "transactionInfo": {"transactionId": f"replay-{tx:06d}"},
            "meterValue": [{"timestamp": iso(at), "sampledValue": [
                {"value": 1000.0 + seq * 30.5, "context": "Sample.Periodic", "measurand": "Energy.Active.Import.Register",
                 "unitOfMeasure": {"unit": "Wh"}}]}],
        }
        if kind != "Updated":
            payload["evse"] = {"id": 1 + tx % 2, "connectorId": 1}
        if kind == "Ended":
            payload["transactionInfo"]["stoppedReason"] = "EVDisconnected"
        rows.append(("TransactionEvent", json.dumps(payload, separators=(",", ":")), 0, at.timestamp()))
    db.executemany("INSERT INTO outbox (action, payload, kind, created_at) VALUES (?, ?, ?, ?)", rows)
    db.commit()
    db.close()


def wait_port(port: int, timeout: float):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    raise SystemExit(f"nothing listens on {port} after {timeout} s")


def status(api_port: int) -> dict:
    """stationd's local API straight from Python: starting stationctl four times a second would take CPU from
    the two processes being measured."""
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{api_port}/api/status", timeout=5) as response:
            return json.loads(response.read())
    except (OSError, ValueError):
        return {}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--database", default="", help="cpms database URL (default: SQLite in the work directory)")
    parser.add_argument("--bin", default=str(ROOT / ".build" / "release"))
    parser.add_argument("--timeout", type=float, default=600)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    bin_dir = Path(args.bin)
    work = Path(tempfile.mkdtemp(prefix="bench-uplink-replay."))
    processes: list[subprocess.Popen] = []
    try:
        modbus_port, api_port, cpms_port = free_port(), free_port(), free_port()
        database = args.database or f"sqlite://{work / 'cpms.sqlite'}"
        (work / "password").write_text(PASSWORD + "\n")
        run = lambda *a: subprocess.run([str(x) for x in a], check=True, capture_output=True, text=True, timeout=120)
        run(bin_dir / "cpms", "station", "add", STATION, "--password-file", work / "password", "--database", database)

        (work / "stations").mkdir()
        shutil.copytree(ROOT / "firmware-config" / "devices", work / "devices")
        text = (ROOT / "firmware-config" / "stations" / "demo.yaml").read_text()
        text = text.replace("port: 5020", f"port: {modbus_port}").replace("port: 8181", f"port: {api_port}")
        text = text.replace("ws://127.0.0.1:8180/ocpp/DEMO-001", f"ws://127.0.0.1:{cpms_port}/ocpp/{STATION}")
        text = text.replace("../../.stationmaster/demo/outbox.sqlite", str(work / "outbox.sqlite"))
        text = text.replace("meter_interval_s: 10", "meter_interval_s: 3600")
        (work / "stations" / "demo.yaml").write_text(text)
        (work / "scenario.yaml").write_text("base_load_w: 3000\nbattery: { soc_pct: 60 }\nevs: []\n")

        started = time.monotonic()
        write_outbox(work / "outbox.sqlite", args.events)
        print(f"outbox with {args.events} TransactionEvents written in {time.monotonic() - started:.1f} s", flush=True)

        log = lambda name: open(work / f"{name}.log", "w")
        processes.append(subprocess.Popen([bin_dir / "cpms", "serve", "--host", "127.0.0.1", "--port", str(cpms_port),
                                           "--database", database], stdout=log("cpms"), stderr=subprocess.STDOUT))
        wait_port(cpms_port, 60)
        processes.append(subprocess.Popen([bin_dir / "station-sim", "--config", work / "stations" / "demo.yaml",
                                           "--scenario", work / "scenario.yaml", "--quiet"],
                                          stdout=log("sim"), stderr=subprocess.STDOUT))
        wait_port(modbus_port, 30)
        launched = time.monotonic()
        processes.append(subprocess.Popen([bin_dir / "stationd", "--config", work / "stations" / "demo.yaml"],
                                          stdout=log("stationd"), stderr=subprocess.STDOUT))
        connected_at = None
        samples = []
        while time.monotonic() - launched < args.timeout:
            s = status(api_port).get("uplink") or {}
            now = time.monotonic()
            if s.get("connected") and connected_at is None:
                connected_at = now
            if connected_at is not None:
                samples.append((now - connected_at, s.get("queued")))
                if s.get("queued", args.events) <= 5:  # the station's own status messages may trail
                    break
            time.sleep(0.25)
        else:
            print(f"timed out; last samples {samples[-3:]}", file=sys.stderr)
            return 1
        elapsed = samples[-1][0]
        result = {"events": args.events, "database": database.split("://")[0], "seconds": round(elapsed, 2),
                  "events_per_second": round(args.events / elapsed)}
        print(json.dumps(result))
        return 0
    finally:
        for process in reversed(processes):
            process.send_signal(signal.SIGTERM)
        for process in reversed(processes):
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
        if args.keep:
            print(f"work directory: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
