"""The operator portal in a real browser: Debian's chromium, driven by selenium, against a real `cpms serve`.

An admin signs in (after a wrong password, which is explained), sees the overview with a station that a real
OCPP 2.0.1 station (the PyPI `ocpp` library) connected, watches a socket's status change without a reload,
and signs out. A viewer sees no admin links and the server refuses the admin page anyway; a POST without the
CSRF token is refused and changes nothing. With a short idle timeout, an expired session lands on the login
page; five wrong passwords lock the sign-in. Screenshots of each page, at desktop and phone widths, are
written to .build/portal-screenshots (not committed).
"""

from __future__ import annotations

import asyncio
import base64
import json
import os
import shutil
import subprocess
import threading
import urllib.error
import urllib.parse
import urllib.request
import uuid
from datetime import datetime, timezone
from pathlib import Path

import pytest
import websockets
from ocpp.v201 import ChargePoint, call

from conftest import REPO_ROOT
# DataTransfer.data and customData go out as written (the library would camel-case their keys): autouse.
from test_cpms_ocpp201 import data_transfer_data_as_written  # noqa: F401
from test_stationd_process import BIN, free_port, wait_until

os.environ.setdefault("SE_OFFLINE", "true")
os.environ.setdefault("SE_AVOID_STATS", "true")

from selenium import webdriver  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support import expected_conditions  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
SCREENSHOTS = REPO_ROOT / ".build" / "portal-screenshots"
ADMIN_PASSWORD = "admin portal password"
VIEWER_PASSWORD = "viewer portal password"
TIMEOUT = 30


def now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


class Cpms:
    """`cpms serve` on a free port with an admin and a viewer."""

    def __init__(self, tmp_path: Path, name: str, *serve_args: str):
        binary = BIN / "cpms"
        if not binary.exists():
            pytest.fail(f"{binary} is missing: run `swift build`", pytrace=False)
        self.binary = binary
        self.database = f"sqlite://{tmp_path / (name + '.db')}"
        self.cli("user", "add", "admin", "--role", "admin", "--bcrypt-cost", "4", input=ADMIN_PASSWORD + "\n")
        self.cli("user", "add", "viewer", "--role", "viewer", "--bcrypt-cost", "4", input=VIEWER_PASSWORD + "\n")
        short = self.cli("user", "add", "shorty", "--role", "viewer", input="short\n", check=False)
        assert short.returncode == 1 and "at least 12 characters" in short.stderr, short.stderr
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = open(tmp_path / f"{name}.log", "w")
        self.process = subprocess.Popen(
            [str(binary), "serve", "--port", str(self.port), "--database", self.database, "--log-level", "info", *serve_args],
            stdout=self.log, stderr=subprocess.STDOUT)
        wait_until(lambda: urllib.request.urlopen(self.base + "/portal/login", timeout=2).status == 200, TIMEOUT, "cpms portal")

    def api(self, method: str, path: str, body: dict) -> dict:
        if not hasattr(self, "token"):
            self.token = self.cli("token", "add", "portal-test").stdout.strip().split()[-1]
        request = urllib.request.Request(self.base + path, data=json.dumps(body).encode(), method=method)
        request.add_header("Content-Type", "application/json")
        request.add_header("Authorization", f"Bearer {self.token}")
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return json.loads(response.read() or b"{}")
        except urllib.error.HTTPError as error:
            raise AssertionError(f"{method} {path}: {error.code} {error.read().decode()}") from None

    def cli(self, *args: str, input: str | None = None, check: bool = True) -> subprocess.CompletedProcess:
        done = subprocess.run([str(self.binary), *args, "--database", self.database], capture_output=True, text=True,
                              timeout=60, input=input)
        if check:
            assert done.returncode == 0, f"cpms {' '.join(args)} failed: {done.stderr}"
        return done

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()


