"""Scenario 2 of the operator portal in a real browser (Debian's chromium, driven by selenium): an admin changes
the energy price on the Tariffs page and presses "Save Changes"; the eMSP (PyPI extrawest-ocpi, registered with
cpms) receives the new tariff as a PUT with the new price, and the next session (an OCPP 2.0.1 station written
with the PyPI `ocpp` library, charging with the eMSP's token) is priced with it: the CDR the eMSP receives has
the total at the new price. A viewer sees no save button and the server refuses a forged POST with the viewer's
session and token; a bad price is explained next to its field and saves nothing. Screenshots of the Tariffs and
eMSPs pages (1280 and 375 px wide) go to .build/portal-screenshots (not committed).
"""

from __future__ import annotations

import asyncio
import base64
import json
import subprocess
import uuid
from datetime import datetime, timedelta, timezone
from types import SimpleNamespace

import httpx
import pytest
import websockets
from ocpp.v201 import call

from test_cpms_ocpi_credentials import BIN, CPMS, envelope, emsp  # noqa: F401 (fixture)
from test_cpms_ocpp201 import Station, basic, iso
from test_cpms_portal import SCREENSHOTS, browser, post_form, sign_in, submit_and_wait
from test_stationd_process import wait_until
from selenium.webdriver.common.by import By

ADMIN_PASSWORD = "admin portal password"
VIEWER_PASSWORD = "viewer portal password"


