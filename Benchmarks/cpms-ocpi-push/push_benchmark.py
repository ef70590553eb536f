"""OCPI push latency: a socket's status change at the station to the EVSE PATCH received by the eMSP.

A real `cpms serve` (SQLite), PyPI extrawest-ocpi as the eMSP (Tests/Interop/ocpi_emsp_peer.py, which records the
time it answered each request), and OCPP 2.0.1 stations made with PyPI ocpp. Each station toggles its connector
between Available and Unavailable; each toggle's latency is the eMSP's record time of the PATCH carrying the new
status minus the time the station sent its StatusNotification (one machine, one clock). Prints p50, p99, max.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
import websockets
from ocpp.v201 import ChargePoint, call

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "Tests" / "Interop"))
from test_cpms_ocpi_push import Peer, Server, offline  # noqa: E402
import test_cpms_ocpi_push  # noqa: E402
import test_stationd_process  # noqa: E402


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


async def station_toggles(server, peer_base: str, station: str, password: str, changes: int, evse_uid: str, location_path: str,
                          latencies: list[float], seen: dict):
    ws = await websockets.connect(
        f"ws://127.0.0.1:{server.port}/ocpp/{station}", subprotocols=["ocpp2.0.1"], open_timeout=30,
        additional_headers={"Authorization": "Basic " + base64.b64encode(f"{station}:{password}".encode()).decode()})
    point = ChargePoint(station, ws, response_timeout=30)
    runner = asyncio.create_task(point.start())
    path = f"{location_path}/{evse_uid}"
    try:
        await point.call(call.BootNotification(charging_station={"model": "Bench", "vendor_name": "PyOCPP"}, reason="PowerUp"))
        await asyncio.sleep(0.5)
        last = 0.0
        for index in range(changes):
            status, expected = ("Unavailable", "INOPERATIVE") if index % 2 == 0 else ("Available", "AVAILABLE")
            # cpms keeps a connector's newest report by its timestamp: each one is later than the one before.
            sent = time.time()
            last = max(sent, last + 0.001)
            now = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(last)) + f".{int(last * 1000) % 1000:03d}Z"
            await point.call(call.StatusNotification(timestamp=now, connector_status=status, evse_id=1, connector_id=1))
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline:
                arrived = [r for r in seen.get(path, []) if r["time"] >= sent and json.loads(r["body"]).get("status") == expected]
                if arrived:
                    latencies.append(arrived[0]["time"] - sent)
                    break
                await asyncio.sleep(0.005)
            else:
                raise RuntimeError(f"{station}: no PATCH {expected} within 30 s")
    finally:
        runner.cancel()
        await ws.close()


async def watch(peer_base: str, seen: dict, stop: asyncio.Event):
    since = 0
    async with httpx.AsyncClient() as client:
        while not stop.is_set():
            answer = (await client.get(f"{peer_base}/peer/requests", params={"since": since}, timeout=10)).json()
            for request in answer["requests"]:
                seen.setdefault(request["path"].removeprefix("/ocpi/emsp/2.2.1/locations"), []).append(request)
            since += len(answer["requests"])
            await asyncio.sleep(0.003)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", required=True)
    parser.add_argument("--stations", type=int, default=4)
    parser.add_argument("--changes", type=int, default=100, help="status changes per station")
    arguments = parser.parse_args()
    bin_dir = Path(arguments.bin)
    test_cpms_ocpi_push.BIN = bin_dir
    test_stationd_process.BIN = bin_dir
    with tempfile.TemporaryDirectory() as directory:
        tmp = Path(directory)
        database = f"sqlite://{tmp / 'cpms.db'}"
        stations = [f"BENCH-{index}" for index in range(arguments.stations)]
        passwords = {s: offline("station", "add", s, database=database).split()[3] for s in stations}
        token = offline("token", "add", "bench", database=database).strip()
        peer = Peer(tmp)
        server = Server(database, tmp, token)
        try:
            server.cli("emsp", "register", "bench-emsp", "--versions-url", peer.versions_url, "--token-a", peer.token_a)
            uids = {}
            for index, station in enumerate(stations):
                server.cli("evse", "set", station, "1", "--standard", "IEC_62196_T2", "--power-type", "AC_3_PHASE", "--max-power", "22000")
                server.cli("location", "set", station, "--name", f"Bench {index}", "--address", "Markt 1", "--city", "Utrecht",
                           "--postal-code", "3511", "--country", "NLD", "--latitude", f"52.0907{index % 10}", "--longitude", "5.12142",
                           "--operator-name", "Stationmaster", "--parking-type", "ON_STREET")
                location = server.api("GET", f"/api/stations/{station}/location").json()
                uids[station] = f"DE*STM*E{location['evse_code']}*1"

            async def run():
                seen: dict = {}
                stop = asyncio.Event()
                watcher = asyncio.create_task(watch(peer.base, seen, stop))
                latencies: list[float] = []
                await asyncio.gather(*[
                    station_toggles(server, peer.base, s, passwords[s], arguments.changes, uids[s], f"/DE/STM/{s}", latencies, seen)
                    for s in stations])
                stop.set()
                await watcher
                return latencies

            latencies = asyncio.run(run())
            ms = [value * 1000 for value in latencies]
            print(f"{len(ms)} status changes over {len(stations)} stations: p50 {percentile(ms, 0.5):.1f} ms, "
                  f"p99 {percentile(ms, 0.99):.1f} ms, max {max(ms):.1f} ms, mean {statistics.mean(ms):.1f} ms")
        finally:
            server.stop()
            peer.stop()


if __name__ == "__main__":
    main()