class LiveStation:
    """A real OCPP 2.0.1 station (the `ocpp` library) connected to cpms from a thread of its own."""

    def __init__(self, cpms: Cpms):
        self.id = f"PORTAL-{uuid.uuid4().hex[:6].upper()}"
        added = cpms.cli("station", "add", self.id).stdout.split()
        self.password = added[3]
        self.url = f"ws://127.0.0.1:{cpms.port}/ocpp/{self.id}"
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()
        self.station: ChargePoint | None = None
        self.run(self._connect())

    def run(self, coroutine, timeout: float = TIMEOUT):
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(timeout)

    async def _connect(self):
        auth = base64.b64encode(f"{self.id}:{self.password}".encode()).decode()
        self.ws = await websockets.connect(self.url, subprotocols=["ocpp2.0.1"],
                                           additional_headers={"Authorization": "Basic " + auth}, open_timeout=15)
        self.station = ChargePoint(self.id, self.ws, response_timeout=15)
        self.runner = asyncio.ensure_future(self.station.start())
        await self.station.call(call.BootNotification(
            charging_station={"model": "PortalTest", "vendor_name": "PyOCPP"}, reason="PowerUp"))
        for evse in (1, 2):
            await self.status(evse, "Available")
        power = [{"value": 7.0, "measurand": "Power.Active.Import", "unit_of_measure": {"unit": "kW"}}]
        await self.station.call(call.MeterValues(evse_id=0, meter_value=[{"timestamp": now_iso(), "sampled_value": power}]))
        answer = await self.station.call(call.DataTransfer(
            vendor_id="org.stationmaster", message_id="BatteryTelemetry",
            data={"timestamp": now_iso(), "soc_percent": 63.7, "power_w": -3000, "setpoint_w": -3000, "mode": "peak-shaving",
                  "quality": "fresh"}))
        assert answer.status == "Accepted"

    async def status(self, evse: int, status: str):
        await self.station.call(call.StatusNotification(
            timestamp=now_iso(), connector_status=status, evse_id=evse, connector_id=1,
            custom_data={"vendorId": "org.stationmaster", "socket": "AB"[evse - 1]}))

    def set_status(self, evse: int, status: str):
        self.run(self.status(evse, status))

    def close(self):
        async def stop():
            self.runner.cancel()
            await self.ws.close()
        try:
            self.run(stop())
        finally:
            self.loop.call_soon_threadsafe(self.loop.stop)
            self.thread.join(timeout=10)


def browser(width: int = 1280, height: int = 800) -> webdriver.Chrome:
    if not (shutil.which(CHROMIUM) and shutil.which(CHROMEDRIVER)):
        pytest.fail("chromium and chromium-driver are missing: scripts/lib/system-packages.sh installs them", pytrace=False)
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     f"--window-size={width},{height}", "--no-first-run", "--disable-extensions"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(TIMEOUT)
    return driver


def shoot(driver: webdriver.Chrome, name: str):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    driver.save_screenshot(str(SCREENSHOTS / f"{name}.png"))


def wait_for(predicate, what: str, timeout: float = TIMEOUT):
    return wait_until(predicate, timeout, what)


def submit_and_wait(driver: webdriver.Chrome, button_selector: str):
    """Clicks a form's submit button and waits until the answer's page has replaced this one (a failed
    login is answered after a delay, and the click may return before it)."""
    page = driver.find_element(By.TAG_NAME, "html")
    driver.find_element(By.CSS_SELECTOR, button_selector).click()
    WebDriverWait(driver, TIMEOUT).until(expected_conditions.staleness_of(page))
    WebDriverWait(driver, TIMEOUT).until(lambda d: d.execute_script("return document.readyState") == "complete")


def sign_in(driver: webdriver.Chrome, cpms: Cpms, name: str, password: str):
    driver.get(cpms.base + "/portal/login")
    driver.find_element(By.ID, "name").clear()
    driver.find_element(By.ID, "name").send_keys(name)
    driver.find_element(By.ID, "password").send_keys(password)
    submit_and_wait(driver, "form.stacked button[type=submit]")


def socket_status(driver: webdriver.Chrome, station: str, key: str) -> str:
    return driver.find_element(By.CSS_SELECTOR, f'article[data-station="{station}"] li[data-socket="{key}"] .socket-status').text


def post_form(cpms: Cpms, path: str, fields: dict, session: str) -> int:
    data = urllib.parse.urlencode(fields).encode()
    request = urllib.request.Request(cpms.base + path, data=data, method="POST")
    request.add_header("Content-Type", "application/x-www-form-urlencoded")
    request.add_header("Cookie", f"cpms_session={session}")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


