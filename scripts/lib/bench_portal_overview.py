"""Seeds a cpms database for the portal overview benchmark and measures the overview against `cpms serve`.

`seed DB N`: N registered stations (bench-0001...) get two sockets, a day of meter values (the grid meter, EVSE 0,
every 5 minutes with its import register; each socket every 15 minutes), a day of battery telemetry (every 15
minutes) and today's past windows of a supply plan (every station its own group, as cpms plans stations in no
group). `measure BASE NAME PASSWORD REQUESTS WARMUP` signs in, waits until the supply service has planned every
station, and times GET /portal/overview.json and GET /portal/ on loopback. Standard library only.
"""
from __future__ import annotations

import http.cookiejar
import json
import re
import sqlite3
import statistics
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from datetime import datetime, timedelta, timezone


def stamp(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.000Z")


def seed(database: str, stations: int) -> None:
    now = datetime.now(timezone.utc).replace(microsecond=0)
    aligned = now.replace(minute=now.minute - now.minute % 5, second=0)
    window = now.replace(minute=now.minute - now.minute % 15, second=0)
    day = now.replace(hour=0, minute=0, second=0)
    ids = [f"bench-{n:04d}" for n in range(1, stations + 1)]
    db = sqlite3.connect(database)
    db.execute("PRAGMA journal_mode=WAL")
    with db:
        db.executemany(
            "INSERT INTO evse_status (station, evse, connector, status, socket, updated_at) VALUES (?, ?, 1, ?, ?, ?)",
            [(sid, evse, "Occupied" if (n + evse) % 3 == 0 else "Available", "AB"[evse - 1], stamp(now))
             for n, sid in enumerate(ids) for evse in (1, 2)])
        rows = []
        for n, sid in enumerate(ids):
            register = 10_000_000.0 + n * 1000
            moment = aligned - timedelta(hours=24)
            while moment <= now:
                power = 3000.0 + (n * 37 + moment.minute * 11) % 9000
                register += power * 300 / 3600
                rows.append((sid, 0, stamp(moment), register, power))
                if moment.minute % 15 == 0:
                    for evse in (1, 2):
                        rows.append((sid, evse, stamp(moment), None, float((n + evse * 13) % 11) * 1000))
                moment += timedelta(minutes=5)
        db.executemany(
            "INSERT INTO meter_values (station, evse, \"timestamp\", sampled_values, energy_wh, power_w, received_at) "
            "VALUES (?, ?, ?, '[]', ?, ?, ?)", [(*row[:3], row[3], row[4], row[2]) for row in rows])
        battery = []
        for n, sid in enumerate(ids):
            moment = aligned - timedelta(hours=24)
            while moment <= now:
                battery.append((sid, stamp(moment), 20 + (n + moment.hour * 7) % 75, -3000 + (n * 17) % 6000, stamp(moment)))
                moment += timedelta(minutes=15)
        db.executemany(
            "INSERT INTO battery_telemetry (station, \"timestamp\", soc_percent, power_w, setpoint_w, mode, quality, received_at) "
            "VALUES (?, ?, ?, ?, ?, 'peak-shaving', 'fresh', ?)", [(*b[:4], b[3], b[4]) for b in battery])
        # What cpms's ingest keeps beside the readings: each EVSE's and battery's latest (migration 17).
        db.execute(
            "INSERT INTO latest_meter_values (station, evse, \"timestamp\", energy_wh, power_w) "
            "SELECT station, evse, \"timestamp\", energy_wh, power_w FROM meter_values m WHERE \"timestamp\" = "
            "(SELECT MAX(\"timestamp\") FROM meter_values x WHERE x.station = m.station AND x.evse = m.evse)")
        db.execute(
            "INSERT INTO latest_battery_telemetry (station, \"timestamp\", soc_percent, power_w) "
            "SELECT station, \"timestamp\", soc_percent, power_w FROM battery_telemetry b WHERE \"timestamp\" = "
            "(SELECT MAX(\"timestamp\") FROM battery_telemetry x WHERE x.station = b.station)")
        plan = []
        for n, sid in enumerate(ids):
            start = day
            while start < window:
                dso, price = ("grid", "0.2412") if (n + start.hour) % 2 else ("green", "0.2650")
                plan.append((sid, stamp(start), dso, price, stamp(start)))
                start += timedelta(minutes=15)
        db.executemany(
            "INSERT INTO supply_plan (grp, window_start, dso, price, currency, cap_w, quality, reasons_json, planned_at) "
            "VALUES (?, ?, ?, ?, 'EUR', 22000, 'fresh', '[\"seeded\"]', ?)", plan)
    print(f"seeded {stations} stations: {len(rows)} meter values, {len(battery)} battery rows, {len(plan)} past plan windows")


def dsos(stations: int) -> list[dict]:
    groups = [f"bench-{n:04d}" for n in range(1, stations + 1)]
    def dso(ident: str, name: str, price: float, share: int) -> dict:
        return {"id": ident, "name": name,
                "contract": {"groups": groups, "capacityW": 22000 * stations, "currency": "EUR", "surchargePerKWh": 0.04,
                             "fallbackPricePerKWh": 0.35,
                             "energyMix": {"is_green_energy": share > 50,
                                           "energy_sources": [{"source": "WIND", "percentage": share},
                                                              {"source": "GAS", "percentage": 100 - share}]}},
                "feeds": [{"kind": "tou", "timeZone": "UTC", "periods": [{"from": "00:00", "to": "24:00", "pricePerKWh": price}]}]}
    return [dso("grid", "Grid Co", 0.20, 30), dso("green", "Green Power", 0.22, 90)]


def register_dsos(base: str, token: str, stations: int) -> None:
    for body in dsos(stations):
        request = urllib.request.Request(base + "/api/dsos", data=json.dumps(body).encode(), method="POST")
        request.add_header("Content-Type", "application/json")
        request.add_header("Authorization", f"Bearer {token}")
        with urllib.request.urlopen(request, timeout=60) as response:
            assert response.status in (200, 201), response.status


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(fraction * len(ordered) + 0.5) - 1))]


