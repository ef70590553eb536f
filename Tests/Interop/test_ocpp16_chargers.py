"""A real OCPP 1.6 charge point (the PyPI `ocpp` library) against stationd's OCPP server.

stationd runs with the demo station (simulated by station-sim) plus one OCPP charger whose connector 1 is
socket 3. The charge point boots, reports status, authorises against the local list, runs a whole
transaction with meter values, receives charging profiles from the energy manager, goes Unavailable when a
technician disables its socket, and reconnects. Wrong credentials, unknown chargers and a missing
subprotocol are refused at the WebSocket upgrade.
"""

from __future__ import annotations

import asyncio
import base64
import http.client
import json
import shutil
import signal
import socket
import subprocess
import time
from datetime import datetime, timezone

import pytest
import websockets
from ocpp.routing import on
from ocpp.v16 import ChargePoint, call, call_result
from ocpp.v16.enums import (Action, AuthorizationStatus, AvailabilityStatus, ChargePointErrorCode,
                            ChargePointStatus, ChargingProfileStatus, RegistrationStatus)

from test_stationd_process import BIN, free_port, wait_until
from conftest import REPO_ROOT
from demo_station import pin_tariff

CHARGER = "CP-INTEROP-1"
PASSWORD = "interop-password-0001"
TAG = "04A2B3C4D5E6F7"


def now() -> str:
    return datetime.now(timezone.utc).isoformat().replace("+00:00", "Z")


class Charger(ChargePoint):
    """Records what stationd asks of it."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.profiles: list[dict] = []
        self.availability: list[str] = []
        self.reservations: list[dict] = []
        self.remote_starts: list[dict] = []
        self.remote_stops: list[int] = []

    @on(Action.set_charging_profile)
    def on_set_charging_profile(self, connector_id, cs_charging_profiles, **_):
        self.profiles.append({"connector": connector_id, **cs_charging_profiles})
        return call_result.SetChargingProfile(status=ChargingProfileStatus.accepted)

    @on(Action.change_availability)
    def on_change_availability(self, connector_id, type, **_):
        self.availability.append(type)
        return call_result.ChangeAvailability(status=AvailabilityStatus.accepted)

    @on(Action.reserve_now)
    def on_reserve_now(self, connector_id, expiry_date, id_tag, reservation_id, **_):
        self.reservations.append({"connector": connector_id, "id_tag": id_tag, "reservation_id": reservation_id})
        return call_result.ReserveNow(status="Accepted")

    @on(Action.remote_start_transaction)
    def on_remote_start(self, id_tag, connector_id=None, **_):
        self.remote_starts.append({"connector": connector_id, "id_tag": id_tag})
        return call_result.RemoteStartTransaction(status="Accepted")

    @on(Action.remote_stop_transaction)
    def on_remote_stop(self, transaction_id, **_):
        self.remote_stops.append(transaction_id)
        return call_result.RemoteStopTransaction(status="Accepted")


@pytest.fixture
def station(tmp_path):
    modbus_port, api_port, ocpp_port = free_port(), free_port(), free_port()
    (tmp_path / "stations").mkdir()
    shutil.copytree(REPO_ROOT / "firmware-config" / "devices", tmp_path / "devices")
    text = pin_tariff((REPO_ROOT / "firmware-config" / "stations" / "demo.yaml").read_text())
    text = text.replace("port: 5020", f"port: {modbus_port}").replace("port: 8181", f"port: {api_port}")
    text = text.replace("../../.stationmaster/demo/outbox.sqlite", str(tmp_path / "outbox.sqlite"))
    text += f"""
ocpp_server:
  host: 127.0.0.1
  port: {ocpp_port}
  heartbeat_interval_s: 120
  chargers:
    - id: {CHARGER}
      password: {PASSWORD}
      connectors:
        - {{ connector: 1, socket: 3, max_current_a: 32, phases: 3 }}
authorization:
  local_list:
    - {{ id_tag: "{TAG}", status: accepted }}
    - {{ id_tag: "BLOCKED-1", status: blocked }}