@pytest.fixture
def server(tmp_path):
    if not (BIN / "cpms").exists():
        pytest.fail(f"{BIN / 'cpms'} is missing: run `swift build`", pytrace=False)
    database = f"sqlite://{tmp_path / 'cpms.db'}"
    for name, role, password in (("admin", "admin", ADMIN_PASSWORD), ("viewer", "viewer", VIEWER_PASSWORD)):
        done = subprocess.run([str(BIN / "cpms"), "user", "add", name, "--role", role, "--bcrypt-cost", "4", "--database", database],
                              input=password + "\n", capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, done.stderr
    cpms = CPMS(database, tmp_path)
    try:
        yield cpms
    finally:
        cpms.stop()


def meter(wh: float, at: datetime) -> list[dict]:
    return [{"timestamp": iso(at), "sampled_value": [
        {"value": wh / 1000, "measurand": "Energy.Active.Import.Register", "unit_of_measure": {"unit": "kWh"}}]}]


def shoot(driver, name: str):
    """A screenshot of the whole page, below the window's bottom too (Chrome DevTools)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    # the window's width (its scrollbar goes away when the whole height is captured)
    width = driver.execute_script("return window.innerWidth")
    height = driver.execute_cdp_cmd("Page.getLayoutMetrics", {})["cssContentSize"]["height"]
    shot = driver.execute_cdp_cmd("Page.captureScreenshot", {
        "format": "png", "captureBeyondViewport": True, "clip": {"x": 0, "y": 0, "width": width, "height": height, "scale": 1}})
    (SCREENSHOTS / f"{name}.png").write_bytes(base64.b64decode(shot["data"]))


def push_state(driver, emsp_name: str) -> str:
    return driver.find_element(By.CSS_SELECTOR, f'#pushes tr[data-emsp="{emsp_name}"] [data-field="push-state"]').text


def test_an_admin_changes_the_energy_price_the_emsp_gets_it_and_the_next_session_is_priced_with_it(server, emsp, tmp_path):
    prefix = "P" + uuid.uuid4().hex[:8].upper()
    sid, tariff_id, uid = f"{prefix}-1", f"TF-{prefix}", f"TAG{prefix}"

    def cli(*args: str) -> str:
        done = subprocess.run([str(BIN / "cpms"), *args, "--database", server.database], capture_output=True, text=True, timeout=60,
                              stdin=subprocess.DEVNULL)
        assert done.returncode == 0, f"cpms {' '.join(args)}: {done.stderr}"
        return done.stdout

    password = cli("station", "add", sid).split()[3]
    api = {"Authorization": f"Bearer {server.token}"}
    # Through the API, as an operator would: a saved tariff is published, and the eMSP gets it when it registers.
    created = httpx.post(f"{server.url}/api/tariffs", headers=api, timeout=30, json={
        "country_code": "NL", "party_id": "STM", "id": tariff_id, "currency": "EUR", "last_updated": "2026-01-01T00:00:00Z",
        "elements": [{"price_components": [{"type": "ENERGY", "price": 0.30, "vat": 21, "step_size": 1}]}],
        # extrawest requires the product's name (optional in OCPI 2.2.1)
        "energy_mix": {"is_green_energy": True, "supplier_name": "Windkracht", "energy_product_name": "Wind 100",
                       "energy_sources": [{"source": "WIND", "percentage": 100}]}})
    assert created.status_code == 201, created.text
    assigned = httpx.post(f"{server.url}/api/tariffs/{tariff_id}/assignments", headers=api, timeout=30,
                          json={"station": sid, "evse_id": 1, "connector_id": 1})
    assert assigned.status_code == 201, assigned.text
    server.ok("evse", "set", sid, "1", "--standard", "IEC_62196_T2", "--power-type", "AC_3_PHASE", "--max-power", "22000")
    server.ok("location", "set", sid, "--name", "Market square", "--address", "Markt 1", "--city", "Utrecht", "--postal-code", "3511",
              "--country", "NLD", "--latitude", "52.09074", "--longitude", "5.12142", "--operator-name", "Stationmaster")
    emsp_name = f"tnm-{prefix.lower()}"
    server.ok("emsp", "register", emsp_name, "--versions-url", emsp.versions_url, "--token-a", emsp.token_a)
    tariff_path = f"/tariffs/DE/STM/{tariff_id}"

    def tariff_puts(price: float | None = None) -> list[dict]:
        requests = httpx.get(f"{emsp.base}/peer/requests", timeout=30).json()["requests"]
        return [r for r in requests if r["method"] == "PUT" and r["path"].endswith(tariff_path) and r["status"] == 200
                and (price is None or json.loads(r["body"])["elements"][0]["price_components"][0]["price"] == price)]

    # Generous waits (each returns as soon as its condition holds): the machine running this may be loaded.
    wait_until(lambda: tariff_puts(0.30), 120, "the eMSP to receive the tariff at 0.30 on registration")
    portal = SimpleNamespace(base=server.url)

    admin = browser()
    try:
        sign_in(admin, portal, "admin", ADMIN_PASSWORD)
        admin.get(server.url + "/portal/tariffs")
        row = admin.find_element(By.CSS_SELECTOR, f'#tariffs tr[data-tariff="{tariff_id}"]')
        assert "0.3 EUR/kWh" in row.text and f"{sid} EVSE 1 connector 1" in row.text, row.text
        shoot(admin, "tariffs-1280")
        row.find_element(By.LINK_TEXT, tariff_id).click()
        wait_until(lambda: admin.find_elements(By.ID, "save-changes"), 30, "the tariff page with its Save Changes button")

        def delivered() -> bool:
            admin.refresh()
            return push_state(admin, emsp_name) == "delivered"
        wait_until(delivered, 120, "the page to show the registration's push delivered")

        # A bad price is explained next to its field and saves nothing.
        field = admin.find_element(By.ID, "price-0-0")
        field.clear()
        field.send_keys("0.3x")
        submit_and_wait(admin, "#save-changes")
        assert "not a number" in admin.find_element(By.ID, "price-0-0-error").text
        assert "Nothing was saved" in admin.find_element(By.CSS_SELECTOR, ".notice.error").text
        shoot(admin, "tariff-bad-input-1280")
        versions = httpx.get(f"{server.url}/api/tariffs/{tariff_id}", headers=api, timeout=30).json()
        assert [v["version"] for v in versions["versions"]] == [1], versions
        # (a PUT cpms retried after a timeout under load may have arrived twice: it still holds the old price)
        assert {json.loads(r["body"])["elements"][0]["price_components"][0]["price"] for r in tariff_puts()} == {0.3}, \
            "nothing was pushed for the refused input"

        # The new energy price, saved: a new version, pushed to the eMSP.
        field = admin.find_element(By.ID, "price-0-0")
        field.clear()
        field.send_keys("0.40")
        submit_and_wait(admin, "#save-changes")
        assert "Saved as version 2" in admin.find_element(By.CSS_SELECTOR, ".notice").text
        assert admin.find_element(By.ID, "current-version").text == "2"
        pushed = wait_until(lambda: tariff_puts(0.40), 120, "the eMSP to receive the tariff at 0.40")
        assert json.loads(pushed[-1]["body"])["id"] == tariff_id
        wait_until(delivered, 120, "the page to show the new version's push delivered")
        shoot(admin, "tariff-1280")
        versions = httpx.get(f"{server.url}/api/tariffs/{tariff_id}", headers=api, timeout=30).json()
        assert [v["version"] for v in versions["versions"]] == [1, 2], versions
        # A forged POST with the admin's own session but without the CSRF token (or with a wrong one) is refused.
        session = admin.get_cookie("cpms_session")["value"]
        for forged in ({}, {"_csrf": "not-the-token"}):
            fields = {**forged, "version": "2", "price-0-0": "0.01"}
            assert post_form(portal, f"/portal/tariffs/{tariff_id}", fields, session) == 403, forged
        versions = httpx.get(f"{server.url}/api/tariffs/{tariff_id}", headers=api, timeout=30).json()
        assert [v["version"] for v in versions["versions"]] == [1, 2], versions

        admin.get(server.url + "/portal/audit")
        assert "tariff.update" in admin.page_source and f"tariff:{tariff_id}" in admin.page_source
        admin.get(server.url + "/portal/emsps")
        card = admin.find_element(By.CSS_SELECTOR, f'article[data-emsp="{emsp_name}"]')
        assert "registered" in card.text and "2.2.1" in card.text, card.text
        shoot(admin, "emsps-1280")
    finally:
        admin.quit()

    phone = browser()
    try:
        sign_in(phone, portal, "admin", ADMIN_PASSWORD)
        phone.set_window_size(375, 800)
        for page, name in ((f"/portal/tariffs/{tariff_id}", "tariff-375"), ("/portal/tariffs", "tariffs-375"), ("/portal/emsps", "emsps-375")):
            phone.get(server.url + page)
            shoot(phone, name)
            assert phone.execute_script("return document.documentElement.scrollWidth") <= 375 + 1, f"{page} scrolls sideways at 375 px"
    finally:
        phone.quit()

    # A viewer sees the prices but no save button; a forged POST with the viewer's session and token is refused.
    viewer = browser()
    try:
        sign_in(viewer, portal, "viewer", VIEWER_PASSWORD)
        viewer.get(f"{server.url}/portal/tariffs/{tariff_id}")
        assert viewer.find_element(By.ID, "price-0-0").text == "0.4"
        assert not viewer.find_elements(By.ID, "save-changes") and not viewer.find_elements(By.CSS_SELECTOR, "input#price-0-0")
        shoot(viewer, "tariff-viewer-1280")
        token = viewer.find_element(By.NAME, "_csrf").get_attribute("value")
        session = viewer.get_cookie("cpms_session")["value"]
        status = post_form(portal, f"/portal/tariffs/{tariff_id}", {"_csrf": token, "version": "2", "price-0-0": "0.01"}, session)
        assert status == 403
    finally:
        viewer.quit()
    versions = httpx.get(f"{server.url}/api/tariffs/{tariff_id}", headers=api, timeout=30).json()
    assert [v["version"] for v in versions["versions"]] == [1, 2], versions

    # The next session is priced with the new version: the eMSP gives a token, the station charges 4.8 kWh.
    [registration] = emsp.state()["registrations"].values()
    token_b = registration["credentials"]["token"]
    token = {"country_code": "NL", "party_id": "TNM", "uid": uid, "type": "RFID", "contract_id": "NL-TNM-C12345678-X",
             "issuer": "extrawest eMSP", "valid": True, "whitelist": "ALLOWED", "last_updated": "2026-12-01T00:00:00Z"}
    envelope(server.ocpi("PUT", f"/ocpi/2.2.1/tokens/NL/TNM/{uid}", token_b, json=token), 200, 1000)
    start = (datetime.now(timezone.utc) + timedelta(seconds=1)).replace(microsecond=0)
    tx = str(uuid.uuid4())

    async def charge():
        ws = await websockets.connect(f"ws://127.0.0.1:{server.port}/ocpp/{sid}", subprotocols=["ocpp2.0.1"],
                                      additional_headers=basic(sid, password), open_timeout=30)
        station = Station(sid, ws, response_timeout=30)
        runner = asyncio.create_task(station.start())
        try:
            await station.call(call.BootNotification(charging_station={"model": "Interop201", "vendor_name": "PyOCPP"}, reason="PowerUp"))
            await station.call(call.TransactionEvent(
                event_type="Started", timestamp=iso(start), trigger_reason="Authorized", seq_no=0,
                transaction_info={"transaction_id": tx, "charging_state": "Charging"}, evse={"id": 1, "connector_id": 1},
                id_token={"id_token": uid, "type": "ISO14443"}, meter_value=meter(2000, start)))
            end = start + timedelta(minutes=30)
            await station.call(call.TransactionEvent(
                event_type="Ended", timestamp=iso(end), trigger_reason="EVCommunicationLost", seq_no=1,
                transaction_info={"transaction_id": tx, "charging_state": "EVConnected", "stopped_reason": "EVDisconnected"},
                evse={"id": 1, "connector_id": 1}, meter_value=meter(6800, end)))
        finally:
            runner.cancel()
            await ws.close()

    asyncio.run(charge())

    def cdrs() -> list[dict]:
        requests = httpx.get(f"{emsp.base}/peer/requests", timeout=30).json()["requests"]
        return [json.loads(r["body"]) for r in requests if "/cdrs" in r["path"] and r["method"] == "POST" and r["status"] == 200]

    received = wait_until(cdrs, 120, "the eMSP to receive the session's CDR")
    assert len({c["id"] for c in received}) == 1, received  # one session's CDR (posted twice if a retry crossed a slow answer)
    cdr = received[-1]
    # By hand: 4.8 kWh x 0.40 = 1.92 (+21 % VAT: 2.3232).
    assert cdr["total_energy"] == 4.8
    assert cdr["total_cost"] == {"excl_vat": 1.92, "incl_vat": 2.3232}, cdr["total_cost"]
    assert [t["id"] for t in cdr["tariffs"]] == [tariff_id]
    assert cdr["tariffs"][0]["elements"][0]["price_components"][0]["price"] == 0.4