def measure(base: str, name: str, password: str, requests: int, warmup: int) -> None:
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)
    page = opener.open(base + "/portal/login", timeout=60).read().decode()
    csrf = re.search(r'name="_csrf" value="([^"]+)"', page).group(1)
    form = urllib.parse.urlencode({"name": name, "password": password, "_csrf": csrf, "next": "/portal/"}).encode()
    try:
        opener.open(base + "/portal/login", data=form, timeout=60)
    except urllib.error.HTTPError as error:
        assert error.code == 303, f"login answered {error.code}"

    def get(path: str) -> tuple[float, bytes]:
        started = time.perf_counter()
        body = opener.open(base + path, timeout=120).read()
        return (time.perf_counter() - started) * 1000, body

    first, body = get("/portal/overview.json")
    print(f"first /portal/overview.json (computes today's totals): {first:.1f} ms")
    deadline = time.monotonic() + 300
    while True:
        cards = json.loads(body)["stations"]
        unplanned = sum(1 for card in cards if card["purchase"].startswith("No supply plan"))
        if unplanned == 0:
            break
        if time.monotonic() > deadline:
            sys.exit(f"the supply service has not planned {unplanned} stations after 300 s")
        time.sleep(1)
        _, body = get("/portal/overview.json")
    print(f"{len(cards)} stations planned; e.g. {cards[0]['id']}: {cards[0]['purchase']} | {cards[0]['energyCost']} | "
          f"{cards[0]['grid']} | {cards[0]['battery']}".replace("\u00a0", " "))
    for path in ("/portal/overview.json", "/portal/"):
        for _ in range(warmup):
            get(path)
        times, size = [], 0
        for _ in range(requests):
            elapsed, body = get(path)
            times.append(elapsed)
            size = len(body)
        print(f"{path}: {requests} requests, {size / 1024:.0f} kB: p50 {statistics.median(times):.1f} ms, "
              f"p95 {percentile(times, 0.95):.1f} ms, max {max(times):.1f} ms")


if __name__ == "__main__":
    command = sys.argv[1]
    if command == "seed":
        seed(sys.argv[2], int(sys.argv[3]))
    elif command == "dsos":
        register_dsos(sys.argv[2], sys.argv[3], int(sys.argv[4]))
    elif command == "measure":
        measure(sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]), int(sys.argv[6]))
    else:
        sys.exit(f"unknown command {command}")