"""
    config = tmp_path / "stations" / "demo.yaml"
    config.write_text(text)
    logs = {name: open(tmp_path / f"{name}.log", "w") for name in ("sim", "stationd")}
    sim = subprocess.Popen([BIN / "station-sim", "--config", config, "--quiet"], stdout=logs["sim"],
                           stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    wait_until(lambda: socket.create_connection(("127.0.0.1", modbus_port), timeout=1).close() or True, 15,
               "station-sim to listen")
    stationd = subprocess.Popen([BIN / "stationd", "--config", config], stdout=logs["stationd"],
                                stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    api = f"http://127.0.0.1:{api_port}"

    def status():
        done = subprocess.run([BIN / "stationctl", "status", "--json", "--api", api], capture_output=True, text=True,
                              timeout=20, stdin=subprocess.DEVNULL)
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout)

    wait_until(lambda: status()["cycle"] > 0, 30, "stationd's first cycle")
    try:
        yield {"url": f"ws://127.0.0.1:{ocpp_port}/ocpp/", "api": api, "status": status, "logs": tmp_path}
    finally:
        for process in (stationd, sim):
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
        for log in logs.values():
            log.close()


def auth(user: str, password: str) -> dict:
    token = base64.b64encode(f"{user}:{password}".encode()).decode()
    return {"Authorization": f"Basic {token}"}


async def connect(url: str, charger_id: str = CHARGER, password: str = PASSWORD, subprotocols=("ocpp1.6",)):
    return await websockets.connect(url + charger_id, subprotocols=list(subprotocols),
                                    additional_headers=auth(charger_id, password), open_timeout=10)


def socket3(status: dict) -> dict:
    return next(s for s in status["sockets"] if s["id"] == 3)


async def eventually(predicate, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        await asyncio.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def test_charge_point_runs_a_whole_transaction_and_obeys_the_station(station):
    async def scenario():
        ws = await connect(station["url"])
        assert ws.subprotocol == "ocpp1.6"
        cp = Charger(CHARGER, ws, response_timeout=10)
        runner = asyncio.create_task(cp.start())

        boot = await cp.call(call.BootNotification(charge_point_model="Interop", charge_point_vendor="PyOCPP"))
        assert boot.status == RegistrationStatus.accepted
        assert boot.interval == 120

        await cp.call(call.StatusNotification(connector_id=1, error_code=ChargePointErrorCode.no_error,
                                              status=ChargePointStatus.available))
        assert socket3(await asyncio.to_thread(station["status"]))["status"] == "Available"

        assert (await cp.call(call.Authorize(id_tag=TAG))).id_tag_info["status"] == AuthorizationStatus.accepted
        assert (await cp.call(call.Authorize(id_tag="NOBODY"))).id_tag_info["status"] == AuthorizationStatus.invalid
        assert (await cp.call(call.Authorize(id_tag="BLOCKED-1"))).id_tag_info["status"] == AuthorizationStatus.blocked

        await cp.call(call.StatusNotification(connector_id=1, error_code=ChargePointErrorCode.no_error,
                                              status=ChargePointStatus.preparing))
        start = await cp.call(call.StartTransaction(connector_id=1, id_tag=TAG, meter_start=1000, timestamp=now()))
        assert start.id_tag_info["status"] == AuthorizationStatus.accepted
        assert start.transaction_id > 0
        await cp.call(call.StatusNotification(connector_id=1, error_code=ChargePointErrorCode.no_error,
                                              status=ChargePointStatus.charging))
        await cp.call(call.MeterValues(connector_id=1, transaction_id=start.transaction_id, meter_value=[{
            "timestamp": now(), "sampledValue": [
                {"value": "1500", "measurand": "Energy.Active.Import.Register", "unit": "Wh"},
                {"value": "11.0", "measurand": "Power.Active.Import", "unit": "kW"}]}]))

        # The next control cycle offers the new session current and takes the meter values: then the socket
        # charges and its session counts from meterStart.
        for _ in range(50):
            status = await asyncio.to_thread(station["status"])
            if socket3(status)["status"] == "Charging" and socket3(status)["session"]["energy_wh"] == 500:
                break
            await asyncio.sleep(0.2)
        assert socket3(status)["session"]["id_tag"] == TAG
        assert socket3(status)["session"]["energy_wh"] == 500, socket3(status)
        assert socket3(status)["power_w"] == 11000

        # The energy manager's limit reaches the charger as a charging profile.
        await eventually(lambda: cp.profiles, 10, "a charging profile")
        profile = cp.profiles[-1]
        assert profile["connector"] == 1
        assert profile["charging_profile_purpose"] == "TxDefaultProfile"
        limit = profile["charging_schedule"]["charging_schedule_period"][0]["limit"]
        assert 6 <= limit <= 32
        assert profile["charging_schedule"]["charging_rate_unit"] == "A"

        # A technician's disable reaches the charger as ChangeAvailability.
        done = await asyncio.to_thread(
            subprocess.run, [BIN / "stationctl", "socket", "3", "disable", "--reason", "cable check", "--actor",
                             "fabio", "--api", station["api"]], capture_output=True, text=True, timeout=20)
        assert done.returncode == 0, done.stderr
        await eventually(lambda: "Inoperative" in cp.availability, 10, "ChangeAvailability Inoperative")
        disabled = await asyncio.to_thread(station["status"])
        assert socket3(disabled)["status"] == "Unavailable"
        assert socket3(disabled).get("session") is None
        assert disabled["audit"][-1]["actor"] == "fabio"

        stop = await cp.call(call.StopTransaction(meter_stop=2000, timestamp=now(),
                                                  transaction_id=start.transaction_id, id_tag=TAG, reason="Local"))
        assert stop.id_tag_info["status"] == AuthorizationStatus.accepted

        # A reconnect replaces the old connection; the new one is served.
        ws2 = await connect(station["url"])
        cp2 = Charger(CHARGER, ws2, response_timeout=10)
        runner2 = asyncio.create_task(cp2.start())
        again = await cp2.call(call.BootNotification(charge_point_model="Interop", charge_point_vendor="PyOCPP"))
        assert again.status == RegistrationStatus.accepted
        await cp2.call(call.Heartbeat())
        await asyncio.wait_for(ws.wait_closed(), 10)
        assert ws.close_code == 1000
        runner.cancel()
        runner2.cancel()
        await ws2.close()

    asyncio.run(scenario())


def test_wrong_password_unknown_charger_and_missing_subprotocol_are_refused(station):
    async def refused(**kwargs) -> int:
        with pytest.raises(websockets.exceptions.InvalidStatus) as refusal:
            await connect(station["url"], **kwargs)
        return refusal.value.response.status_code

    async def scenario():
        assert await refused(password="wrong-password-000001") == 401
        assert await refused(charger_id="CP-NOBODY") == 404
        assert await refused(subprotocols=("ocpp2.1",)) == 400

    asyncio.run(scenario())
    log = (station["logs"] / "stationd.log").read_text()
    assert f"refused OCPP connection for {CHARGER}: unauthorized" in log
    assert "refused OCPP connection for CP-NOBODY: unknownCharger" in log
    assert "noCommonSubprotocol" in log


def test_plain_http_gets_the_status_that_says_why(station):
    host, port = station["url"].removeprefix("ws://").split("/")[0].split(":")

    def get(path: str, headers: dict | None = None) -> http.client.HTTPResponse:
        connection = http.client.HTTPConnection(host, int(port), timeout=10)
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        response.read()
        connection.close()
        return response

    assert get("/somewhere/else").status == 404
    assert get(f"/ocpp/{CHARGER}").status == 426
    upgrade = {"Connection": "Upgrade", "Upgrade": "websocket", "Sec-WebSocket-Version": "13",
               "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Protocol": "ocpp1.6"}
    unauthorized = get(f"/ocpp/{CHARGER}", upgrade)
    assert unauthorized.status == 401
    assert unauthorized.getheader("WWW-Authenticate") == 'Basic realm="stationd"'


def test_answers_keep_the_order_of_calls_and_the_websocket_protocol_is_kept(station):
    async def scenario():
        ws = await connect(station["url"])
        await ws.send(json.dumps([2, "b0", "BootNotification", {"chargePointModel": "Interop",
                                                              "chargePointVendor": "PyOCPP"}]))
        assert json.loads(await asyncio.wait_for(ws.recv(), 10))[1] == "b0"
        meter = {"connectorId": 1, "meterValue": [{"timestamp": now(), "sampledValue": [{"value": "100"}]}]}
        # Calls that wait for the controller and calls answered at once, sent without waiting for answers.
        calls = [("a1", "Authorize", {"idTag": TAG}), ("h1", "Heartbeat", {}), ("m1", "MeterValues", meter),
                 ("a2", "Authorize", {"idTag": "NOBODY"}), ("m2", "MeterValues", meter), ("h2", "Heartbeat", {})]
        for message_id, action, payload in calls:
            await ws.send(json.dumps([2, message_id, action, payload]))
        answers = [json.loads(await asyncio.wait_for(ws.recv(), 10)) for _ in calls]
        assert [answer[1] for answer in answers] == [message_id for message_id, _, _ in calls]
        assert all(answer[0] == 3 for answer in answers), answers
        # A message sent in fragments is one call.
        await ws.send(['[2,"f1",', '"Heartbeat",', '{}]'])
        fragmented = json.loads(await asyncio.wait_for(ws.recv(), 10))
        assert fragmented[:2] == [3, "f1"] and "currentTime" in fragmented[2]
        # Pings are answered.
        pong = await ws.ping()
        await asyncio.wait_for(pong, 10)
        await ws.close()
        assert ws.close_code == 1000
        # A message over max_frame_bytes (64 KiB here), whole or in fragments, closes the connection with 1009.
        for message in ("x" * 70_000, ["x" * 40_000, "x" * 40_000]):
            big = await connect(station["url"])
            await big.send(message)
            with pytest.raises(websockets.exceptions.ConnectionClosed):
                await asyncio.wait_for(big.recv(), 10)
            assert big.close_code == 1009

    asyncio.run(scenario())


def test_malformed_frames_get_callerrors_and_the_connection_lives_on(station):
    async def scenario():
        ws = await connect(station["url"])
        await ws.send("this is not json")
        await ws.send('[2, "m1", "NoSuchAction", {}]')
        await ws.send('[2, "m2", "Heartbeat", {"unexpected": 1}]')
        await ws.send('[2, "m3", "Authorize", {}]')
        answers = {}
        for _ in range(3):
            frame = json.loads(await asyncio.wait_for(ws.recv(), 10))
            answers[frame[1]] = frame
        assert answers["m1"][2] == "NotImplemented"
        assert answers["m2"][2] == "FormationViolation"
        assert answers["m3"][2] == "OccurenceConstraintViolation"
        await ws.send('[2, "m4", "Heartbeat", {}]')
        reply = json.loads(await asyncio.wait_for(ws.recv(), 10))
        assert reply[0] == 3 and reply[1] == "m4" and "currentTime" in reply[2]
        await ws.close()

    asyncio.run(scenario())


def test_reservation_and_remote_start_and_stop_reach_the_charge_point(station):
    async def ctl(*args):
        done = await asyncio.to_thread(
            subprocess.run, [BIN / "stationctl", "socket", "3", *args, "--api", station["api"]],
            capture_output=True, text=True, timeout=20)
        assert done.returncode == 0, done.stderr
        return done.stdout

    async def scenario():
        ws = await connect(station["url"])
        cp = Charger(CHARGER, ws, response_timeout=10)
        runner = asyncio.create_task(cp.start())
        await cp.call(call.BootNotification(charge_point_model="Interop", charge_point_vendor="PyOCPP"))
        await cp.call(call.StatusNotification(connector_id=1, error_code=ChargePointErrorCode.no_error,
                                              status=ChargePointStatus.available))

        out = await ctl("reserve", "--id-tag", TAG, "--minutes", "10")
        assert "reserved" in out
        assert cp.reservations and cp.reservations[0]["connector"] == 1 and cp.reservations[0]["id_tag"] == TAG
        reservation_id = cp.reservations[0]["reservation_id"]
        assert socket3(await asyncio.to_thread(station["status"]))["status"] == "Reserved"

        await ctl("start", "--id-tag", TAG)
        assert cp.remote_starts == [{"connector": 1, "id_tag": TAG}]
        # The charge point does what a remote start asks: the driver plugs in, it starts the transaction.
        await cp.call(call.StatusNotification(connector_id=1, error_code=ChargePointErrorCode.no_error,
                                              status=ChargePointStatus.preparing))
        start = await cp.call(call.StartTransaction(connector_id=1, id_tag=TAG, meter_start=0, timestamp=now(),
                                                    reservation_id=reservation_id))
        assert start.id_tag_info["status"] == AuthorizationStatus.accepted
        status = await asyncio.to_thread(station["status"])
        assert socket3(status)["session"]["id_tag"] == TAG
        assert socket3(status).get("reservation") is None, "the reservation was used"

        await ctl("stop")
        assert cp.remote_stops == [start.transaction_id]
        await cp.call(call.StopTransaction(meter_stop=100, timestamp=now(), transaction_id=start.transaction_id,
                                           reason="Remote"))
        assert socket3(await asyncio.to_thread(station["status"])).get("session") is None
        runner.cancel()
        await ws.close()

    asyncio.run(scenario())
