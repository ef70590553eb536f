"""The supply service against a real OCPP 2.0.1 station (the PyPI `ocpp` library, which checks every call
against the official schemas) and a real `cpms serve`, on SQLite and PostgreSQL (CPMS_TEST_POSTGRES_URL).

An operator registers a DSO with `cpms dso add` (a bad one is refused naming the field); the station boots and
is sent its PriceSchedule DataTransfer and its ChargingStationMaxProfile; the DSO's contract changes and the
station gets a new schedule with a higher version; while the station is away the contract changes again and it
gets that schedule when it boots again. The plan shows the fallback and why.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import uuid

import pytest
import websockets
from ocpp.routing import on
from ocpp.v201 import call, call_result
from ocpp.v201.enums import Action

from test_stationd_process import BIN, free_port, wait_until
from postgres_database import fresh_postgres_url
from test_cpms_ocpp201 import Station, basic, data_transfer_data_as_written  # noqa: F401 - the autouse fixture

BACKENDS = ["sqlite"] + (["postgres"] if os.environ.get("CPMS_TEST_POSTGRES_URL") else [])


class SupplyStation(Station):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.schedules: list[dict] = []
        self.profiles: list[dict] = []

    @on(Action.data_transfer)
    def on_data_transfer(self, vendor_id, message_id=None, data=None, **_):
        assert vendor_id == "org.stationmaster" and message_id == "PriceSchedule"
        self.schedules.append(json.loads(data) if isinstance(data, str) else data)
        return call_result.DataTransfer(status="Accepted")

    @on(Action.set_charging_profile)
    def on_set_charging_profile(self, evse_id, charging_profile, **_):
        self.profiles.append({"evse_id": evse_id, **charging_profile})
        return call_result.SetChargingProfile(status="Accepted")


@pytest.fixture(params=BACKENDS)
def cpms(request, tmp_path):
    binary = BIN / "cpms"
    if not binary.exists():
        pytest.fail(f"{binary} is missing: run `swift build`", pytrace=False)
    database = fresh_postgres_url() if request.param == "postgres" else f"sqlite://{tmp_path / 'cpms.db'}"

    def offline(*args: str) -> str:
        done = subprocess.run([str(binary), *args, "--database", database], capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, f"cpms {' '.join(args)} failed: {done.stderr}"
        return done.stdout

    station = f"SUP-{uuid.uuid4().hex[:8]}"
    password = offline("station", "add", station).split()[3]
    token = offline("token", "add", "interop").strip()
    port = free_port()
    log = open(tmp_path / "cpms.log", "w")
    process = subprocess.Popen(
        [str(binary), "serve", "--port", str(port), "--database", database, "--log-level", "info", "--supply-replan-interval", "1"],
        stdout=log, stderr=subprocess.STDOUT)

    def cli(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([str(binary), *args, "--url", f"http://127.0.0.1:{port}", "--token", token],
                              capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)

    try:
        wait_until(lambda: cli("dso", "list").returncode == 0, 60, "cpms to answer")
        yield {"url": f"ws://127.0.0.1:{port}/ocpp/", "station": station, "password": password, "cli": cli, "tmp": tmp_path}
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            assert process.wait(timeout=30) == 0, "cpms should exit cleanly on SIGTERM"
        finally:
            if process.poll() is None:
                process.kill()
            log.close()


def dso_file(tmp, station: str, fallback: float, currency: str = "EUR") -> str:
    path = tmp / f"dso-{fallback}-{currency}.json"
    path.write_text(json.dumps({
        "id": "grid", "name": "Grid Co",
        "contract": {"groups": [station], "capacityW": 50000, "currency": currency, "surchargePerKWh": 0,
                     "fallbackPricePerKWh": fallback, "forecastBoundSeconds": 3600,
                     "energyMix": {"is_green_energy": False, "energy_sources": [{"source": "WIND", "percentage": 40},
                                                                                {"source": "GAS", "percentage": 60}]}},
        "feeds": []}))
    return str(path)


async def wait_for(predicate, what: str, timeout: float = 30):
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not predicate():
        assert loop.time() < deadline, f"timed out waiting for {what}"
        await asyncio.sleep(0.1)


def test_a_station_gets_its_schedule_and_cap_and_what_changed_while_it_was_away(cpms):
    cli, station_id, tmp = cpms["cli"], cpms["station"], cpms["tmp"]
    bad = cli("dso", "add", dso_file(tmp, station_id, 0.25, currency="euro"))
    assert bad.returncode == 1 and "contract.currency" in bad.stderr, bad.stderr
    added = cli("dso", "add", dso_file(tmp, station_id, 0.25))
    assert added.returncode == 0, added.stderr
    assert json.loads(added.stdout)["contract"]["fallbackPricePerKWh"] == 0.25

    def first_price(schedule: dict) -> float:
        return schedule["slots"][0]["price_per_kwh"]

    async def connect() -> tuple[SupplyStation, asyncio.Task]:
        ws = await websockets.connect(cpms["url"] + station_id, subprotocols=["ocpp2.0.1"],
                                      additional_headers=basic(station_id, cpms["password"]), open_timeout=10)
        station = SupplyStation(station_id, ws, response_timeout=15)
        runner = asyncio.create_task(station.start())
        boot = await station.call(call.BootNotification(
            charging_station={"model": "Interop201", "vendor_name": "PyOCPP"}, reason="PowerUp"))
        assert boot.status == "Accepted"
        return station, runner

    async def scenario():
        station, runner = await connect()
        await wait_for(lambda: station.schedules and station.profiles, "the first schedule and cap")
        first = station.schedules[-1]
        assert first["currency"] == "EUR" and len(first["slots"]) == 96
        assert first_price(first) == 0.25 and first["slots"][0]["renewable_share"] == 0.4
        profile = station.profiles[-1]
        assert profile["evse_id"] == 0
        assert profile["charging_profile_purpose"] == "ChargingStationMaxProfile"
        assert profile["charging_schedule"][0]["charging_rate_unit"] == "W"
        assert profile["charging_schedule"][0]["duration"] == 86400
        assert [p["limit"] for p in profile["charging_schedule"][0]["charging_schedule_period"]] == [22000]

        updated = cli("dso", "update", dso_file(tmp, station_id, 0.31))
        assert updated.returncode == 0, updated.stderr
        await wait_for(lambda: first_price(station.schedules[-1]) == 0.31, "the changed schedule")
        assert station.schedules[-1]["version"] > first["version"]
        version = station.schedules[-1]["version"]

        plan = json.loads(cli("supply", "plan", "--group", station_id).stdout)
        assert plan[0]["dso"] == "grid" and plan[0]["quality"] == "fallback" and plan[0]["price_per_kwh"] == 0.31
        assert any("no price forecast covers the window" in reason for reason in plan[0]["reasons"]), plan[0]["reasons"]
        assert [s["source"] for s in plan[0]["energy_mix"]["energy_sources"]] == ["WIND", "GAS"]

        await station._connection.close()
        runner.cancel()
        changed = cli("dso", "update", dso_file(tmp, station_id, 0.29))
        assert changed.returncode == 0, changed.stderr
        wait_plan = lambda: json.loads(cli("supply", "plan", "--group", station_id).stdout)[0]["price_per_kwh"] == 0.29  # noqa: E731
        await wait_for(wait_plan, "the plan with the new price")

        again, runner = await connect()
        await wait_for(lambda: again.schedules, "the schedule missed while away")
        assert first_price(again.schedules[-1]) == 0.29 and again.schedules[-1]["version"] > version
        await again._connection.close()
        runner.cancel()

    asyncio.run(scenario())
