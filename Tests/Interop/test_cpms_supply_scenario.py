"""Energy supply end to end, in real time: the real `cpms serve` (SQLite) with a DSO whose prices come from a
JSON feed the test serves on 127.0.0.1, the real stationd connected to it, and station-sim with a battery,
a 6 kW base load and a battery inverter that follows its setpoint 2 s late at 3 kW/s.

"Accelerated": a cheap night and a dear evening hours apart do not fit a test, and windows are 15 minutes,
so the prices are placed relative to now: first the current window is cheap and the next hours dear (the
battery charges now), then a new feed makes the current window dear and the next hours cheap (the battery
discharges now). Then the feed fails (HTTP 500); once the contract's short forecast bound has passed, the
plan falls back to the contract's fallback price (quality `fallback`) and the station still has a schedule,
with that price. Throughout, the station's grid cap is the plan's cap for the window (the
ChargingStationMaxProfile cpms sent).

A second test takes the group's capacity from an OSCP 2.0 Capacity Provider (PyPI pyoscp, Tests/Interop/
oscp_cp_peer.py): an UpdateGroupCapacityForecast for the station's group becomes the grid cap in force at
stationd, as the CSMS reads it with GetVariables `SmartChargingCtrlr.GridCap` through cpms's API.

A third test takes the DSO's prices from an OpenADR 2.0b VTN (PyPI openleadr): a price event added at the VTN
reaches stationd as a new PriceSchedule with the event's price in force. How fast is measured by
scripts/bench-supply-latency, not asserted here.

Every wait polls with a generous deadline: the simulator's battery and meter lag like real devices, and cpms
replans on its own timer and the feed's refresh.
"""

from __future__ import annotations

import json
import time
import urllib.request

import pytest

from supply_rig import STATION, Cpms, OpenADRVTN, PriceFeed, Station, current_window, iso, openadr_dso, parse
from test_stationd_process import BIN, wait_until

CHEAP, DEAR, FALLBACK = 0.05, 0.40, 0.30
CAPACITY_W = 15_000
FORECAST_BOUND_S = 20


def dso(feed_url: str) -> dict:
    return {
        "id": "dso-e2e", "name": "End-to-end DSO",
        "contract": {"groups": [STATION], "capacityW": CAPACITY_W, "currency": "EUR", "surchargePerKWh": 0,
                     "fallbackPricePerKWh": FALLBACK, "forecastBoundSeconds": FORECAST_BOUND_S},
        "feeds": [{"kind": "json", "source": feed_url, "refreshSeconds": 2}],
    }


@pytest.fixture
def rig(tmp_path):
    for binary in ("cpms", "stationd", "station-sim", "stationctl"):
        if not (BIN / binary).exists():
            pytest.fail(f"{BIN / binary} is missing: run `swift build`", pytrace=False)
    logs = {name: open(tmp_path / f"{name}.log", "a") for name in ("sim", "stationd", "cpms")}
    feed = PriceFeed()
    # Replanning every 5 s: the plan falls back soon after the forecast bound passes (a failing feed brings
    # no new forecast that would wake the planner).
    cpms = Cpms(tmp_path, logs["cpms"], extra_args=["--supply-replan-interval", "5"])
    station = Station(tmp_path, cpms.port, logs)
    try:
        cpms.start()
        station.start()
        yield cpms, station, feed
    finally:
        station.stop()
        cpms.stop()
        feed.close()
        for log in logs.values():
            log.close()


def current_choice(cpms: Cpms) -> dict | None:
    """The plan's choice for the station's group in the window now."""
    code, plan = cpms.api("GET", f"supply/plan?group={STATION}")
    assert code == 200, plan
    now_window = current_window()
    return next((c for c in plan if parse(c["window_start"]) == now_window), None)


