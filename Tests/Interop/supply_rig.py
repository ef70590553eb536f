"""The energy-supply rig shared by the end-to-end supply test and scripts/bench-supply-latency: the real
`cpms serve` (SQLite), the real stationd with its uplink to cpms, station-sim with a battery and a base load,
and a DSO's JSON price feed served by the test on 127.0.0.1 whose prices are placed relative to now.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Callable

from conftest import REPO_ROOT
from demo_station import write_demo_station
from test_stationd_process import BIN, free_port, wait_until

HERE = Path(__file__).resolve().parent
WINDOW_S = 900
STATION = "SUP-001"
PASSWORD = "supply-password-001"


def iso(instant: float) -> str:
    return datetime.fromtimestamp(instant, timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse(text: str) -> float:
    return datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()


def current_window(now: float | None = None) -> float:
    """The start of the 15-minute UTC window `now` is in."""
    now = time.time() if now is None else now
    return now - now % WINDOW_S


def run(args, **kwargs) -> str:
    done = subprocess.run([str(a) for a in args], capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL,
                          **kwargs)
    assert done.returncode == 0, f"{args}: {done.stdout}{done.stderr}"
    return done.stdout


class PriceFeed:
    """The DSO's JSON feed (docs/energy-supply.md): `prices(now)` gives the price per window from the current
    window on, computed at each request, so the feed stays "relative to now" however long the test runs.
    `fail()` makes every request an HTTP 500 from then on."""

    def __init__(self, currency: str = "EUR"):
        self.currency = currency
        self.prices: Callable[[float], list[float]] = lambda now: []
        self.failing = False
        self.requests = 0
        feed = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 - http.server's name
                feed.requests += 1
                if feed.failing:
                    self.send_response(500)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                body = json.dumps(feed.document(time.time())).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/prices.json"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def document(self, now: float) -> dict:
        start = current_window(now)
        return {"currency": self.currency, "intervals": [
            {"start": iso(start + i * WINDOW_S), "end": iso(start + (i + 1) * WINDOW_S), "price_per_kwh": price,
             "renewable_share": 0.5}
            for i, price in enumerate(self.prices(now))]}

    def publish(self, prices: Callable[[float], list[float]]):
        self.prices = prices
        self.failing = False

    def fail(self):
        self.failing = True

    def close(self):
        self.server.shutdown()
        self.server.server_close()


class Cpms:
    """`cpms serve` with SQLite, the station registered and an API token."""

    def __init__(self, tmp_path: Path, log, extra_args: list[str] | None = None):
        self.port, self.log = free_port(), log
        self.database = f"sqlite://{tmp_path / 'cpms.sqlite'}"
        self.extra_args = extra_args or []
        (tmp_path / "password").write_text(PASSWORD + "\n")
        run([BIN / "cpms", "station", "add", STATION, "--password-file", tmp_path / "password", "--database", self.database])
        self.token = run([BIN / "cpms", "token", "add", "supply-test", "--database", self.database]).strip().split()[-1]
        self.process: subprocess.Popen | None = None

    def start(self):
        self.process = subprocess.Popen(
            [BIN / "cpms", "serve", "--host", "127.0.0.1", "--port", str(self.port), "--database", self.database,
             "--log-level", "info", *self.extra_args],
            stdout=self.log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        wait_until(lambda: socket.create_connection(("127.0.0.1", self.port), timeout=1).close() or True, 60, "cpms to listen")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)

    def api(self, method: str, path: str, body: object | None = None) -> tuple[int, object]:
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.port}/api/{path}", method=method,
            data=None if body is None else json.dumps(body).encode(),
            headers={"Authorization": f"Bearer {self.token}", "Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                return response.status, json.loads(response.read() or b"null")
        except urllib.error.HTTPError as error:
            return error.code, json.loads(error.read() or b"null")


class Station:
    """station-sim (battery, base load, slow devices) and stationd with its uplink to cpms."""

    SCENARIO = (
        "base_load_w: {base_load}\n"
        "battery: {{ soc_pct: {soc} }}\n"
        "devices:\n"
        "  - {{ device: battery, response_delay_s: 2, ramp_w_per_s: 3000, noise_pct: 1 }}\n"
        "  - {{ device: grid_meter, update_interval_ms: 1000, latency_ms: 200, noise_w: 30 }}\n")

    def __init__(self, tmp_path: Path, cpms_port: int, logs: dict, base_load_w: int = 6000, soc_pct: int = 50):
        self.tmp, self.logs = tmp_path, logs
        self.modbus_port, self.api_port = free_port(), free_port()
        self.config = write_demo_station(
            tmp_path, modbus_port=self.modbus_port, api_port=self.api_port,
            csms_url=f"ws://127.0.0.1:{cpms_port}/ocpp/{STATION}", station_id=STATION, meter_interval_s=2,
            uplink_extra={"reconnect_max_ms": 2000})
        self.config.write_text(self.config.read_text().replace("password: demo-password-0001", f"password: {PASSWORD}"))
        (tmp_path / "scenario.yaml").write_text(self.SCENARIO.format(base_load=base_load_w, soc=soc_pct))
        self.processes: dict[str, subprocess.Popen] = {}

    def start(self):
        self.processes["sim"] = subprocess.Popen(
            [BIN / "station-sim", "--config", self.config, "--scenario", self.tmp / "scenario.yaml", "--quiet"],
            stdout=self.logs["sim"], stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        wait_until(lambda: socket.create_connection(("127.0.0.1", self.modbus_port), timeout=1).close() or True, 30,
                   "station-sim to listen")
        self.processes["stationd"] = subprocess.Popen(
            [BIN / "stationd", "--config", self.config], stdout=self.logs["stationd"], stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL)
        wait_until(lambda: self.status()["uplink"]["connected"], 60, "stationd to connect to cpms")

    def status(self) -> dict:
        done = subprocess.run([BIN / "stationctl", "status", "--json", "--api", f"http://127.0.0.1:{self.api_port}"],
                              capture_output=True, text=True, timeout=20, stdin=subprocess.DEVNULL)
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout)

    def stop(self):
        for name in ("stationd", "sim"):
            process = self.processes.get(name)
            if process and process.poll() is None:
                process.terminate()
        for process in self.processes.values():
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()


class OpenADRVTN:
    """PyPI openleadr as the DSO's OpenADR 2.0b VTN (Tests/Interop/openadr_vtn.py in its own venv,
    $OPENADR_VTN_PYTHON) with its control API for adding price events."""

    def __init__(self, tmp_path: Path):
        self.tmp, self.port = tmp_path, free_port()
        self.process: subprocess.Popen | None = None

    def start(self):
        python = os.environ.get("OPENADR_VTN_PYTHON") or str(REPO_ROOT / ".venv-openadr" / "bin" / "python")
        with open(self.tmp / "vtn.log", "w") as log:
            self.process = subprocess.Popen([python, str(HERE / "openadr_vtn.py"), str(self.port)], stdout=subprocess.PIPE,
                                            stderr=log, text=True)
        # openleadr prints a banner on stdout before the script's READY.
        for line in self.process.stdout:
            if line.strip() == "READY":
                return
        raise AssertionError(f"the VTN did not start: {(self.tmp / 'vtn.log').read_text()[-2000:]}")

    def control(self, method: str, path: str, body: dict | None = None):
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.port}/control/{path}", method=method,
            data=None if body is None else json.dumps(body).encode(), headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.loads(response.read() or b"null")

    def wait_for_poll(self):
        wait_until(lambda: any(m["message"] == "oadrPoll" for m in self.control("GET", "state")["messages"]), 60,
                   "cpms to register with the VTN and poll")

    def price_event(self, event_id: str, start: float, prices: list[list[float]]) -> float:
        """Adds an ELECTRICITY_PRICE event (EUR per kWh) from `start`, `prices` as [minutes, price] pairs;
        returns when the VTN added it (unix time)."""
        return self.control("POST", "price", {"event_id": event_id, "start": iso(start), "currency": "EUR",
                                              "prices": prices})["added_at"]

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        if self.process and self.process.stdout:
            self.process.stdout.close()


def openadr_dso(vtn_port: int, poll_s: float = 0.5) -> dict:
    """A DSO for the station's group whose prices come from the VTN, polled every `poll_s`."""
    return {
        "id": "dso-adr", "name": "DSO via OpenADR",
        "contract": {"groups": [STATION], "capacityW": 100_000, "currency": "EUR", "surchargePerKWh": 0,
                     "fallbackPricePerKWh": 0.3, "forecastBoundSeconds": 86_400},
        "feeds": [{"kind": "openadr", "vtnURL": f"http://127.0.0.1:{vtn_port}", "venName": "cpms-e2e",
                   "pollIntervalSeconds": poll_s}],
    }
