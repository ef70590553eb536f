"""No descriptor leaks on stationd's connection paths: a CSMS that refuses the WebSocket upgrade (401, 403,
404, 503, closing or keeping the socket open), resets the connection before or after the request, answers
garbage or nothing at all, or a `wss://` CSMS whose TLS handshake fails. stationd reconnects every ~0.1 s
(`reconnect_max_ms: 100`, a stuck handshake ends after `call_timeout_ms: 1000`); its open descriptors (/proc/PID/fd) must stay flat within 2 over the attempts.
REFUSAL_COUNT (default 500) sets the number of refused upgrades, TLS_FAILURE_COUNT (default 150) the failed
TLS handshakes."""
from __future__ import annotations

import asyncio
import json
import os
import socket
import subprocess
import threading
import time
from pathlib import Path

import pytest

from demo_station import write_demo_station
from test_stationd_process import BIN, free_port, wait_until

REFUSAL_COUNT = int(os.environ.get("REFUSAL_COUNT", "500"))
TLS_FAILURE_COUNT = int(os.environ.get("TLS_FAILURE_COUNT", "150"))
WARM_UP = 20
HTTP_REFUSALS = [(401, "Unauthorized"), (403, "Forbidden"), (404, "Not Found"), (503, "Service Unavailable")]


class RefusingServer:
    """Accepts TCP connections and turns every one down, each in the next of its ways."""

    def __init__(self, port: int, ways: list[str]):
        self.port, self.ways = port, ways
        self.count = 0
        self.held: list[asyncio.StreamWriter] = []
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()
        self.server = asyncio.run_coroutine_threadsafe(
            asyncio.start_server(self._accept, "127.0.0.1", port), self.loop).result(timeout=10)

    async def _accept(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter):
        way = self.ways[self.count % len(self.ways)]
        self.count += 1
        try:
            if way == "reset-at-once":
                writer.transport.abort()
                return
            if way == "close-at-once":
                writer.close()
                return
            if way == "garbage":
                writer.write(b"\x15\x03\x01\x00\x02\x02\x28this is not TLS nor HTTP\r\n\r\n")
                await writer.drain()
                writer.close()
                return
            await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), 10)
            if way == "reset-after-request":
                writer.transport.abort()
                return
            status, reason = HTTP_REFUSALS[int(way.split("-")[1])]
            writer.write(f"HTTP/1.1 {status} {reason}\r\nContent-Length: 8\r\n\r\nrefused\n".encode())
            await writer.drain()
            if way.startswith("refuse-") and way.endswith("-keep"):
                # A keep-alive server leaves the socket open: only the client can free it.
                self.held.append(writer)
                self.held = [w for w in self.held if not w.is_closing()][-50:]
            else:
                writer.close()
        except (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, asyncio.TimeoutError):
            writer.transport.abort()

    def close(self):
        def shut():
            self.server.close()
            for writer in self.held:
                writer.transport.abort()
        self.loop.call_soon_threadsafe(shut)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(timeout=5)


def descriptors(pid: int) -> int:
    return len(os.listdir(f"/proc/{pid}/fd"))


def settled_descriptors(pid: int) -> int:
    """The fewest descriptors over 40 looks: an attempt in progress holds 4 more (socket, epoll, eventfd,
    timerfd of its event loop) for a moment; a leak raises the floor."""
    samples = []
    for _ in range(40):
        samples.append(descriptors(pid))
        time.sleep(0.05)
    return min(samples)


def run_against(tmp_path: Path, url_for, ways: list[str], attempts: int) -> dict:
    modbus_port, api_port, csms_port = free_port(), free_port(), free_port()
    server = RefusingServer(csms_port, ways)
    config = write_demo_station(tmp_path, modbus_port=modbus_port, api_port=api_port, csms_url=url_for(csms_port),
                                meter_interval_s=1, uplink_extra={"reconnect_max_ms": 100, "call_timeout_ms": 1000})
    (tmp_path / "scenario.yaml").write_text("base_load_w: 3000\nbattery: { soc_pct: 60 }\nevs: []\n")
    logs = {name: open(tmp_path / f"{name}.log", "w") for name in ("sim", "stationd")}
    sim = subprocess.Popen([BIN / "station-sim", "--config", config, "--scenario", tmp_path / "scenario.yaml", "--quiet"],
                           stdout=logs["sim"], stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    stationd = None
    try:
        wait_until(lambda: socket.create_connection(("127.0.0.1", modbus_port), timeout=1).close() or True, 15,
                   "station-sim to listen")
        stationd = subprocess.Popen([BIN / "stationd", "--config", config], stdout=logs["stationd"],
                                    stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        wait_until(lambda: server.count >= WARM_UP, 120, f"{WARM_UP} connection attempts")
        baseline = settled_descriptors(stationd.pid)
        samples = [baseline]
        target = WARM_UP + attempts

        def done():
            samples.append(descriptors(stationd.pid))
            return server.count >= target
        wait_until(done, 600, f"{attempts} refused connection attempts")
        final = settled_descriptors(stationd.pid)
        assert stationd.poll() is None, "stationd died"
        return {"attempts": server.count - WARM_UP, "baseline": baseline, "final": final, "max": max(samples),
                "ways": ways}
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
        server.close()
        for log in logs.values():
            log.close()


@pytest.fixture(autouse=True)
def binaries():
    for binary in ("stationd", "station-sim"):
        if not (BIN / binary).exists():
            pytest.fail(f"{BIN / binary} is missing: run `swift build`", pytrace=False)


def test_refused_upgrades_and_resets_leak_no_descriptor(tmp_path):
    # "reset-after-request" closes without answering: the attempt ends when stationd's call timeout (1 s) passes.
    ways = ["refuse-0", "refuse-1", "refuse-2", "refuse-3", "refuse-0-keep", "refuse-3-keep", "refuse-1", "refuse-2",
            "reset-at-once", "close-at-once", "refuse-3", "reset-after-request"]
    figures = run_against(tmp_path, lambda port: f"ws://127.0.0.1:{port}/ocpp/DEMO-001", ways, REFUSAL_COUNT)
    print("\nrefused upgrades:", json.dumps(figures))
    (tmp_path / "descriptor-report.json").write_text(json.dumps(figures, indent=2))
    assert figures["final"] - figures["baseline"] <= 2, f"descriptors grew: {figures}"


def test_failed_tls_handshakes_leak_no_descriptor(tmp_path):
    figures = run_against(tmp_path, lambda port: f"wss://localhost:{port}/ocpp/DEMO-001",
                          ["garbage", "reset-at-once", "close-at-once"], TLS_FAILURE_COUNT)
    print("\nfailed TLS handshakes:", json.dumps(figures))
    (tmp_path / "descriptor-report.json").write_text(json.dumps(figures, indent=2))
    assert figures["final"] - figures["baseline"] <= 2, f"descriptors grew: {figures}"
