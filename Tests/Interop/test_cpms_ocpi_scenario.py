"""Issue 15's scenario end to end, in real time: the real `cpms serve` (SQLite, 60 s calendar slots), the real
stationd and station-sim, and PyPI extrawest-ocpi as the eMSP (ocpi_emsp_peer.py, its own venv) plus a few lines
of httpx for the calls extrawest never starts itself.

cpms registers at the eMSP (`cpms emsp register`). The eMSP pushes its driver's token (Tokens), books socket 1 for
the next slot (Bookings add-on: POST BookingRequest, answered RESERVED); at the slot's start the station shows the
socket Reserved. The driver has plugged in; the eMSP sends START_SESSION with the booked token and gets the
CommandResult ACCEPTED at its response_url. The station charges; the Session (PUT, then PATCHes with kWh) reaches
the eMSP; the car's small battery fills (station-sim: the EV stops drawing), the car leaves, the transaction ends;
the eMSP receives the Session COMPLETED and a CDR, whose total the test computes itself from the tariff and the
CDR's charging periods. Every Session, CDR and CommandResult is validated by extrawest's pydantic models (it
stored them through its own receivers) and by PyPI ocpi-types; the Booking by ocpi-types' bookings models.
"""

from __future__ import annotations

import json
import math
import os
import signal
import socket
import subprocess
import time
import uuid
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import httpx
import pytest
from ocpi_types import v2_2_1 as ocpi
from ocpi_types import v2_3_0_bookings as bookings

from conftest import REPO_ROOT
from demo_station import write_demo_station
from test_cpms_calendar_stationd import iso, parse, run
from test_cpms_ocpi_credentials import EMSP, auth
from test_stationd_process import BIN, free_port, wait_until

STATION = "SCN-001"
PASSWORD = "scenario-password-01"
SLOT_S = 60
DRIVER = {"country_code": "NL", "party_id": "TNM", "uid": "SCN-DRIVER-0001", "type": "APP_USER",
          "contract_id": "NL-TNM-C00000001-X", "issuer": "extrawest eMSP", "valid": True, "whitelist": "ALLOWED"}
# 0.30 EUR/kWh and 0.50 EUR a session, excluding 21 % VAT; each Wh counts (step_size 1).
TARIFF = {"country_code": "DE", "party_id": "STM", "id": "SCN-AC", "currency": "EUR", "type": "REGULAR",
          "elements": [{"price_components": [{"type": "FLAT", "price": 0.50, "vat": 21, "step_size": 1},
                                             {"type": "ENERGY", "price": 0.30, "vat": 21, "step_size": 1}]}],
          "last_updated": "2026-01-01T00:00:00Z"}
# extrawest-ocpi's own models judge what it received.
EXTRAWEST_CHECK = """
import json, sys
from py_ocpi.modules.sessions.v_2_2_1.schemas import Session
from py_ocpi.modules.cdrs.v_2_2_1.schemas import Cdr
from py_ocpi.modules.commands.v_2_2_1.schemas import CommandResult
models = {"Session": Session, "Cdr": Cdr, "CommandResult": CommandResult}
documents = json.load(open(sys.argv[1]))
for kind, document in documents:
    models[kind](**document)
print(len(documents))
"""


def expected_costs(tariff: dict, cdr: dict) -> dict[str, tuple[Decimal, Decimal]]:
    """The CDR's costs (excl. VAT, incl. VAT) computed here from the tariff's price components and the CDR's
    charging periods: FLAT once, ENERGY per kWh of the periods' ENERGY volumes rounded up to the step size (Wh);
    each in EUR to 4 decimals (as cpms writes money), the total their sum."""
    components = {c["type"]: c for element in tariff["elements"] for c in element["price_components"]}
    kwh = sum(Decimal(str(d["volume"])) for period in cdr["charging_periods"] for d in period["dimensions"] if d["type"] == "ENERGY")
    energy = components["ENERGY"]
    wh = (kwh * 1000 / energy["step_size"]).to_integral_value(rounding="ROUND_CEILING") * energy["step_size"]
    unit = Decimal("0.0001")

    def priced(amount: Decimal, vat) -> tuple[Decimal, Decimal]:
        return amount.quantize(unit, ROUND_HALF_UP), (amount * (1 + Decimal(str(vat)) / 100)).quantize(unit, ROUND_HALF_UP)

    fixed = priced(Decimal(str(components["FLAT"]["price"])), components["FLAT"]["vat"])
    energy_cost = priced(Decimal(str(energy["price"])) * wh / 1000, energy["vat"])
    return {"total_fixed_cost": fixed, "total_energy_cost": energy_cost,
            "total_cost": (fixed[0] + energy_cost[0], fixed[1] + energy_cost[1])}