@pytest.fixture
def cpms(tmp_path):
    server = Cpms(tmp_path, "cpms")
    yield server
    server.stop()


def test_admin_watches_a_station_live_and_a_viewer_is_refused_admin_pages(cpms):
    station = LiveStation(cpms)
    driver = browser()
    try:
        # A wrong password is explained; the right one opens the overview.
        sign_in(driver, cpms, "admin", "not the password at all")
        assert "The user name or password is not correct." in driver.find_element(By.ID, "login-error").text
        shoot(driver, "login-refused-desktop")
        sign_in(driver, cpms, "admin", ADMIN_PASSWORD)
        wait_for(lambda: driver.find_elements(By.CSS_SELECTOR, f'article[data-station="{station.id}"]'), "the station's card")
        assert driver.find_element(By.CSS_SELECTOR, ".user-name").text == "admin"
        card = driver.find_element(By.CSS_SELECTOR, f'article[data-station="{station.id}"]')
        assert card.find_element(By.CSS_SELECTOR, '[data-field="connection"]').text == "Connected"
        assert socket_status(driver, station.id, "1/1") == "Available"
        # The cap appears once the supply service has planned the new station (its boot wakes it).
        assert card.find_element(By.CSS_SELECTOR, '[data-field="grid"]').text.startswith("7.0 kW import")
        assert card.find_element(By.CSS_SELECTOR, '[data-field="battery"]').text == "64 % · charging 3.0 kW"
        assert [name.text for name in card.find_elements(By.CSS_SELECTOR, ".socket-name")] == ["Socket A", "Socket B"]
        nav = [link.text for link in driver.find_elements(By.CSS_SELECTOR, "nav.main-nav a")]
        assert nav == ["Overview", "Stations", "Tariffs", "Bookings", "Energy", "eMSPs", "Users", "Audit"]

        # A DSO with a flat static price for the station: the supply service plans it, and the card shows the
        # price, the DSO and the cap without a reload.
        cpms.api("POST", "/api/dsos", {
            "id": "grid", "name": "Grid Co",
            "contract": {"groups": [station.id], "capacityW": 11000, "currency": "EUR", "surchargePerKWh": 0.05,
                         "fallbackPricePerKWh": 0.35},
            "feeds": [{"kind": "tou", "timeZone": "UTC", "periods": [{"from": "00:00", "to": "24:00", "pricePerKWh": 0.2}]}]})
        purchase = card.find_element(By.CSS_SELECTOR, '[data-field="purchase"]')
        wait_for(lambda: purchase.text == "0.25 EUR/kWh · Grid Co", "the planned price on the card")
        wait_for(lambda: card.find_element(By.CSS_SELECTOR, '[data-field="grid"]').text == "7.0 kW import of 11.0 kW cap",
                 "the planned cap on the card")
        shoot(driver, "overview-desktop")

        # A status change reaches the page without a reload (the marker set in this page survives).
        driver.execute_script("window.portalMarker = 'same page';")
        station.set_status(1, "Occupied")
        wait_for(lambda: socket_status(driver, station.id, "1/1") == "Occupied", "the live socket status")
        assert driver.execute_script("return window.portalMarker;") == "same page"
        assert "status-occupied" in driver.find_element(
            By.CSS_SELECTOR, f'article[data-station="{station.id}"] li[data-socket="1/1"]').get_attribute("class")
        shoot(driver, "overview-live-desktop")

        # The pages load nothing from outside cpms.
        for url in driver.execute_script(
                "return Array.from(document.querySelectorAll('script[src],link[href]')).map(e => e.src || e.href);"):
            assert url.startswith(cpms.base + "/portal/"), url

        driver.get(cpms.base + "/portal/users")
        assert [row.get_attribute("data-user") for row in driver.find_elements(By.CSS_SELECTOR, "#users tbody tr")] == ["admin", "viewer"]
        shoot(driver, "users-desktop")
        driver.get(cpms.base + "/portal/audit")
        assert "user.add" in driver.find_element(By.ID, "audit").text
        shoot(driver, "audit-desktop")

        # A POST without the CSRF token (this session's cookie, no _csrf field) is refused and adds nobody.
        session = driver.get_cookie("cpms_session")["value"]
        assert post_form(cpms, "/portal/users", {"name": "eve", "role": "admin", "password": "eve's long password"}, session) == 403
        assert "eve" not in cpms.cli("user", "list").stdout

        driver.set_window_size(375, 800)
        for page in ("", "users", "audit"):
            driver.get(cpms.base + "/portal/" + page)
            width = driver.execute_script("return document.documentElement.scrollWidth;")
            assert width <= 375 + 1, f"/portal/{page} is {width} px wide on a phone"
            shoot(driver, f"{page or 'overview'}-phone")
        driver.set_window_size(1280, 800)

        driver.get(cpms.base + "/portal/")
        submit_and_wait(driver, "form.logout button")
        assert "/portal/login" in driver.current_url
        assert "You have signed out." in driver.page_source
        driver.get(cpms.base + "/portal/")
        assert "/portal/login" in driver.current_url

        # A viewer: no admin links, and the server refuses the admin page anyway.
        sign_in(driver, cpms, "viewer", VIEWER_PASSWORD)
        wait_for(lambda: driver.find_elements(By.CSS_SELECTOR, f'article[data-station="{station.id}"]'), "the viewer's overview")
        nav = [link.text for link in driver.find_elements(By.CSS_SELECTOR, "nav.main-nav a")]
        assert "Users" not in nav and "Audit" not in nav and "eMSPs" not in nav and "Overview" in nav
        shoot(driver, "overview-viewer-desktop")
        driver.get(cpms.base + "/portal/users")
        assert driver.find_element(By.TAG_NAME, "h1").text == "Not allowed"
        shoot(driver, "forbidden-desktop")
        driver.set_window_size(375, 800)
        driver.get(cpms.base + "/portal/")
        shoot(driver, "overview-viewer-phone")
    finally:
        driver.quit()
        station.close()


