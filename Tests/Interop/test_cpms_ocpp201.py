"""A real OCPP 2.0.1 charging station (the PyPI `ocpp` library) against a real `cpms serve` process.

The station boots, reports its connector, runs a transaction (Started, Updated, Ended, with meter values),
sends MeterValues for the grid connection and DataTransfer BatteryTelemetry, then replays all of it as a
station's outbox does after an outage. A ChangeAvailability and a RequestStartTransaction from the API reach
the station and its answers come back through the API. Finally the API and `cpms station show` must show
everything stored exactly once, and the replays counted. Runs on SQLite, and on PostgreSQL when
CPMS_TEST_POSTGRES_URL names a database (scripts/test starts a throw-away cluster).
"""

from __future__ import annotations

import asyncio
import base64
import json
import os
import signal
import subprocess
import urllib.error
import urllib.request
import uuid
from datetime import datetime, timedelta, timezone

import ocpp.charge_point
import pytest
import websockets
from websockets.exceptions import InvalidStatus
from ocpp.routing import on
from ocpp.v201 import ChargePoint, call, call_result
from ocpp.v201.enums import Action

from test_stationd_process import BIN, free_port, wait_until
from postgres_database import fresh_postgres_url

BACKENDS = ["sqlite"] + (["postgres"] if os.environ.get("CPMS_TEST_POSTGRES_URL") else [])