class Cpms:
    def __init__(self, tmp_path: Path, port: int, log):
        self.port, self.log, self.url = port, log, f"http://127.0.0.1:{port}"
        self.database = f"sqlite://{tmp_path / 'cpms.sqlite'}"
        (tmp_path / "password").write_text(PASSWORD + "\n")
        run([BIN / "cpms", "station", "add", STATION, "--password-file", tmp_path / "password", "--database", self.database])
        self.token = run([BIN / "cpms", "token", "add", "scenario", "--database", self.database]).strip().split()[-1]
        (tmp_path / "tariff.json").write_text(json.dumps(TARIFF))
        run([BIN / "cpms", "tariff", "create", tmp_path / "tariff.json", "--database", self.database])
        run([BIN / "cpms", "tariff", "assign", TARIFF["id"], STATION, "--database", self.database])
        self.process = subprocess.Popen(
            [BIN / "cpms", "serve", "--host", "127.0.0.1", "--port", str(port), "--database", self.database,
             "--calendar-slot-step", str(SLOT_S), "--log-level", "info", "--ocpi-call-timeout", "5",
             "--ocpi-session-update-interval", "5"],
            stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        wait_until(lambda: socket.create_connection(("127.0.0.1", port), timeout=1).close() or True, 60, "cpms to listen")

    def cli(self, *args) -> str:
        return run([BIN / "cpms", *args, "--url", self.url, "--token", self.token])

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()


def test_an_emsp_books_starts_charges_and_receives_the_cdr_with_the_tariffs_total(tmp_path):
    for binary in ("cpms", "stationd", "station-sim", "stationctl"):
        if not (BIN / binary).exists():
            pytest.fail(f"{BIN / binary} is missing: run `swift build`", pytrace=False)
    modbus_port, api_port, cpms_port = free_port(), free_port(), free_port()
    logs = {name: open(tmp_path / f"{name}.log", "a") for name in ("sim", "stationd", "cpms")}
    config = write_demo_station(tmp_path, modbus_port=modbus_port, api_port=api_port,
                                csms_url=f"ws://127.0.0.1:{cpms_port}/ocpp/{STATION}", station_id=STATION,
                                meter_interval_s=2, uplink_extra={"reconnect_max_ms": 2000})
    text = config.read_text().replace("password: demo-password-0001", f"password: {PASSWORD}")
    # Socket 1 needs a token: a plugged car waits for the eMSP's START_SESSION.
    config.write_text(text.replace("    unit_id: 1\n", "    unit_id: 1\n    authorization: token\n", 1))
    processes: dict[str, subprocess.Popen] = {}
    cpms = Cpms(tmp_path, cpms_port, logs["cpms"])
    emsp = EMSP(tmp_path)
    try:
        _scenario(tmp_path, cpms, emsp, config, api_port, modbus_port, logs, processes)
    finally:
        for name in ("stationd", "sim"):
            if name in processes and processes[name].poll() is None:
                processes[name].terminate()
        for process in processes.values():
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
        emsp.stop()
        cpms.stop()
        for log in logs.values():
            log.close()


def _scenario(tmp_path, cpms: Cpms, emsp: EMSP, config, api_port, modbus_port, logs, processes):
    for evse in (1, 2):
        cpms.cli("evse", "set", STATION, str(evse), "--standard", "IEC_62196_T2", "--power-type", "AC_3_PHASE", "--max-power", "22000")
    cpms.cli("location", "set", STATION, "--name", "Scenario square", "--address", "Markt 1", "--city", "Utrecht",
             "--postal-code", "3511", "--country", "NLD", "--latitude", "52.09074", "--longitude", "5.12142")

    # cpms registers at the eMSP; the eMSP calls cpms with the token cpms gave it (token B).
    cpms.cli("emsp", "register", "tnm", "--versions-url", emsp.versions_url, "--token-a", emsp.token_a)
    [(token_c, registration)] = emsp.state()["registrations"].items()
    to_cpms = auth(registration["credentials"]["token"])

    def call(method: str, path: str, body: dict | None = None) -> dict:
        url = path if path.startswith("http") else f"{cpms.url}/ocpi/2.2.1/{path}"
        answer = httpx.request(method, url, headers=to_cpms, json=body, timeout=30)
        assert answer.status_code == 200, answer.text
        envelope = answer.json()
        assert envelope["status_code"] == 1000, envelope
        return envelope.get("data")

    def received(predicate) -> list[dict]:
        return [r for r in httpx.get(f"{emsp.base}/peer/requests", timeout=10).json()["requests"] if predicate(r)]

    # The Location was published before the eMSP registered: cpms PUTs it at the registration, so extrawest stores it
    # and takes the EVSE PATCHes that follow (without it, each PATCH was a 404).
    def location_calls() -> list[dict]:
        return received(lambda r: "/locations/" in r["path"] and STATION.upper() in r["path"].upper())
    wait_until(lambda: any(r["method"] == "PUT" and r["status"] < 300 for r in location_calls()), 60,
               "the Location's PUT at the registration")

    # The eMSP finds cpms's modules in its version details, as any eMSP does.
    endpoints = {(e["identifier"], e["role"]): e["url"] for e in call("GET", f"{cpms.url}/ocpi/2.2.1")["endpoints"]}
    # extrawest lists no Bookings receiver, so cpms leaves the add-on out of the version details it shows it
    # (extrawest would refuse them whole); the booking calls go to the module's URL all the same.
    bookings_url = endpoints.get(("Booking", "SENDER"), f"{cpms.url}/ocpi/2.2.1/Booking")

    # The eMSP's driver token, pushed to cpms (Tokens receiver).
    call("PUT", f"tokens/NL/TNM/{DRIVER['uid']}?type=APP_USER", {**DRIVER, "last_updated": iso(time.time())})

    # The eMSP books socket 1 for the slot starting at the next minute at least 45 s away.
    location = call("GET", f"locations/{STATION}")
    evse_uid = location["evses"][0]["uid"]
    slot = math.ceil((time.time() + 45) / SLOT_S) * SLOT_S
    request_id = f"REQ-{uuid.uuid4().hex[:8]}"
    pending = call("POST", bookings_url, {
        "country_code": "NL", "party_id": "TNM", "request_id": request_id, "location_id": STATION, "evse_uid": evse_uid,
        "tokens": [{k: DRIVER[k] for k in ("country_code", "party_id", "uid", "type", "contract_id")}],
        "period": {"start_from": iso(slot), "end_before": iso(slot + 3 * SLOT_S)}, "authorization_reference": f"AUTH-{request_id}"})
    assert pending["reservation_status"] == "PENDING", pending

    def booking() -> dict:
        return next(b for b in call("GET", bookings_url) if b["id"] == pending["id"])

    assert booking()["reservation_status"] == "RESERVED", booking()
    bookings.Booking.from_dict(booking())

    # The car arrives 10 s into the slot with a small, nearly full battery: 2 kWh at 90 %.
    (tmp_path / "scenario.yaml").write_text(
        "base_load_w: 2000\nbattery: { soc_pct: 60 }\nevs:\n"
        f"  - {{ socket: 1, arrive_s: {int(slot + 10 - time.time())}, leave_s: {int(slot + 110 - time.time())}, "
        "capacity_kwh: 2, soc_pct: 90, max_current_a: 32, phases: 3 }\n")
    processes["sim"] = subprocess.Popen(
        [BIN / "station-sim", "--config", config, "--scenario", tmp_path / "scenario.yaml", "--quiet"],
        stdout=logs["sim"], stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    wait_until(lambda: socket.create_connection(("127.0.0.1", modbus_port), timeout=1).close() or True, 30, "station-sim to listen")
    processes["stationd"] = subprocess.Popen([BIN / "stationd", "--config", config], stdout=logs["stationd"],
                                             stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)

    def socket_one() -> dict:
        done = subprocess.run([BIN / "stationctl", "status", "--json", "--api", f"http://127.0.0.1:{api_port}"],
                              capture_output=True, text=True, timeout=20, stdin=subprocess.DEVNULL)
        assert done.returncode == 0, done.stderr
        return next(s for s in json.loads(done.stdout)["sockets"] if s["id"] == 1)

    wait_until(lambda: socket_one()["status"] == "Reserved", slot - time.time() + 60, "socket 1 Reserved at the slot's start")
    assert socket_one()["reservation"]["id_tag"] == DRIVER["uid"]
    assert parse(socket_one()["reservation"]["expires_at"]) == slot + 3 * SLOT_S
    wait_until(lambda: socket_one()["pilot"] in ("B", "C"), 60, "the car to plug into socket 1")

    # The driver is there: the eMSP starts the session with the booked token.
    command_uid = uuid.uuid4().hex[:12]
    response = call("POST", "commands/START_SESSION", {
        "response_url": f"{emsp.base}/ocpi/emsp/2.2.1/commands/{command_uid}", "token": {**DRIVER, "last_updated": iso(time.time())},
        "location_id": STATION, "evse_uid": evse_uid, "authorization_reference": f"AUTH-{request_id}"})
    assert response["result"] == "ACCEPTED", response
    wait_until(lambda: received(lambda r: r["path"].endswith(f"/commands/{command_uid}")), 60, "the CommandResult at the eMSP")
    [result] = [json.loads(r["body"]) for r in received(lambda r: r["path"].endswith(f"/commands/{command_uid}"))]
    assert result["result"] == "ACCEPTED", result

    def sessions() -> dict:
        return emsp.state()["objects"].get("sessions", {})

    wait_until(lambda: any(s.get("status") == "ACTIVE" for s in sessions().values()), 60, "the Session ACTIVE at the eMSP")
    [session_id] = sessions()
    wait_until(lambda: booking()["reservation_status"] == "FULFILLED", 60, "the booking FULFILLED once the booked token charges")
    wait_until(lambda: sessions()[session_id].get("kwh", 0) > 0, 60, "a Session PATCH with energy")
    patches = received(lambda r: r["method"] == "PATCH" and "/sessions/" in r["path"])
    assert patches, "no Session PATCH reached the eMSP"

    # The battery fills, the car leaves 110 s into the slot: the eMSP gets the Session COMPLETED and a CDR.
    wait_until(lambda: sessions()[session_id].get("status") == "COMPLETED", slot + 110 - time.time() + 90, "the Session COMPLETED")
    wait_until(lambda: emsp.state()["objects"].get("cdrs"), 60, "the CDR at the eMSP")
    session = sessions()[session_id]
    # What cpms sent, as the eMSP received it (extrawest stores its own re-serialization: lower case, nulls).
    cdr_posts = received(lambda r: r["method"] == "POST" and "/cdrs" in r["path"])
    (tmp_path / "cdr_posts.json").write_text(json.dumps(cdr_posts, indent=1))
    # extrawest answers POST .../cdrs with a redirect to .../cdrs/, which cpms follows: one CDR, stored once.
    [cdr] = [json.loads(r["body"]) for r in cdr_posts if r["status"] == 200]
    session_puts = [json.loads(r["body"]) for r in received(lambda r: r["method"] == "PUT" and "/sessions/" in r["path"])]
    assert session_puts and all(put["id"] == cdr["session_id"] for put in session_puts)
    (tmp_path / "received.json").write_text(json.dumps({"session": session, "cdr": cdr, "result": result}, indent=1))

    def same(a: str, b: str) -> bool:  # extrawest stores OCPI's CiStrings in lower case
        return a.lower() == b.lower()

    # stationd reports the transaction START_SESSION asked for with triggerReason RemoteStart and its remoteStartId:
    # cpms ties it to the command, so both documents say COMMAND and carry the eMSP's authorization_reference.
    for document in [*session_puts, session, cdr]:
        assert same(document["auth_method"], "COMMAND"), document
        assert same(document["authorization_reference"], f"AUTH-{request_id}"), document
    assert same(session["cdr_token"]["uid"], DRIVER["uid"]) and same(session["location_id"], STATION)
    assert same(session["evse_uid"], evse_uid)
    assert same(cdr["session_id"], session_id) and same(cdr["cdr_token"]["uid"], DRIVER["uid"])
    assert [t["id"].upper() for t in cdr["tariffs"]] == [TARIFF["id"]]
    for field, (excl, incl) in expected_costs(TARIFF, cdr).items():
        assert (Decimal(str(cdr[field]["excl_vat"])), Decimal(str(cdr[field]["incl_vat"]))) == (excl, incl), (field, cdr[field])
    energy = sum(Decimal(str(d["volume"])) for p in cdr["charging_periods"] for d in p["dimensions"] if d["type"] == "ENERGY")
    assert Decimal(str(cdr["total_energy"])) == energy and energy > 0, cdr

    assert [r for r in location_calls() if r["status"] >= 300] == [], "extrawest refused a Location push"

    # Independent judges: ocpi-types here, extrawest's models in its venv.
    for put in session_puts:
        ocpi.Session.from_dict(put)
    ocpi.Cdr.from_dict(cdr)
    ocpi.CommandResult.from_dict(result)
    documents = [("Session", put) for put in session_puts] + [("Cdr", cdr), ("CommandResult", result)]
    python = os.environ.get("OCPI_EMSP_PYTHON") or str(REPO_ROOT / ".venv-ocpi-emsp" / "bin" / "python")
    (tmp_path / "documents.json").write_text(json.dumps(documents))
    checked = subprocess.run([python, "-c", EXTRAWEST_CHECK, str(tmp_path / "documents.json")], capture_output=True, text=True,
                             timeout=120, env={**os.environ, "PROTOCOL": "http", "OCPI_HOST": "127.0.0.1"})
    assert checked.returncode == 0, checked.stderr[-3000:]