def test_an_expired_session_goes_to_the_login_page_and_repeated_failures_lock_the_sign_in(tmp_path):
    # The idle timeout is real time in a real process. It is long enough that a slow page load on a loaded machine
    # does not end the session before the overview shows, and nothing waits a fixed time for it: the overview's
    # polling is not use, so once the session has ended the poll is answered 401 and the page's script goes to the
    # login page by itself. (A fixed sleep raced that script: both navigated at about the same moment.)
    server = Cpms(tmp_path, "short", "--portal-idle-timeout", "10")
    driver = browser()
    try:
        sign_in(driver, server, "admin", ADMIN_PASSWORD)
        wait_for(lambda: driver.find_elements(By.ID, "stations"), "the overview")
        wait_for(lambda: "/portal/login" in driver.current_url, "the overview's script to go to the login page", timeout=90)
        wait_for(lambda: "Your session has ended" in driver.page_source, "the login page's notice")
        # A page asked for once the session has ended goes to the login page too, with the way back.
        driver.get(server.base + "/portal/users")
        assert "/portal/login" in driver.current_url and "next=%2Fportal%2Fusers" in driver.current_url
        assert "Your session has ended" in driver.page_source
        shoot(driver, "login-expired-desktop")
        driver.set_window_size(375, 800)
        assert driver.execute_script("return document.documentElement.scrollWidth;") <= 375 + 1
        shoot(driver, "login-expired-phone")
        driver.set_window_size(1280, 800)

        for attempt in range(5):
            sign_in(driver, server, "admin", f"wrong password {attempt}")
        assert "Too many failed sign-ins" in driver.find_element(By.ID, "login-error").text
        sign_in(driver, server, "admin", ADMIN_PASSWORD)
        assert "Too many failed sign-ins" in driver.find_element(By.ID, "login-error").text
        # Locked for a name that does not exist too (the address is locked): nothing tells whether it exists.
        sign_in(driver, server, "nobody-here", "whatever password")
        assert "Too many failed sign-ins" in driver.find_element(By.ID, "login-error").text
        shoot(driver, "login-locked-desktop")
    finally:
        driver.quit()
        server.stop()
