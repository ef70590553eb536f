"""The booking calendar end to end, in real time: the real `cpms serve` (SQLite, 60 s calendar slots), the real
stationd and station-sim.

An admin describes the station's two EVSEs, books socket 1 for TOKEN-A from the next minute and puts
socket 2 into maintenance for the minute after. cpms is restarted between the booking and the slot's start,
and again between the maintenance block's start and end. At the slot's start the station shows socket 1
Reserved for TOKEN-A; TOKEN-B is refused there (from cpms and at the station), TOKEN-A charges and the
booking is marked used. At the maintenance start socket 2 is Unavailable at the station, at its end Available
again. Every calendar action was executed exactly once: once in cpms's list of executed actions, once in
what cpms sent (its log), and the station's audit shows one central disable and one enable of socket 2.
"""

from __future__ import annotations

import json
import math
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from datetime import datetime, timezone

import pytest

from demo_station import write_demo_station
from test_stationd_process import BIN, free_port, wait_until

STATION = "CAL-001"
PASSWORD = "calendar-password-01"
TOKEN_A, TOKEN_B = "TOKEN-A", "TOKEN-B"
SLOT_S = 60


def iso(instant: float) -> str:
    return datetime.fromtimestamp(instant, timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse(text: str) -> float:
    return datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()


def run(args, **kwargs) -> str:
    done = subprocess.run([str(a) for a in args], capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL, **kwargs)
    assert done.returncode == 0, f"{args}: {done.stdout}{done.stderr}"
    return done.stdout


class Cpms:
    """`cpms serve` as a process that the test stops and starts again over the same database and log."""

    def __init__(self, tmp_path, port: int, log):
        self.port, self.log = port, log
        self.database = f"sqlite://{tmp_path / 'cpms.sqlite'}"
        (tmp_path / "password").write_text(PASSWORD + "\n")
        run([BIN / "cpms", "station", "add", STATION, "--password-file", tmp_path / "password", "--database", self.database])
        self.token = run([BIN / "cpms", "token", "add", "calendar-test", "--database", self.database]).strip().split()[-1]
        self.process: subprocess.Popen | None = None

    def start(self):
        self.process = subprocess.Popen(
            [BIN / "cpms", "serve", "--host", "127.0.0.1", "--port", str(self.port), "--database", self.database,
             "--calendar-slot-step", str(SLOT_S), "--log-level", "info"],
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

    def restart(self):
        self.stop()
        self.start()

    def api(self, method: str, path: str, body: dict | None = None) -> tuple[int, object]:
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.port}/api/{path}", method=method,
            data=None if body is None else json.dumps(body).encode(),
            headers={"Authorization": f"Bearer {self.token}", "Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                return response.status, json.loads(response.read() or b"null")
        except urllib.error.HTTPError as error:
            return error.code, json.loads(error.read() or b"null")


@pytest.fixture
def rig(tmp_path):
    for binary in ("cpms", "stationd", "station-sim", "stationctl"):
        if not (BIN / binary).exists():
            pytest.fail(f"{BIN / binary} is missing: run `swift build`", pytrace=False)
    modbus_port, api_port, cpms_port = free_port(), free_port(), free_port()
    logs = {name: open(tmp_path / f"{name}.log", "a") for name in ("sim", "stationd", "cpms")}
    config = write_demo_station(tmp_path, modbus_port=modbus_port, api_port=api_port,
                                csms_url=f"ws://127.0.0.1:{cpms_port}/ocpp/{STATION}", station_id=STATION,
                                meter_interval_s=2, uplink_extra={"reconnect_max_ms": 2000})
    text = config.read_text()
    text = text.replace(f"password: demo-password-0001", f"password: {PASSWORD}")
    # Socket 1 needs a token (a plugged car does not start by itself); TOKEN-B is one the station knows.
    text = text.replace("    unit_id: 1\n", "    unit_id: 1\n    authorization: token\n", 1)
    text += f"\nauthorization:\n  local_list:\n    - {{ id_tag: {TOKEN_A} }}\n    - {{ id_tag: {TOKEN_B} }}\n"
    config.write_text(text)

    cpms = Cpms(tmp_path, cpms_port, logs["cpms"])
    processes: dict[str, subprocess.Popen] = {}
    try:
        cpms.start()
        yield {"cpms": cpms, "config": config, "api_port": api_port, "modbus_port": modbus_port, "logs": logs,
               "tmp": tmp_path, "processes": processes}
    finally:
        for name in ("stationd", "sim"):
            if name in processes and processes[name].poll() is None:
                processes[name].terminate()
        for process in processes.values():
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
        cpms.stop()
        for log in logs.values():
            log.close()


def test_a_booking_and_a_maintenance_block_reach_the_station_once_across_cpms_restarts(rig):
    cpms: Cpms = rig["cpms"]
    api_port = rig["api_port"]

    def status() -> dict:
        done = subprocess.run([BIN / "stationctl", "status", "--json", "--api", f"http://127.0.0.1:{api_port}"],
                              capture_output=True, text=True, timeout=20, stdin=subprocess.DEVNULL)
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout)

    def socket_of(number: int) -> dict:
        return next(s for s in status()["sockets"] if s["id"] == number)

    # The EVSEs are described before anything can be booked.
    for evse in (1, 2):
        code, _ = cpms.api("PUT", f"stations/{STATION}/evses/{evse}/connectors/1",
                           {"standard": "IEC_62196_T2", "power_type": "AC_3_PHASE", "max_electric_power": 22000})
        assert code == 200, f"describing EVSE {evse}: {code}"

    # The slot starts at the next minute at least 50 s away: time to start the station and restart cpms before it.
    slot = math.ceil((time.time() + 50) / SLOT_S) * SLOT_S
    maintenance_start, maintenance_end = slot + SLOT_S, slot + 2 * SLOT_S
    code, booked = cpms.api("POST", "calendar/bookings", {
        "id": "B-E2E-1", "station": STATION, "evse_id": 1, "start": iso(slot), "end": iso(slot + 3 * SLOT_S),
        "token": {"uid": TOKEN_A, "type": "APP_USER", "contract_id": "NL-TNM-C00000001-X", "emsp": "NL*TNM"}})
    assert code == 201, booked
    code, blocked = cpms.api("POST", "calendar/maintenance", {
        "id": "M-E2E-1", "station": STATION, "evse_id": 2, "start": iso(maintenance_start), "end": iso(maintenance_end),
        "technician": "jdoe", "reason": "contactor check"})
    assert code == 201, blocked

    # The car arrives at socket 1 20 s after the slot starts and stays.
    (rig["tmp"] / "scenario.yaml").write_text(
        "base_load_w: 2000\nbattery: { soc_pct: 60 }\nevs:\n"
        f"  - {{ socket: 1, arrive_s: {int(slot + 20 - time.time())}, leave_s: 3600, capacity_kwh: 60, soc_pct: 30, "
        "max_current_a: 16, phases: 3 }\n")
    processes = rig["processes"]
    processes["sim"] = subprocess.Popen(
        [BIN / "station-sim", "--config", rig["config"], "--scenario", rig["tmp"] / "scenario.yaml", "--quiet"],
        stdout=rig["logs"]["sim"], stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    wait_until(lambda: socket.create_connection(("127.0.0.1", rig["modbus_port"]), timeout=1).close() or True, 30,
               "station-sim to listen")
    processes["stationd"] = subprocess.Popen([BIN / "stationd", "--config", rig["config"]], stdout=rig["logs"]["stationd"],
                                             stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    wait_until(lambda: status()["uplink"]["connected"], 60, "stationd to connect to cpms")

    # cpms restarts between the booking and its start: the calendar and its actions come from the database.
    cpms.restart()
    assert time.time() < slot, "the restart took longer than the time to the slot's start"
    assert socket_of(1).get("reservation") is None, "nothing is reserved before the slot starts"

    wait_until(lambda: socket_of(1)["status"] == "Reserved", slot - time.time() + 60, "socket 1 Reserved at the slot's start")
    reservation = socket_of(1).get("reservation")
    assert reservation["id_tag"] == TOKEN_A
    assert parse(reservation["expires_at"]) == slot + 3 * SLOT_S

    # The car is plugged in: TOKEN-B is refused on the reserved socket, from cpms and at the station itself.
    wait_until(lambda: socket_of(1)["pilot"] in ("B", "C"), 90, "the car to plug into socket 1")
    code, refused = cpms.api("POST", f"stations/{STATION}/commands/start", {"evse_id": 1, "id_token": TOKEN_B})
    assert code == 200 and refused["response"]["status"] == "Rejected", refused
    local = subprocess.run([BIN / "stationctl", "socket", "1", "start", "--id-tag", TOKEN_B, "--api", f"http://127.0.0.1:{api_port}"],
                           capture_output=True, text=True, timeout=20, stdin=subprocess.DEVNULL)
    assert local.returncode != 0 and "reserved" in (local.stdout + local.stderr), local
    assert socket_of(1).get("session") is None

    code, started = cpms.api("POST", f"stations/{STATION}/commands/start", {"evse_id": 1, "id_token": TOKEN_A})
    assert code == 200 and started["response"]["status"] == "Accepted", started
    wait_until(lambda: (socket_of(1).get("session") or {}).get("id_tag") == TOKEN_A, 60, "TOKEN-A's session on socket 1")
    wait_until(lambda: cpms.api("GET", "calendar/entries/B-E2E-1")[1]["status"] == "used", 60,
               "the booking to be marked used when TOKEN-A's transaction reached cpms")

    # Maintenance: out at its start, cpms restarts in the middle, back at its end.
    wait_until(lambda: socket_of(2)["status"] == "Unavailable", maintenance_start - time.time() + 60,
               "socket 2 Unavailable at the maintenance start")
    assert time.time() >= maintenance_start
    cpms.restart()
    assert time.time() < maintenance_end, "the restart took longer than the maintenance block"
    wait_until(lambda: socket_of(2)["status"] == "Available", maintenance_end - time.time() + 60,
               "socket 2 Available at the maintenance end")
    assert time.time() >= maintenance_end

    code, actions = cpms.api("GET", f"calendar/actions?station={STATION}")
    assert code == 200
    executed = sorted((a["action_id"], a["outcome"]) for a in actions)
    assert executed == [("inoperative/M-E2E-1", "Accepted"), ("reserve/B-E2E-1/v1", "Accepted"),
                        ("restore/M-E2E-1", "Accepted")], executed
    times = {a["action_id"]: parse(a["executed_at"]) for a in actions}
    assert times["reserve/B-E2E-1/v1"] >= slot
    assert times["inoperative/M-E2E-1"] >= maintenance_start and times["restore/M-E2E-1"] >= maintenance_end

    # What cpms sent (its log survives the restarts): each command once.
    rig["logs"]["cpms"].flush()
    answered = [line for line in (rig["tmp"] / "cpms.log").read_text().splitlines()
                if "calendar-scheduler" in line and "not delivered" not in line]

    def sent(command: str) -> int:
        return sum(1 for line in answered if command in line)

    assert sent(": ReserveNow ") == 1, answered
    assert sent(": ChangeAvailability EVSE 2 Inoperative") == 1, answered
    assert sent(": ChangeAvailability EVSE 2 Operative") == 1, answered
    central = [(a["socket"], a["enabled"]) for a in status()["audit"] if a["source"] == "central"]
    assert central == [(2, False), (2, True)], status()["audit"]