def test_the_battery_follows_the_dsos_prices_and_a_silent_feed_falls_back(rig):
    cpms, station, feed = rig

    def prices() -> dict:
        return station.status().get("prices") or {}

    def battery_w() -> float:
        # Local API: positive = discharging, negative = charging (as the inverter reports it).
        return station.status()["battery"]["power_w"] or 0.0

    # Cheap now, dear for the next four hours: the battery charges now.
    feed.publish(lambda now: [CHEAP] + [DEAR] * 16)
    code, body = cpms.api("POST", "dsos", dso(feed.url))
    assert code == 201, body

    wait_until(lambda: prices().get("source") == "central" and prices().get("import_price") == CHEAP, 90,
               "the station to plan with the feed's cheap window")
    first_version = prices()["central_version"]
    choice = current_choice(cpms)
    assert choice and choice["dso"] == "dso-e2e" and choice["quality"] == "fresh", choice
    # The grid cap in force at the station is the plan's cap for this window, sent as a ChargingStationMaxProfile.
    wait_until(lambda: station.status()["grid"]["cap_w"] == min(22_000, current_choice(cpms)["cap_w"]), 60,
               "the station's grid cap to be the plan's")
    wait_until(lambda: battery_w() < -1_000, 60, "the battery to charge in the cheap window")

    # The feed changes its mind: dear now, cheap for the next four hours. The battery discharges now.
    feed.publish(lambda now: [DEAR] + [CHEAP] * 16)
    wait_until(lambda: prices().get("import_price") == DEAR, 90, "the station to see the dear window")
    assert prices()["central_version"] > first_version
    wait_until(lambda: battery_w() > 1_000, 60, "the battery to discharge in the dear window")

    # The feed goes silent (500s). Within the forecast bound the last forecast is still used; after it the plan
    # falls back to the contract's fallback price, and the station is sent that schedule.
    feed.fail()
    wait_until(lambda: (current_choice(cpms) or {}).get("quality") == "fallback", FORECAST_BOUND_S + 90,
               "the plan to fall back once the forecast bound has passed")
    choice = current_choice(cpms)
    assert float(choice["price_per_kwh"]) == FALLBACK, choice
    code, feeds = cpms.api("GET", "supply/feeds")
    assert code == 200 and any(f["dso"] == "dso-e2e" and f["feed"] == "json" and f.get("last_error") for f in feeds), feeds
    wait_until(lambda: prices().get("import_price") == FALLBACK, 90,
               "the station to be sent the fallback schedule")
    assert prices()["source"] == "central", "the station still plans with a schedule from cpms"
    assert station.status()["uplink"]["connected"]


@pytest.fixture
def openadr_rig(tmp_path):
    for binary in ("cpms", "stationd", "station-sim", "stationctl"):
        if not (BIN / binary).exists():
            pytest.fail(f"{BIN / binary} is missing: run `swift build`", pytrace=False)
    logs = {name: open(tmp_path / f"{name}.log", "a") for name in ("sim", "stationd", "cpms")}
    vtn = OpenADRVTN(tmp_path)
    cpms = Cpms(tmp_path, logs["cpms"])
    station = Station(tmp_path, cpms.port, logs)
    try:
        vtn.start()
        cpms.start()
        station.start()
        yield cpms, station, vtn
    finally:
        station.stop()
        cpms.stop()
        vtn.stop()
        for log in logs.values():
            log.close()


def test_an_openadr_price_event_reaches_stationd_as_a_new_schedule(openadr_rig):
    cpms, station, vtn = openadr_rig
    code, body = cpms.api("POST", "dsos", openadr_dso(vtn.port))
    assert code == 201, body
    vtn.wait_for_poll()

    def price_now() -> float | None:
        return (station.status().get("prices") or {}).get("import_price")

    for n, price in enumerate((0.123, 0.321)):
        # Far enough from a window boundary that the event's first window is the one in force when it arrives.
        wait_until(lambda: current_window(time.time() + 20) == current_window(), 30, "the window not to end within 20 s")
        vtn.price_event(f"e2e-{n}", current_window(), [[15, price], [60, 0.5]])
        wait_until(lambda: price_now() == price, 60, f"stationd to plan with the event's price {price}")
        prices = station.status()["prices"]
        assert prices["source"] == "central" and prices["central_version"] >= n + 1, prices
    code, plan = cpms.api("GET", f"supply/plan?group={STATION}")
    assert code == 200 and any(c["dso"] == "dso-adr" and float(c["price_per_kwh"]) == 0.321 for c in plan), plan


