"""The Station and Energy pages of the operator portal in a real browser (Debian's chromium, selenium) against a
real `cpms serve`: a real OCPP 2.0.1 station (PyPI `ocpp`) reports a day of grid meter values, battery
telemetry, a charging session and an availability change; two DSOs publish price and mix forecasts through
JSON feeds (files). The Station page's plots render (chart.js canvases with data); the Energy page shows the
DSOs' feeds and the supply plan; an admin changes the policy and the plan's reasons change; a viewer sees no
form and the server refuses the change anyway. Screenshots at desktop and phone widths go to
.build/portal-screenshots (not committed).
"""

from __future__ import annotations

import json
import math
import time
import urllib.error
import urllib.request
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from ocpp.v201 import call

from test_cpms_portal import ADMIN_PASSWORD, TIMEOUT, VIEWER_PASSWORD, Cpms, LiveStation, browser, post_form, shoot
# DataTransfer.data and customData go out as written (the library would camel-case their keys): autouse.
from test_cpms_ocpp201 import data_transfer_data_as_written  # noqa: F401

from selenium.webdriver.common.by import By  # noqa: E402

WINDOW_S = 900


def iso(at: datetime) -> str:
    return at.astimezone(timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")


def price_feed(path: Path, price: float, renewable_share: float, co2: float):
    """A DSO's JSON feed document (docs/energy-supply.md) covering the next 30 hours, in 15-minute windows."""
    now = time.time()
    start = now - now % WINDOW_S
    intervals = [{"start": iso(datetime.fromtimestamp(start + i * WINDOW_S, timezone.utc)),
                  "end": iso(datetime.fromtimestamp(start + (i + 1) * WINDOW_S, timezone.utc)),
                  "price_per_kwh": round(price + 0.02 * math.sin(i / 8), 4), "renewable_share": renewable_share,
                  "co2_g_per_kwh": co2}
                 for i in range(120)]
    path.write_text(json.dumps({"currency": "EUR", "intervals": intervals}))


def api(cpms: Cpms, token: str, method: str, path: str, body: object | None = None) -> tuple[int, object]:
    request = urllib.request.Request(
        f"{cpms.base}/api/{path}", method=method, data=None if body is None else json.dumps(body).encode(),
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"null")


def send_history(station: LiveStation):
    """A day of the station's life, sent as a real station would report it (with past timestamps)."""
    now = datetime.now(timezone.utc).replace(microsecond=0)

    async def history():
        cp = station.station
        grid = []
        for i in range(96):
            at = now - timedelta(minutes=15 * (96 - i))
            power = 6.0 + 4.0 * math.sin(i / 10)
            grid.append({"timestamp": iso(at), "sampled_value": [
                {"value": power, "measurand": "Power.Active.Import", "unit_of_measure": {"unit": "kW"}},
                {"value": 100_000 + i * 1500, "measurand": "Energy.Active.Import.Register", "unit_of_measure": {"unit": "Wh"}}]})
        await cp.call(call.MeterValues(evse_id=0, meter_value=grid))
        for i in range(24):
            at = now - timedelta(hours=24 - i)
            answer = await cp.call(call.DataTransfer(
                vendor_id="org.stationmaster", message_id="BatteryTelemetry",
                data={"timestamp": iso(at), "soc_percent": 40 + 30 * math.sin(i / 4), "power_w": 3000 * math.cos(i / 4),
                      "setpoint_w": 0, "mode": "peak-shaving", "quality": "fresh"}))
            assert answer.status == "Accepted"

        tx = str(uuid.uuid4())
        started = now - timedelta(hours=3)

        def meter(wh: float, at: datetime, kw: float | None = None) -> list[dict]:
            samples = [{"value": wh, "measurand": "Energy.Active.Import.Register", "unit_of_measure": {"unit": "Wh"}}]
            if kw is not None:
                samples.append({"value": kw, "measurand": "Power.Active.Import", "unit_of_measure": {"unit": "kW"}})
            return [{"timestamp": iso(at), "sampled_value": samples}]

        await cp.call(call.TransactionEvent(
            event_type="Started", timestamp=iso(started), trigger_reason="Authorized", seq_no=0,
            transaction_info={"transaction_id": tx, "charging_state": "Charging"}, evse={"id": 1, "connector_id": 1},
            id_token={"id_token": "TAG-PORTAL", "type": "ISO14443"}, meter_value=meter(0, started, 11.0)))
        for seq in range(1, 9):
            at = started + timedelta(minutes=15 * seq)
            await cp.call(call.TransactionEvent(
                event_type="Updated", timestamp=iso(at), trigger_reason="MeterValuePeriodic", seq_no=seq,
                transaction_info={"transaction_id": tx, "charging_state": "Charging"},
                meter_value=meter(seq * 2750, at, 11.0 - seq * 0.5)))
        ended = started + timedelta(minutes=135)
        await cp.call(call.TransactionEvent(
            event_type="Ended", timestamp=iso(ended), trigger_reason="StopAuthorized", seq_no=9,
            transaction_info={"transaction_id": tx, "charging_state": "Idle", "stopped_reason": "Local"},
            evse={"id": 1, "connector_id": 1}, meter_value=meter(24_000, ended)))

        answer = await cp.call(call.DataTransfer(
            vendor_id="org.stationmaster", message_id="AvailabilityAudit",
            data={"timestamp": iso(now - timedelta(minutes=30)), "evse_id": 2, "socket": "B", "enabled": False,
                  "source": "technician", "actor": "jdoe", "reason": "cable damaged"}))
        assert answer.status == "Accepted"
        await station.status(2, "Unavailable")

    station.run(history(), timeout=120)


def chart_points(driver, chart: str) -> int:
    """How many points of the chart's datasets chart.js draws as part of a line (a point between two gaps draws
    nothing); 0 when it drew no chart."""
    return driver.execute_script(
        """const canvas = document.querySelector('[data-chart="' + arguments[0] + '"] canvas');
           const chart = canvas && window.Chart && Chart.getChart(canvas);
           if (!chart) { return 0; }
           const drawn = (p, i, a) => p.y !== null && ((i > 0 && a[i - 1].y !== null) || (i + 1 < a.length && a[i + 1].y !== null));
           return chart.data.datasets.reduce((n, d) => n + d.data.filter(drawn).length, 0);""", chart)


def shoot_whole(driver, name: str, width: int):
    """A screenshot of the whole page (the window made as tall as the page), then the window as it was."""
    height = driver.execute_script("return document.documentElement.scrollHeight;")
    driver.set_window_size(width, min(max(height + 140, 800), 6000))
    shoot(driver, name)
    driver.set_window_size(width, 800)


def wait_for(predicate, what: str, timeout: float = TIMEOUT, reload=None):
    """Waits for a condition; with `reload` (a driver), reloads the page between looks."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            if predicate():
                return
        except Exception:  # noqa: BLE001 - the page may be between loads
            pass
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.5)
        if reload is not None:
            reload.refresh()


def submit_and_wait(driver, button_selector: str):
    """Clicks a form's submit button and waits until the answer's page has replaced this one: the new page lacks
    the marker set in this one (robust however quickly the pages change, unlike waiting on a stale element)."""
    driver.execute_script("window.portalOldPage = true;")
    driver.find_element(By.CSS_SELECTOR, button_selector).click()
    wait_for(lambda: driver.execute_script("return window.portalOldPage !== true && document.readyState === 'complete';"),
             f"the page after {button_selector}")


def sign_in(driver, cpms: Cpms, name: str, password: str):
    driver.get(cpms.base + "/portal/login")
    driver.find_element(By.ID, "name").send_keys(name)
    driver.find_element(By.ID, "password").send_keys(password)
    submit_and_wait(driver, "form.stacked button[type=submit]")
    assert "/portal/login" not in driver.current_url, f"{name} was not signed in"


def no_horizontal_scrolling(driver, what: str):
    width = driver.execute_script("return document.documentElement.scrollWidth;")
    assert width <= 375 + 1, f"{what} is {width} px wide on a phone"


@pytest.fixture
def cpms(tmp_path):
    server = Cpms(tmp_path, "cpms", "--supply-replan-interval", "2")
    yield server
    server.stop()


def test_station_plots_render_and_an_admin_changes_the_energy_policy(cpms, tmp_path):
    station = LiveStation(cpms)
    token = cpms.cli("token", "add", "portal-energy").stdout.strip().split()[-1]
    price_feed(tmp_path / "grid.json", 0.20, 0.25, 380)
    price_feed(tmp_path / "green.json", 0.31, 0.92, 40)
    for dso, name in (("grid", "Grid Co"), ("green", "Green Power")):
        status, answer = api(cpms, token, "POST", "dsos", {
            "id": dso, "name": name,
            "contract": {"groups": [station.id], "capacityW": 50000, "currency": "EUR", "surchargePerKWh": 0.05,
                         "fallbackPricePerKWh": 0.40},
            "feeds": [{"kind": "json", "source": str(tmp_path / f"{dso}.json"), "refreshSeconds": 600}]})
        assert status == 201, answer
    send_history(station)
    wait_for(lambda: api(cpms, token, "GET", f"supply/plan?group={station.id}")[1], "the supply plan")

    driver = browser()
    try:
        sign_in(driver, cpms, "admin", ADMIN_PASSWORD)
        driver.get(f"{cpms.base}/portal/stations/{station.id}")
        assert driver.find_element(By.ID, "station-id").text == station.id
        wait_for(lambda: driver.find_element(By.ID, "charts").get_attribute("data-loaded") == "true", "the plots")
        for chart in ("grid", "sockets", "battery", "price"):
            assert chart_points(driver, chart) > 0, f"the {chart} plot has no data"
        assert chart_points(driver, "grid") >= 96
        assert chart_points(driver, "battery") >= 2 * 24
        sockets = driver.find_element(By.ID, "sockets").text
        assert "Disabled" in sockets and "technician (jdoe)" in sockets and "cable damaged" in sockets
        records = driver.find_element(By.ID, "records").text
        assert "TAG-PORTAL" in records and "24.00 kWh" in records and "no tariff" in records
        for url in driver.execute_script(
                "return Array.from(document.querySelectorAll('script[src],link[href]')).map(e => e.src || e.href);"):
            assert url.startswith(cpms.base + "/portal/"), url
        shoot_whole(driver, "station-desktop", 1280)
        driver.set_window_size(375, 800)
        driver.get(f"{cpms.base}/portal/stations/{station.id}")
        wait_for(lambda: driver.find_element(By.ID, "charts").get_attribute("data-loaded") == "true", "the plots on a phone")
        assert chart_points(driver, "battery") > 0
        no_horizontal_scrolling(driver, "the station page")
        shoot_whole(driver, "station-phone", 375)

        # The Energy page: both DSOs with their feeds, their forecasts plotted, the plan with its reasons.
        driver.set_window_size(1280, 800)
        driver.get(cpms.base + "/portal/energy")
        wait_for(lambda: "json: fresh" in driver.find_element(By.CSS_SELECTOR, 'tr[data-dso="green"]').text
                 and "json: fresh" in driver.find_element(By.CSS_SELECTOR, 'tr[data-dso="grid"]').text,
                 "both feeds fresh", reload=driver)
        dsos = driver.find_element(By.ID, "dsos").text.replace("\u00a0", " ")
        assert "Grid Co" in dsos and "Green Power" in dsos and "92 %" in dsos
        wait_for(lambda: driver.find_element(By.ID, "charts").get_attribute("data-loaded") == "true", "the forecasts")
        assert chart_points(driver, "prices") >= 2 * 96 and chart_points(driver, "renewable") >= 2 * 96
        plan = driver.find_element(By.CSS_SELECTOR, f'details[data-group="{station.id}"]').text
        assert "cheapest of 2" in plan and "grid" in plan, plan
        assert driver.find_element(By.ID, "policy-now").text.startswith("Cheapest")
        shoot_whole(driver, "energy-desktop", 1280)

        # Bad input is explained next to its field and changes nothing.
        driver.find_element(By.ID, "policy-minimum_renewable_share").click()
        driver.find_element(By.ID, "share-percent").clear()
        driver.find_element(By.ID, "share-percent").send_keys("150")
        submit_and_wait(driver, "#save-policy")
        assert "0 to 100 %" in driver.find_element(By.ID, "share-error").text
        assert driver.find_element(By.ID, "policy-now").text.startswith("Cheapest")
        assert api(cpms, token, "GET", "supply/policy")[1]["kind"] == "cheapest"
        shoot(driver, "energy-invalid-desktop")

        # The admin chooses the greenest supplier: saved, audited, and the plan's reasons follow.
        driver.find_element(By.ID, "policy-greenest").click()
        submit_and_wait(driver, "#save-policy")
        assert "The policy was saved" in driver.find_element(By.CSS_SELECTOR, ".notice").text
        assert driver.find_element(By.ID, "policy-now").text.startswith("Greenest")
        wait_for(lambda: "greenest: 92 % renewable" in
                 driver.find_element(By.CSS_SELECTOR, f'details[data-group="{station.id}"]').text,
                 "the plan's reasons to follow the policy", reload=driver)
        assert "cheapest of 2" not in driver.find_element(By.CSS_SELECTOR, f'details[data-group="{station.id}"]').text
        driver.get(cpms.base + "/portal/audit")
        assert "energy.policy" in driver.find_element(By.ID, "audit").text
        driver.set_window_size(375, 800)
        driver.get(cpms.base + "/portal/energy")
        wait_for(lambda: driver.find_element(By.ID, "charts").get_attribute("data-loaded") == "true", "the forecasts on a phone")
        no_horizontal_scrolling(driver, "the energy page")
        shoot_whole(driver, "energy-phone", 375)
        driver.set_window_size(1280, 800)
        submit_and_wait(driver, "form.logout button")

        # A viewer reads the page without the form, and the server refuses the change anyway.
        sign_in(driver, cpms, "viewer", VIEWER_PASSWORD)
        driver.get(cpms.base + "/portal/energy")
        assert not driver.find_elements(By.ID, "policy-form")
        assert driver.find_element(By.ID, "policy-read-only").text == "Only admins change the policy."
        shoot(driver, "energy-viewer-desktop")
        csrf = driver.find_element(By.CSS_SELECTOR, "form.logout input[name=_csrf]").get_attribute("value")
        session = driver.get_cookie("cpms_session")["value"]
        assert post_form(cpms, "/portal/energy/policy", {"_csrf": csrf, "kind": "cheapest"}, session) == 403
        assert api(cpms, token, "GET", "supply/policy")[1]["kind"] == "greenest"
    finally:
        driver.quit()
        station.close()