def iso(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


@pytest.fixture(params=BACKENDS)
def cpms(request, tmp_path):
    """`cpms serve` on a free port with one registered station and an API token."""
    binary = BIN / "cpms"
    if not binary.exists():
        pytest.fail(f"{binary} is missing: run `swift build`", pytrace=False)
    if request.param == "postgres":
        database = fresh_postgres_url()
    else:
        database = f"sqlite://{tmp_path / 'cpms.db'}"

    def cli(*args: str, check: bool = True) -> subprocess.CompletedProcess:
        done = subprocess.run([str(binary), *args, "--database", database], capture_output=True, text=True, timeout=60)
        if check:
            assert done.returncode == 0, f"cpms {' '.join(args)} failed: {done.stderr}"
        return done

    # The PostgreSQL test database may hold earlier runs' stations: this run's station is its own.
    station = f"PY-{uuid.uuid4().hex[:8]}"
    added = cli("station", "add", station).stdout.split()
    assert added[0:2] == ["station", station] and added[2] == "password", added
    password = added[3]
    duplicate = cli("station", "add", station, check=False)
    assert duplicate.returncode == 1 and "already exists" in duplicate.stderr
    token = cli("token", "add", "interop").stdout.strip()

    port = free_port()
    log = open(tmp_path / "cpms.log", "w")
    process = subprocess.Popen([str(binary), "serve", "--port", str(port), "--database", database, "--log-level", "info"],
                               stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"

    def api(method: str, path: str, body: dict | None = None, token_: str | None = token):
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(base + path, data=data, method=method)
        if token_:
            req.add_header("Authorization", f"Bearer {token_}")
        if data is not None:
            req.add_header("Content-Type", "application/json")
        try:
            with urllib.request.urlopen(req, timeout=30) as response:
                return response.status, json.loads(response.read() or b"null")
        except urllib.error.HTTPError as error:
            return error.code, json.loads(error.read() or b"null")

    try:
        wait_until(lambda: api("GET", "/api/stations")[0] == 200, 30, "cpms to answer")
        yield {"url": f"ws://127.0.0.1:{port}/ocpp/", "station": station, "password": password, "api": api, "cli": cli,
               "log": tmp_path / "cpms.log", "backend": request.param}
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            assert process.wait(timeout=20) == 0, "cpms should exit cleanly on SIGTERM"
        finally:
            if process.poll() is None:
                process.kill()
            log.close()


@pytest.fixture(autouse=True)
def data_transfer_data_as_written(monkeypatch):
    """The library camel-cases every key of a payload, vendor parts included (`socket` even becomes
    `SoCket`); the contract's DataTransfer.data and customData keys (docs/uplink.md) go out as written."""
    convert = ocpp.charge_point.snake_to_camel_case
    verbatim = {"data", "custom_data"}

    def keep_data(payload):
        if isinstance(payload, dict) and verbatim & payload.keys():
            converted = convert({key: value for key, value in payload.items() if key not in verbatim})
            if "data" in payload:
                converted["data"] = payload["data"]
            if "custom_data" in payload:
                converted["customData"] = payload["custom_data"]
            return converted
        return convert(payload)

    monkeypatch.setattr(ocpp.charge_point, "snake_to_camel_case", keep_data)


def basic(user: str, password: str) -> dict:
    return {"Authorization": "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()}


class Station(ChargePoint):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.availability: list[tuple[int | None, str]] = []
        self.remote_starts: list[dict] = []

    @on(Action.change_availability)
    def on_change_availability(self, operational_status, evse=None, **_):
        self.availability.append(((evse or {}).get("id"), operational_status))
        return call_result.ChangeAvailability(status="Accepted")

    @on(Action.request_start_transaction)
    def on_request_start_transaction(self, id_token, remote_start_id, evse_id=None, **_):
        self.remote_starts.append({"id_token": id_token["id_token"], "evse_id": evse_id, "remote_start_id": remote_start_id})
        return call_result.RequestStartTransaction(status="Accepted", transaction_id="REMOTE-1")


def test_station_201_is_stored_exactly_once_and_answers_commands_from_the_api(cpms):
    api = cpms["api"]
    sid = cpms["station"]
    started = datetime.now(timezone.utc) - timedelta(minutes=5)
    tx = str(uuid.uuid4())

    def meter(wh: float, at: datetime, power_w: float | None = None) -> list[dict]:
        samples = [{"value": wh, "measurand": "Energy.Active.Import.Register", "unit_of_measure": {"unit": "Wh"}}]
        if power_w is not None:
            samples.append({"value": power_w / 1000, "measurand": "Power.Active.Import", "unit_of_measure": {"unit": "kW"}})
        return [{"timestamp": iso(at), "sampled_value": samples}]

    outbox = [
        call.StatusNotification(timestamp=iso(started), connector_status="Occupied", evse_id=1, connector_id=1,
                                custom_data={"vendorId": "org.stationmaster", "socket": "A"}),
        call.TransactionEvent(event_type="Started", timestamp=iso(started), trigger_reason="Authorized", seq_no=0,
                              transaction_info={"transaction_id": tx, "charging_state": "EVConnected"},
                              evse={"id": 1, "connector_id": 1}, id_token={"id_token": "TAG-1", "type": "ISO14443"},
                              meter_value=meter(1000, started)),
        call.TransactionEvent(event_type="Updated", timestamp=iso(started + timedelta(minutes=1)),
                              trigger_reason="MeterValuePeriodic", seq_no=1, offline=True,
                              transaction_info={"transaction_id": tx, "charging_state": "Charging"},
                              meter_value=meter(1180, started + timedelta(minutes=1), 11000)),
        call.MeterValues(evse_id=0, meter_value=meter(50_000, started + timedelta(minutes=1), 7000)),
        call.DataTransfer(vendor_id="org.stationmaster", message_id="BatteryTelemetry",
                          data={"timestamp": iso(started + timedelta(minutes=1)), "soc_percent": 62.5, "power_w": -3000,
                                "setpoint_w": -3000, "mode": "peak-shaving", "quality": "fresh"}),
        call.TransactionEvent(event_type="Ended", timestamp=iso(started + timedelta(minutes=2)),
                              trigger_reason="StopAuthorized", seq_no=2,
                              transaction_info={"transaction_id": tx, "charging_state": "Idle", "stopped_reason": "Local"},
                              evse={"id": 1, "connector_id": 1}, meter_value=meter(1360, started + timedelta(minutes=2))),
    ]

    async def scenario():
        with pytest.raises(InvalidStatus) as refused:
            await websockets.connect(cpms["url"] + sid, subprotocols=["ocpp2.0.1"],
                                     additional_headers=basic(sid, "wrong-password-000"), open_timeout=10)
        assert refused.value.response.status_code == 400
        with pytest.raises(InvalidStatus):
            await websockets.connect(cpms["url"] + sid, subprotocols=["ocpp1.6"],
                                     additional_headers=basic(sid, cpms["password"]), open_timeout=10)

        ws = await websockets.connect(cpms["url"] + sid, subprotocols=["ocpp2.0.1"],
                                      additional_headers=basic(sid, cpms["password"]), open_timeout=10)
        assert ws.subprotocol == "ocpp2.0.1"
        station = Station(sid, ws, response_timeout=15)
        runner = asyncio.create_task(station.start())
        try:
            boot = await station.call(call.BootNotification(
                charging_station={"model": "Interop201", "vendor_name": "PyOCPP", "firmware_version": "9.9"},
                reason="PowerUp"))
            assert boot.status == "Accepted" and boot.interval == 60
            await station.call(call.Heartbeat())

            for message in outbox:
                answer = await station.call(message)
                if isinstance(message, call.DataTransfer):
                    assert answer.status == "Accepted"
                if isinstance(message, call.TransactionEvent) and message.id_token:
                    assert answer.id_token_info["status"] == "Accepted"
            # The outbox after an outage: the same messages again, answered as before.
            for message in outbox:
                answer = await station.call(message)
                if isinstance(message, call.DataTransfer):
                    assert answer.status == "Accepted"

            unknown_vendor = await station.call(call.DataTransfer(vendor_id="com.example", message_id="X"))
            assert unknown_vendor.status == "UnknownVendorId"
            unknown_message = await station.call(call.DataTransfer(vendor_id="org.stationmaster", message_id="Nope"))
            assert unknown_message.status == "UnknownMessageId"
            malformed = await station.call(call.DataTransfer(vendor_id="org.stationmaster", message_id="BatteryTelemetry",
                                                              data={"soc_percent": 150}))
            assert malformed.status == "Rejected"

            status, body = await asyncio.to_thread(
                api, "POST", f"/api/stations/{sid}/commands/availability", {"evse_id": 1, "operative": False})
            assert status == 200, body
            assert body["action"] == "ChangeAvailability" and body["response"]["status"] == "Accepted"
            assert station.availability == [(1, "Inoperative")]

            status, body = await asyncio.to_thread(
                api, "POST", f"/api/stations/{sid}/commands/start", {"evse_id": 1, "id_token": "REMOTE-TAG"})
            assert status == 200, body
            assert body["response"] == {"status": "Accepted", "transaction_id": "REMOTE-1"}
            assert station.remote_starts[0]["id_token"] == "REMOTE-TAG"

            status, body = await asyncio.to_thread(
                api, "POST", f"/api/stations/{sid}/commands/availability", {"evse_id": 1, "operative": "no"})
            assert status == 400 and "operative" in body["error"]
        finally:
            runner.cancel()
            await ws.close()

    asyncio.run(scenario())

    status, body = api("GET", "/api/stations", token_=None)
    assert status == 401 and "error" in body

    status, stations = api("GET", "/api/stations")
    assert status == 200
    [listed] = [entry for entry in stations if entry["id"] == sid]
    assert listed["duplicates_ignored"] == 6, "every replayed message is counted once"
    assert listed["evses"] == [{"evse": 1, "connector": 1, "status": "Occupied", "socket": "A",
                                "updated_at": iso(started)}]

    status, transactions = api("GET", f"/api/stations/{sid}/transactions")
    assert status == 200
    [transaction] = transactions["transactions"]
    assert transaction["transaction_id"] == tx
    assert transaction["id_token"] == "TAG-1" and transaction["evse"] == 1
    assert transaction["stopped_reason"] == "Local" and transaction["energy_wh"] == 1360
    assert [(e["seq_no"], e["event_type"], e["offline"]) for e in transaction["events"]] == [
        (0, "Started", False), (1, "Updated", True), (2, "Ended", False)]
    assert [e["trigger_reason"] for e in transaction["events"]] == ["Authorized", "MeterValuePeriodic", "StopAuthorized"]

    status, meters = api("GET", f"/api/stations/{sid}/meter-values?evse=0")
    assert status == 200
    [grid] = meters["meter_values"]
    assert grid["energy_wh"] == 50_000 and grid["power_w"] == 7000

    status, detail = api("GET", f"/api/stations/{sid}")
    assert status == 200
    assert detail["boot"]["vendor_name"] == "PyOCPP" and detail["boot"]["firmware_version"] == "9.9"
    assert detail["latest_battery_telemetry"]["soc_percent"] == 62.5
    assert detail["open_sessions"] == []

    status, body = api("GET", f"/api/stations/{sid}/meter-values?evse=x")
    assert status == 400 and "evse" in body["error"]
    status, body = api("POST", f"/api/stations/{sid}/commands/reset", {})
    assert status == 409 and "not connected" in body["error"]
    status, body = api("GET", "/api/stations/NOPE")
    assert status == 404

    shown = json.loads(cpms["cli"]("station", "show", sid, "--json").stdout)
    assert shown["stored"] == {"availability_audit": 0, "battery_telemetry": 1, "evse_status": 1, "meter_values": 1,
                               "station_events": 0, "transaction_events": 3, "transactions": 1}
    assert shown["station"]["duplicates_ignored"] == 6
    assert f"refused station connection for {sid}" in cpms["log"].read_text()


def test_cpms_cli_names_what_is_wrong_and_exits_with_its_status(tmp_path):
    binary = str(BIN / "cpms")

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([binary, *args], capture_output=True, text=True, timeout=60, cwd=tmp_path)

    bad_scheme = run("station", "list", "--database", "mysql://db/cpms")
    assert bad_scheme.returncode == 64 and 'unsupported database URL "mysql://db/cpms"' in bad_scheme.stderr
    no_directory = run("station", "list", "--database", f"sqlite://{tmp_path}/missing/cpms.db")
    assert no_directory.returncode == 1 and "does not exist" in no_directory.stderr
    unreachable = run("station", "list", "--database", f"postgres://cpms:secret@127.0.0.1:{free_port()}/cpms")
    assert unreachable.returncode == 1 and "cannot connect" in unreachable.stderr and "secret" not in unreachable.stderr
    assert run("station", "add").returncode == 64
    assert run("station", "add", "bad/id", "--database", "sqlite://cpms.db").returncode == 1
    assert run("station", "show", "NOPE", "--database", "sqlite://cpms.db").returncode == 1
    added = run("station", "add", "--count", "3", "--prefix", "fleet-", "--database", "sqlite://cpms.db")
    assert added.returncode == 0 and added.stdout.count("password") == 3
    listed = json.loads(run("station", "list", "--json", "--database", "sqlite://cpms.db").stdout)
    assert [station["id"] for station in listed] == ["fleet-0001", "fleet-0002", "fleet-0003"]
    no_server = run("command", "reset", "fleet-0001", "--url", f"http://127.0.0.1:{free_port()}", "--token", "t")
    assert no_server.returncode == 1 and "cannot reach cpms" in no_server.stderr