@pytest.fixture
def oscp_rig(tmp_path):
    from test_cpms_oscp import CapacityProvider

    for binary in ("cpms", "stationd", "station-sim", "stationctl"):
        if not (BIN / binary).exists():
            pytest.fail(f"{BIN / binary} is missing: run `swift build`", pytrace=False)
    logs = {name: open(tmp_path / f"{name}.log", "a") for name in ("sim", "stationd", "cpms")}
    provider = CapacityProvider(tmp_path)
    cpms = Cpms(tmp_path, logs["cpms"])
    station = Station(tmp_path, cpms.port, logs)
    try:
        cpms.start()
        station.start()
        yield cpms, station, provider
    finally:
        station.stop()
        cpms.stop()
        provider.stop()
        for log in logs.values():
            log.close()


def test_an_oscp_capacity_forecast_becomes_stationds_grid_cap(oscp_rig):
    cpms, station, provider = oscp_rig
    code, body = cpms.api("POST", "supply/groups", {"id": "depot", "members": [{"station": STATION, "connection_limit_w": 22_000}]})
    assert code == 200, body
    code, body = cpms.api("POST", "dsos", {
        "id": "dso-oscp", "name": "DSO via OSCP",
        "contract": {"groups": ["depot"], "capacityW": 100_000, "currency": "EUR", "surchargePerKWh": 0,
                     "fallbackPricePerKWh": 0.3, "forecastBoundSeconds": 86_400},
        "feeds": [{"kind": "oscp", "capacityProviderURL": provider.base, "registrationToken": provider.token_a,
                   "groupMapping": {"EAN-E2E": "depot"}, "measurementIntervalSeconds": 60}]})
    assert code == 201, body
    _, kept = wait_until(provider.registration, 60, "pyoscp and cpms to register with each other")
    token_b, fp_base = kept["register"]["token"], kept["register"]["base_url"]

    # The Capacity Provider's forecast: 20 A on all phases (13.8 kW at 230 V) now, 10 kW in the next window.
    now = current_window()
    forecast = {"group_id": "EAN-E2E", "type": "CONSUMPTION", "forecasted_blocks": [
        {"capacity": 20, "phase": "ALL", "unit": "A", "start_time": iso(now), "end_time": iso(now + 900)},
        {"capacity": 10, "phase": "ALL", "unit": "KW", "start_time": iso(now + 900), "end_time": iso(now + 1800)}]}
    request = urllib.request.Request(
        f"{fp_base}/update_group_capacity_forecast", method="POST", data=json.dumps(forecast).encode(),
        headers={"Authorization": f"Token {token_b}", "X-Request-ID": "e2e-forecast-1", "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as answer:
        assert answer.status == 204

    expected = 20 * 230 * 3
    if current_window() == now:
        wait_until(lambda: station.status()["grid"]["cap_w"] == expected, 60, f"stationd's grid cap to be {expected} W")
    else:
        expected = 10_000  # the window changed meanwhile: the profile's next period is in force
        wait_until(lambda: station.status()["grid"]["cap_w"] == expected, 60, f"stationd's grid cap to be {expected} W")
    code, read = cpms.api("POST", f"stations/{STATION}/commands/get-variables",
                          {"variables": [{"component": "SmartChargingCtrlr", "variable": "GridCap"}]})
    assert code == 200, read
    result = read["response"]["get_variable_result"][0]  # the station's answer, in the API's snake_case
    assert result["attribute_status"] == "Accepted" and float(result["attribute_value"]) in (expected, 10_000), read
