"""A real OCPP 2.0.1 charging station (the PyPI `ocpp` library) against stationd's OCPP server.

The same station as the 1.6 test; the charger negotiates ocpp2.0.1 and runs a transaction with
TransactionEvent Started/Updated/Ended, meter values, a charging profile from the energy manager, a
technician's disable as ChangeAvailability, and a reconnect.
"""

from __future__ import annotations

import asyncio
import subprocess
from datetime import datetime, timezone

import websockets
from ocpp.routing import on
from ocpp.v201 import ChargePoint, call, call_result
from ocpp.v201.enums import Action

from test_ocpp16_chargers import CHARGER, PASSWORD, TAG, auth, eventually, socket3, station  # noqa: F401 (fixture)
from test_stationd_process import BIN


def now() -> str:
    return datetime.now(timezone.utc).isoformat().replace("+00:00", "Z")


class Station201(ChargePoint):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.profiles: list[dict] = []
        self.availability: list[str] = []

    @on(Action.set_charging_profile)
    def on_set_charging_profile(self, evse_id, charging_profile, **_):
        self.profiles.append({"evse": evse_id, **charging_profile})
        return call_result.SetChargingProfile(status="Accepted")

    @on(Action.change_availability)
    def on_change_availability(self, operational_status, **_):
        self.availability.append(operational_status)
        return call_result.ChangeAvailability(status="Accepted")


async def connect(url: str):
    return await websockets.connect(url + CHARGER, subprotocols=["ocpp2.0.1", "ocpp1.6"],
                                    additional_headers=auth(CHARGER, PASSWORD), open_timeout=10)


def energy(wh: float, power_w: float | None = None) -> list[dict]:
    samples = [{"value": wh, "measurand": "Energy.Active.Import.Register", "unit_of_measure": {"unit": "Wh"}}]
    if power_w is not None:
        samples.append({"value": power_w / 1000, "measurand": "Power.Active.Import", "unit_of_measure": {"unit": "kW"}})
    return [{"timestamp": now(), "sampled_value": samples}]


def test_charging_station_201_runs_a_transaction_and_obeys_the_station(station):  # noqa: F811
    async def status():
        return await asyncio.to_thread(station["status"])

    async def scenario():
        ws = await connect(station["url"])
        assert ws.subprotocol == "ocpp2.0.1", "2.0.1 is preferred when both are offered"
        cs = Station201(CHARGER, ws, response_timeout=10)
        runner = asyncio.create_task(cs.start())

        boot = await cs.call(call.BootNotification(
            charging_station={"model": "Interop201", "vendor_name": "PyOCPP"}, reason="PowerUp"))
        assert boot.status == "Accepted"
        assert boot.interval == 120

        await cs.call(call.StatusNotification(timestamp=now(), connector_status="Available", evse_id=1, connector_id=1))
        assert socket3(await status())["status"] == "Available"

        accepted = await cs.call(call.Authorize(id_token={"id_token": TAG, "type": "ISO14443"}))
        assert accepted.id_token_info["status"] == "Accepted"
        unknown = await cs.call(call.Authorize(id_token={"id_token": "NOBODY", "type": "ISO14443"}))
        assert unknown.id_token_info["status"] == "Invalid"

        await cs.call(call.StatusNotification(timestamp=now(), connector_status="Occupied", evse_id=1, connector_id=1))
        started = await cs.call(call.TransactionEvent(
            event_type="Started", timestamp=now(), trigger_reason="Authorized", seq_no=0,
            transaction_info={"transaction_id": "TX-201-1", "charging_state": "Charging"},
            evse={"id": 1, "connector_id": 1}, id_token={"id_token": TAG, "type": "ISO14443"},
            meter_value=energy(2000)))
        assert started.id_token_info["status"] == "Accepted"
        await cs.call(call.TransactionEvent(
            event_type="Updated", timestamp=now(), trigger_reason="MeterValuePeriodic", seq_no=1,
            transaction_info={"transaction_id": "TX-201-1", "charging_state": "Charging"},
            meter_value=energy(2750, power_w=7400)))

        for _ in range(50):
            charging = await status()
            if socket3(charging)["status"] == "Charging":
                break
            await asyncio.sleep(0.2)
        assert socket3(charging)["status"] == "Charging"
        assert socket3(charging)["session"]["id_tag"] == TAG
        assert socket3(charging)["session"]["energy_wh"] == 750
        assert socket3(charging)["power_w"] == 7400

        await eventually(lambda: cs.profiles, 10, "a charging profile")
        profile = cs.profiles[-1]
        assert profile["evse"] == 1
        assert profile["charging_profile_purpose"] == "TxDefaultProfile"
        schedule = profile["charging_schedule"][0]
        assert schedule["charging_rate_unit"] == "A"
        assert 6 <= schedule["charging_schedule_period"][0]["limit"] <= 32

        done = await asyncio.to_thread(
            subprocess.run, [BIN / "stationctl", "socket", "3", "disable", "--reason", "inspection", "--actor",
                             "fabio", "--api", station["api"]], capture_output=True, text=True, timeout=20)
        assert done.returncode == 0, done.stderr
        await eventually(lambda: "Inoperative" in cs.availability, 10, "ChangeAvailability Inoperative")
        disabled = await status()
        assert socket3(disabled)["status"] == "Unavailable"
        assert socket3(disabled).get("session") is None

        ended = await cs.call(call.TransactionEvent(
            event_type="Ended", timestamp=now(), trigger_reason="Deauthorized", seq_no=2,
            transaction_info={"transaction_id": "TX-201-1", "stopped_reason": "Local"}, meter_value=energy(2800)))
        assert ended is not None

        ws2 = await connect(station["url"])
        cs2 = Station201(CHARGER, ws2, response_timeout=10)
        runner2 = asyncio.create_task(cs2.start())
        again = await cs2.call(call.BootNotification(
            charging_station={"model": "Interop201", "vendor_name": "PyOCPP"}, reason="PowerUp"))
        assert again.status == "Accepted"
        await cs2.call(call.Heartbeat())
        runner.cancel()
        runner2.cancel()
        await ws2.close()

    asyncio.run(scenario())
