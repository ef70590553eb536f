"""GET /locations benchmark: cpms against PyPI extrawest-ocpi as a CPO serving the same Locations, in one run.

A real `cpms serve` (SQLite) with 2,000 stations x 4 EVSEs (one Type 2 connector each, a tariff assigned per
station) set up through its API, an eMSP registered through the credentials handshake; every Location it
publishes is then handed to extrawest-ocpi's CPO app (Tests/Interop/ocpi_cpo_peer.py, its own venv, uvicorn, one
worker), which serves them from memory. Both are walked with `GET .../locations?limit=100` (offsets 0, 100, ...
cyclically) by several concurrent keep-alive connections for a fixed time, without and with `date_from` (earlier
than every Location, so both walks answer the same pages). The client is a few lines of asyncio over raw sockets
(no JSON parsing, no HTTP library) so it costs little next to the servers. Prints requests/s, p50 and p99 per
server and walk, and cpms's ratio to extrawest; with --runs N, each run and the medians.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PREFIX = "LOC"
TARIFF = {
    "country_code": "DE", "party_id": "STM", "id": "BENCH-AC", "currency": "EUR",
    "elements": [{"price_components": [{"type": "ENERGY", "price": 0.39, "vat": 19, "step_size": 1}]}],
    "last_updated": "2026-01-01T00:00:00Z",
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port: int, process: subprocess.Popen, log: Path, timeout: float = 120):
    deadline = time.monotonic() + timeout
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            if time.monotonic() > deadline or process.poll() is not None:
                raise SystemExit(f"{process.args[0]} did not start; see {log}")
            time.sleep(0.1)


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, int(fraction * len(ordered) + 0.999999) - 1))]


class EMSPVersions(BaseHTTPRequestHandler):
    """Just enough of an eMSP for cpms to read its versions and details during the credentials handshake."""

    base = ""

    def do_GET(self):  # noqa: N802 - http.server's name
        if self.path.endswith("/versions"):
            data = [{"version": "2.2.1", "url": f"{self.base}/2.2.1"}]
        else:
            data = {"version": "2.2.1", "endpoints": [
                {"identifier": "locations", "role": "RECEIVER", "url": f"{self.base}/2.2.1/locations"}]}
        body = json.dumps({"data": data, "status_code": 1000, "timestamp": "2026-01-01T00:00:00Z"}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


class Server:
    def __init__(self, name: str, process: subprocess.Popen, log, port: int, path: str, token: str):
        self.name, self.process, self.log, self.port, self.path = name, process, log, port, path
        self.authorization = "Token " + base64.b64encode(token.encode()).decode()

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()


def start_cpms(binary: Path, work: Path, stations: int) -> tuple[Server, str, str]:
    database = f"sqlite://{work / 'cpms.db'}"

    def run(*args: str) -> str:
        done = subprocess.run([str(binary / "cpms"), *args, "--database", database], capture_output=True, text=True,
                              timeout=600, stdin=subprocess.DEVNULL)
        if done.returncode != 0:
            raise SystemExit(f"cpms {' '.join(args)}: {done.stderr}")
        return done.stdout

    (work / "password").write_text("locations-bench-" + os.urandom(6).hex() + "\n")
    run("station", "add", "--count", str(stations), "--prefix", PREFIX, "--password-file", str(work / "password"))
    token = run("token", "add", "bench").strip().split()[-1]
    (work / "tariff.json").write_text(json.dumps(TARIFF))
    run("tariff", "create", str(work / "tariff.json"))
    port = free_port()
    log_path = work / "cpms.log"
    log = open(log_path, "w")
    process = subprocess.Popen([str(binary / "cpms"), "serve", "--port", str(port), "--database", database, "--log-level", "warning"],
                               stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    wait_for_port(port, process, log_path)
    return Server("cpms", process, log, port, "/ocpi/2.2.1/locations", ""), token, f"http://127.0.0.1:{port}"


async def seed(base: str, token: str, stations: int, concurrency: int = 8):
    """Each station's location details, 4 EVSEs of one Type 2 connector each, and the tariff, through cpms's API."""
    ids = [f"{PREFIX}{index:04d}" for index in range(1, stations + 1)]
    calls: list[tuple[str, str, dict]] = []
    for number, station in enumerate(ids):
        calls.append(("PUT", f"/api/stations/{station}/location", {
            "name": f"Site {number}", "address": f"Markt {number + 1}", "city": "Utrecht", "postal_code": "3511",
            "country": "NLD", "coordinates": {"latitude": f"52.{number:05d}", "longitude": "5.12142"},
            "parking_type": "ON_STREET", "operator": {"name": "Stationmaster"}, "facilities": ["CAFE"],
            "opening_times": {"twentyfourseven": True}}))
        for evse in range(1, 5):
            calls.append(("PUT", f"/api/stations/{station}/evses/{evse}/connectors/1", {
                "standard": "IEC_62196_T2", "format": "SOCKET", "power_type": "AC_3_PHASE", "max_electric_power": 22000}))
        calls.append(("POST", f"/api/tariffs/{TARIFF['id']}/assignments", {"station": station}))
    queue: asyncio.Queue = asyncio.Queue()
    for call in calls:
        queue.put_nowait(call)

    def send(method: str, path: str, body: dict):
        request = urllib.request.Request(base + path, method=method, data=json.dumps(body).encode(),
                                         headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=120) as answer:
            answer.read()

    async def worker():
        while not queue.empty():
            method, path, body = queue.get_nowait()
            await asyncio.to_thread(send, method, path, body)

    await asyncio.gather(*(worker() for _ in range(concurrency)))


def register_emsp(base: str, token: str) -> str:
    """An eMSP registers with token A (cpms reads its versions from a small server here); its token C."""
    emsp = ThreadingHTTPServer(("127.0.0.1", 0), EMSPVersions)
    EMSPVersions.base = f"http://127.0.0.1:{emsp.server_address[1]}"
    threading.Thread(target=emsp.serve_forever, daemon=True).start()
    try:
        request = urllib.request.Request(f"{base}/api/emsps", method="POST", data=json.dumps({"name": "bench"}).encode(),
                                         headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
        token_a = json.loads(urllib.request.urlopen(request, timeout=60).read())["token_a"]
        credentials = {"token": "bench-emsp-token-b", "url": f"{EMSPVersions.base}/versions", "roles": [
            {"role": "EMSP", "party_id": "BEN", "country_code": "NL", "business_details": {"name": "Bench eMSP"}}]}
        request = urllib.request.Request(f"{base}/ocpi/2.2.1/credentials", method="POST", data=json.dumps(credentials).encode(),
                                         headers={"Authorization": "Token " + base64.b64encode(token_a.encode()).decode(),
                                                  "Content-Type": "application/json"})
        envelope = json.loads(urllib.request.urlopen(request, timeout=60).read())
        if envelope.get("status_code") != 1000:
            raise SystemExit(f"registration refused: {envelope}")
        return envelope["data"]["token"]
    finally:
        emsp.shutdown()


def every_location(base: str, token_c: str) -> list[dict]:
    locations, url = [], f"{base}/ocpi/2.2.1/locations?limit=100"
    while url:
        request = urllib.request.Request(url, headers={"Authorization": "Token " + base64.b64encode(token_c.encode()).decode()})
        with urllib.request.urlopen(request, timeout=120) as answer:
            locations += json.loads(answer.read())["data"]
            link = answer.headers.get("Link")
        url = link[1:link.index(">")] if link else None
    return locations


def start_extrawest(work: Path, python: str, locations: list[dict]) -> Server:
    (work / "locations.json").write_text(json.dumps(locations))
    port, token = free_port(), "cpo-peer-" + os.urandom(6).hex()
    log_path = work / "extrawest.log"
    log = open(log_path, "w")
    environment = {**os.environ, "OCPI_HOST": f"127.0.0.1:{port}", "PROTOCOL": "http", "PEER_TOKEN": token,
                   "LOCATIONS_FILE": str(work / "locations.json"), "PYTHONPATH": str(ROOT / "Tests" / "Interop")}
    process = subprocess.Popen([python, "-m", "uvicorn", "ocpi_cpo_peer:app", "--host", "127.0.0.1", "--port", str(port),
                                "--workers", "1", "--log-level", "warning", "--no-access-log"],
                               stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=environment)
    wait_for_port(port, process, log_path)
    return Server("extrawest-ocpi", process, log, port, "/ocpi/cpo/2.2.1/locations/", token)


async def read_response(reader: asyncio.StreamReader) -> int:
    """Reads one HTTP/1.1 answer (Content-Length or chunked); its status."""
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {line.split(":", 1)[0].strip().lower(): line.split(":", 1)[1].strip() for line in lines[1:] if ":" in line}
    if "content-length" in headers:
        await reader.readexactly(int(headers["content-length"]))
    elif headers.get("transfer-encoding", "").lower() == "chunked":
        while True:
            size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
            await reader.readexactly(size + 2)
            if size == 0:
                break
    return status


async def walk(server: Server, query: str, total: int, seconds: float, connections: int) -> dict:
    """`connections` keep-alive connections, each walking the pages in turn for `seconds`; latencies in ms."""
    latencies: list[float] = []
    offsets = list(range(0, total, 100))
    deadline = time.monotonic() + seconds

    async def connection(first: int):
        reader, writer = await asyncio.open_connection("127.0.0.1", server.port)
        index = first
        try:
            while time.monotonic() < deadline:
                target = f"{server.path}?offset={offsets[index % len(offsets)]}&limit=100{query}"
                request = (f"GET {target} HTTP/1.1\r\nHost: 127.0.0.1:{server.port}\r\n"
                           f"Authorization: {server.authorization}\r\n\r\n").encode()
                started = time.perf_counter()
                writer.write(request)
                status = await read_response(reader)
                latencies.append((time.perf_counter() - started) * 1000)
                if status != 200:
                    raise SystemExit(f"{server.name} answered HTTP {status} to {target}")
                index += 1
        finally:
            writer.close()

    started = time.monotonic()
    await asyncio.gather(*(connection(n * 7) for n in range(connections)))
    elapsed = time.monotonic() - started
    return {"requests": len(latencies), "rps": len(latencies) / elapsed, "p50": percentile(latencies, 0.5), "p99": percentile(latencies, 0.99)}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bin", required=True, type=Path, help="cpms's build directory")
    parser.add_argument("--stations", type=int, default=2000)
    parser.add_argument("--seconds", type=float, default=10, help="length of each measured walk")
    parser.add_argument("--connections", type=int, default=4)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--emsp-python", default=os.environ.get("OCPI_EMSP_PYTHON"))
    parser.add_argument("--keep", action="store_true", help="keep the work directory")
    arguments = parser.parse_args()
    if not arguments.emsp_python:
        raise SystemExit("--emsp-python or $OCPI_EMSP_PYTHON: extrawest-ocpi's venv")

    work = Path(tempfile.mkdtemp(prefix="bench-ocpi-locations-"))
    servers: list[Server] = []
    try:
        started = time.monotonic()
        cpms, api_token, base = start_cpms(arguments.bin, work, arguments.stations)
        servers.append(cpms)
        asyncio.run(seed(base, api_token, arguments.stations))
        token_c = register_emsp(base, api_token)
        cpms.authorization = "Token " + base64.b64encode(token_c.encode()).decode()
        locations = every_location(base, token_c)
        evses = sum(len(location["evses"]) for location in locations)
        print(f"seeded {len(locations)} locations, {evses} EVSEs in {time.monotonic() - started:.0f} s", flush=True)
        if len(locations) != arguments.stations or evses != 4 * arguments.stations:
            raise SystemExit("cpms did not publish every station")
        extrawest = start_extrawest(work, arguments.emsp_python, locations)
        servers.append(extrawest)

        # Earlier than every Location: the dated walk answers the same pages as the plain one.
        earliest = min(location["last_updated"] for location in locations)
        date_from = "&date_from=2000-01-01T00:00:00Z" if earliest > "2000" else ""
        walks = [("plain", ""), ("date_from", date_from)]
        results: dict[tuple[str, str], list[dict]] = {}
        for run in range(1, arguments.runs + 1):
            for server in (cpms, extrawest):
                for name, query in walks:
                    asyncio.run(walk(server, query, len(locations), 1, 2))  # warm-up
                    figures = asyncio.run(walk(server, query, len(locations), arguments.seconds, arguments.connections))
                    results.setdefault((server.name, name), []).append(figures)
                    print(f"run {run}  {server.name:15} {name:9}  {figures['rps']:8.1f} requests/s  p50 {figures['p50']:7.1f} ms"
                          f"  p99 {figures['p99']:7.1f} ms  ({figures['requests']} requests)", flush=True)

        print(f"\nmedians of {arguments.runs} run(s), {arguments.connections} connections, {arguments.seconds:.0f} s each, "
              f"GET locations?limit=100 over {len(locations)} Locations:")
        medians = {key: {figure: statistics.median(run[figure] for run in runs) for figure in ("rps", "p50", "p99")}
                   for key, runs in results.items()}
        for (server, name), figures in medians.items():
            print(f"  {server:15} {name:9}  {figures['rps']:8.1f} requests/s  p50 {figures['p50']:7.1f} ms  p99 {figures['p99']:7.1f} ms")
        for name, _ in walks:
            ratio = medians[("cpms", name)]["rps"] / medians[("extrawest-ocpi", name)]["rps"]
            print(f"  cpms / extrawest-ocpi requests/s, {name}: {ratio:.1f}x")
    finally:
        for server in servers:
            server.stop()
        if arguments.keep:
            print(f"work directory: {work}")
        else:
            subprocess.run(["rm", "-rf", str(work)])


if __name__ == "__main__":
    sys.exit(main())
