"""ReserveNow latency of cpms's calendar scheduler: B bookings starting in the same minute across S stations.

A real `cpms serve` (SQLite, 60 s calendar slots) and S OCPP 2.0.1 stations written with the PyPI `ocpp`
library (one WebSocket each, in this process). The EVSEs are described and the bookings made through cpms's
API before the slot; each station notes the wall time at which a ReserveNow reaches it and answers Accepted.
Prints, per run, the delay from the slot's start to each ReserveNow's arrival: p50, p99 and the largest.
"""
from __future__ import annotations

import argparse
import asyncio
import base64
import json
import math
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import datetime, timezone
from pathlib import Path

import websockets
from ocpp.routing import on
from ocpp.v201 import ChargePoint, call, call_result
from ocpp.v201.enums import Action

SLOT_S = 60
PREFIX = "RSV-"


def iso(instant: float) -> str:
    return datetime.fromtimestamp(instant, timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Station(ChargePoint):
    def __init__(self, *args, arrivals: list, **kwargs):
        super().__init__(*args, **kwargs)
        self.arrivals = arrivals

    @on(Action.reserve_now)
    def on_reserve_now(self, id, expiry_date_time, id_token, evse_id=None, **_):
        self.arrivals.append((time.time(), self.id, evse_id, id))
        return call_result.ReserveNow(status="Accepted")


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, math.ceil(fraction * len(ordered)) - 1))]


class Cpms:
    def __init__(self, binary: Path, work: Path, stations: int, log_level: str):
        self.binary, self.work = binary, work
        self.port = free_port()
        self.database = f"sqlite://{work / 'cpms.db'}"
        self.password = "reservation-bench-" + os.urandom(6).hex()
        (work / "password").write_text(self.password + "\n")
        self.run("station", "add", "--count", str(stations), "--prefix", PREFIX, "--password-file", str(work / "password"))
        self.token = self.run("token", "add", "bench").strip().split()[-1]
        self.log = open(work / "cpms.log", "w")
        self.process = subprocess.Popen(
            [str(binary), "serve", "--host", "127.0.0.1", "--port", str(self.port), "--database", self.database,
             "--calendar-slot-step", str(SLOT_S), "--log-level", log_level],
            stdout=self.log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while True:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline or self.process.poll() is not None:
                    raise SystemExit(f"cpms did not start; see {work / 'cpms.log'}")
                time.sleep(0.1)

    def run(self, *args: str) -> str:
        done = subprocess.run([str(self.binary), *args, "--database", self.database], capture_output=True, text=True,
                              timeout=120, stdin=subprocess.DEVNULL)
        if done.returncode != 0:
            raise SystemExit(f"cpms {' '.join(args)}: {done.stderr}")
        return done.stdout

    def api(self, method: str, path: str, body: dict) -> dict:
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.port}/api/{path}", method=method, data=json.dumps(body).encode(),
            headers={"Authorization": f"Bearer {self.token}", "Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=60) as response:
            return json.loads(response.read() or b"null")

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()


async def one_run(cpms: Cpms, run: int, stations: int, bookings: int, lead_s: float) -> list[float]:
    names = [f"{PREFIX}{i:04d}" for i in range(1, stations + 1)]
    per_station = math.ceil(bookings / stations)
    arrivals: list = []
    connected = []
    for name in names:
        ws = await websockets.connect(
            f"ws://127.0.0.1:{cpms.port}/ocpp/{name}", subprotocols=["ocpp2.0.1"],
            additional_headers={"Authorization": "Basic " + base64.b64encode(f"{name}:{cpms.password}".encode()).decode()},
            open_timeout=30, max_queue=None)
        station = Station(name, ws, arrivals=arrivals, response_timeout=30)
        task = asyncio.create_task(station.start())
        boot = await station.call(call.BootNotification(
            charging_station={"model": "ReservationBench", "vendor_name": "PyOCPP"}, reason="PowerUp"))
        assert boot.status == "Accepted", boot
        connected.append((ws, task))

    # The slot: the next minute at least `lead_s` away, so every booking is stored before it starts.
    slot = math.ceil((time.time() + lead_s) / SLOT_S) * SLOT_S
    made = 0
    loop = asyncio.get_running_loop()
    for index in range(bookings):
        name = names[index % stations]
        evse = index // stations + 1
        body = {"id": f"R{run}-{index:04d}", "station": name, "evse_id": evse, "start": iso(slot), "end": iso(slot + SLOT_S),
                "token": {"uid": f"TOKEN-{index:04d}", "type": "APP_USER", "contract_id": f"NL-TNM-C{index:08d}", "emsp": "NL*TNM"}}
        await loop.run_in_executor(None, cpms.api, "POST", "calendar/bookings", body)
        made += 1
    if time.time() >= slot:
        raise SystemExit(f"booking took past the slot's start; raise --lead (now {lead_s} s)")
    print(f"run {run}: {made} bookings on {stations} stations ({per_station} EVSEs each) start at {iso(slot)}; "
          f"waiting {slot - time.time():.0f} s", flush=True)

    deadline = slot + 60
    while len(arrivals) < bookings and time.time() < deadline:
        await asyncio.sleep(0.05)
    for ws, task in connected:
        await ws.close()
        task.cancel()
    delays = [at - slot for at, *_ in arrivals]
    if len(delays) < bookings:
        print(f"run {run}: only {len(delays)} of {bookings} ReserveNow arrived within 60 s", flush=True)
    return delays


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bin", required=True, type=Path, help="directory holding cpms")
    parser.add_argument("--stations", type=int, default=50)
    parser.add_argument("--bookings", type=int, default=200)
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--lead", type=float, default=30, help="seconds at least between the last booking and the slot")
    parser.add_argument("--log-level", default="warning")
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    if not (1 <= args.stations <= 1000 and 1 <= args.bookings <= 100 * args.stations and 1 <= args.runs <= 20):
        parser.error("--stations 1...1000, --bookings 1...100 per station, --runs 1...20")

    work = Path(tempfile.mkdtemp(prefix="bench-cpms-reservations."))
    cpms = Cpms(args.bin / "cpms", work, args.stations, args.log_level)
    results = []
    try:
        names = [f"{PREFIX}{i:04d}" for i in range(1, args.stations + 1)]
        per_station = math.ceil(args.bookings / args.stations)
        for name in names:
            for evse in range(1, per_station + 1):
                cpms.api("PUT", f"stations/{name}/evses/{evse}/connectors/1",
                         {"standard": "IEC_62196_T2", "power_type": "AC_3_PHASE", "max_electric_power": 22000})
        for run in range(1, args.runs + 1):
            # Each run books the same EVSEs for a later minute (an earlier run's bookings last one minute).
            delays = asyncio.run(one_run(cpms, run, args.stations, args.bookings, args.lead))
            if delays:
                p50, p99 = percentile(delays, 0.50), percentile(delays, 0.99)
                results.append((p50, p99, max(delays), len(delays)))
                print(f"run {run}: {len(delays)} ReserveNow received; after the slot's start p50 {p50 * 1000:.0f} ms, "
                      f"p99 {p99 * 1000:.0f} ms, max {max(delays) * 1000:.0f} ms, first {min(delays) * 1000:.0f} ms", flush=True)
    finally:
        cpms.stop()
        if args.keep:
            print(f"work directory kept: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    if len(results) > 1:
        print(f"median of {len(results)} runs: p50 {statistics.median(r[0] for r in results) * 1000:.0f} ms, "
              f"p99 {statistics.median(r[1] for r in results) * 1000:.0f} ms")
    return 0 if results and all(r[3] == args.bookings for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
