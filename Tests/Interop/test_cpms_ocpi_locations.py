"""What cpms publishes as OCPI 2.2.1 CPO, judged by independent code: a real `cpms serve` with stations set up
through `cpms location set`, `cpms evse set` and `cpms tariff`, an eMSP registered through the credentials
handshake (a few lines of Python serve its versions), and every Location, EVSE, Connector and Tariff fetched
with httpx (the paged lists walked by their Link headers, then each object on its own) validated by PyPI
ocpi-types and by extrawest-ocpi's pydantic models (in its own venv, $OCPI_EMSP_PYTHON)."""

from __future__ import annotations

import base64
import json
import os
import random
import signal
import string
import subprocess
import threading
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest
from ocpi_types import v2_2_1 as ocpi

from conftest import REPO_ROOT
from test_stationd_process import BIN, free_port, wait_until
from postgres_database import fresh_postgres_url

TARIFF = {
    "country_code": "NL", "party_id": "SMR", "id": "AC-1", "currency": "EUR",
    "elements": [{"price_components": [{"type": "ENERGY", "price": 0.2675, "vat": 21, "step_size": 1}]}],
    "last_updated": "2026-01-01T00:00:00Z",
}

# extrawest-ocpi's own models parse each document; a refusal is printed and the script exits 1.
EXTRAWEST_CHECK = """
import json, sys
from py_ocpi.modules.locations.v_2_2_1.schemas import Location, EVSE, Connector
from py_ocpi.modules.tariffs.v_2_2_1.schemas import Tariff
models = {"Location": Location, "Evse": EVSE, "Connector": Connector, "Tariff": Tariff}
documents = json.load(open(sys.argv[1]))
for kind, document in documents:
    models[kind](**document)
print(len(documents))
"""


class EMSPVersions(BaseHTTPRequestHandler):
    """Just enough of an eMSP for cpms to read its versions and version details during the handshake."""

    base = ""

    def do_GET(self):  # noqa: N802 - http.server's name
        if self.path.endswith("/versions"):
            data = [{"version": "2.2.1", "url": f"{self.base}/2.2.1"}]
        else:
            data = {"version": "2.2.1", "endpoints": [
                {"identifier": "locations", "role": "RECEIVER", "url": f"{self.base}/2.2.1/locations"}]}
        body = json.dumps({"data": data, "status_code": 1000, "timestamp": "2026-01-01T00:00:00Z"}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def request(url: str, token: str, method: str = "GET", body: dict | None = None):
    """(status, envelope, headers) of an OCPI call with `Authorization: Token <base64>`, made with httpx."""
    headers = {"Authorization": "Token " + base64.b64encode(token.encode()).decode()}
    answer = httpx.request(method, url, headers=headers, json=body, timeout=30)
    return answer.status_code, answer.json(), answer.headers


def walk(url: str, token: str) -> tuple[list[dict], int]:
    """Every object of a paged list, following Link rel="next"; and how many pages it took."""
    objects, pages = [], 0
    while url:
        status, envelope, headers = request(url, token)
        assert status == 200 and envelope["status_code"] == 1000, envelope
        assert headers["X-Limit"] == "2", headers
        objects += envelope["data"]
        pages += 1
        link = headers.get("Link")
        url = link[1:link.index(">")] if link else None
        assert link is None or link.endswith('rel="next"'), link
    return objects, pages


BACKENDS = ["sqlite"] + (["postgres"] if os.environ.get("CPMS_TEST_POSTGRES_URL") else [])


@pytest.mark.parametrize("backend", BACKENDS)
def test_an_independent_emsp_validates_every_location_evse_connector_and_tariff(tmp_path, backend):
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    database = fresh_postgres_url() if backend == "postgres" else "sqlite://cpms.db"
    # The PostgreSQL test database is shared: this run's stations, tariff and eMSP (name and party) are its own.
    prefix = "L" + uuid.uuid4().hex[:8].upper()
    tariff_id = f"AC-{prefix}"
    party_id = "".join(random.choice(string.ascii_uppercase + string.digits) for _ in range(3))

    def run(*args: str, api: bool = False) -> str:
        target = ["--url", base, "--token", token] if api else ["--database", database]
        done = subprocess.run([str(BIN / "cpms"), *args, *target], capture_output=True, text=True, timeout=60, cwd=tmp_path,
                              stdin=subprocess.DEVNULL)
        assert done.returncode == 0, f"cpms {' '.join(args)}: {done.stderr}"
        return done.stdout

    stations = [f"{prefix}-{index}" for index in range(1, 6)]
    for station in stations:
        run("station", "add", station)
    token = run("token", "add", "operator").strip()
    (tmp_path / "tariff.json").write_text(json.dumps({**TARIFF, "id": tariff_id}))
    run("tariff", "create", str(tmp_path / "tariff.json"))
    run("tariff", "assign", tariff_id, stations[0])
    run("tariff", "assign", tariff_id, stations[1], "--evse", "2")

    log = open(tmp_path / "cpms.log", "a")
    server = subprocess.Popen([str(BIN / "cpms"), "serve", "--port", str(port), "--database", database, "--ocpi-page-limit", "2"],
                              stdout=log, stderr=subprocess.STDOUT, cwd=tmp_path)
    log.close()
    emsp = ThreadingHTTPServer(("127.0.0.1", 0), EMSPVersions)
    EMSPVersions.base = f"http://127.0.0.1:{emsp.server_address[1]}"
    threading.Thread(target=emsp.serve_forever, daemon=True).start()
    try:
        wait_until(lambda: run("evse", "list", api=True) is not None, 60, "cpms to answer")
        for index, station in enumerate(stations[:4]):  # the fifth gets a location but no EVSE: not published
            run("evse", "set", station, "1", "--standard", "IEC_62196_T2", "--power-type", "AC_3_PHASE", "--max-power", "22000", api=True)
            if index % 2 == 0:
                run("evse", "set", station, "2", "--standard", "IEC_62196_T2_COMBO", "--power-type", "DC", "--max-power", "150000",
                    "--format", "CABLE", "--max-voltage", "920", api=True)
        for index, station in enumerate(stations):
            hours = [] if index % 2 else ["--hours", "1 07:00-22:00", "--hours", "6 09:00-18:00"]
            run("location", "set", station, "--name", f"Site {index}", "--address", f"Markt {index + 1}", "--city", "Utrecht",
                "--postal-code", "3511", "--country", "NLD", "--latitude", f"52.0907{index}", "--longitude", "5.12142",
                "--operator-name", "Stationmaster", "--parking-type", "ON_STREET", "--facility", "CAFE", *hours, api=True)

        # The eMSP registers with its token A; cpms reads its versions and answers with token C.
        added = httpx.post(f"{base}/api/emsps", json={"name": f"tnm-{prefix.lower()}"}, headers={"Authorization": f"Bearer {token}"}, timeout=30).json()
        status, envelope, _ = request(f"{base}/ocpi/2.2.1/credentials", added["token_a"], "POST", {
            "token": "emsp-token-b", "url": f"{EMSPVersions.base}/versions",
            "roles": [{"role": "EMSP", "party_id": party_id, "country_code": "NL", "business_details": {"name": "The eMSP"}}]})
        assert status == 200 and envelope["status_code"] == 1000, envelope
        token_c = envelope["data"]["token"]

        every, pages = walk(f"{base}/ocpi/2.2.1/locations", token_c)
        assert len({location["id"] for location in every}) == len(every) and pages == (len(every) + 1) // 2
        locations = [location for location in every if location["id"].startswith(prefix)]
        assert [location["id"] for location in locations] == stations[:4]
        documents = []
        for location in locations:
            ocpi.Location.from_dict(location)  # raises on anything ocpi-types finds wrong
            documents.append(("Location", location))
            status, envelope, _ = request(f"{base}/ocpi/2.2.1/locations/{location['id']}", token_c)
            assert status == 200 and envelope["data"] == location
            for evse in location["evses"]:
                assert evse["uid"] == evse["evse_id"] and evse["evse_id"].startswith(f"DE*STM*E{location['id'].replace('-', '')}*")
                assert evse["status"] == "UNKNOWN"  # no station is connected
                assert set(evse["capabilities"]) == {"RESERVABLE", "REMOTE_START_STOP_CAPABLE"}
                status, envelope, _ = request(f"{base}/ocpi/2.2.1/locations/{location['id']}/{evse['uid']}", token_c)
                assert status == 200 and envelope["data"] == evse
                ocpi.Evse.from_dict(evse)
                documents.append(("Evse", evse))
                for connector in evse["connectors"]:
                    status, envelope, _ = request(
                        f"{base}/ocpi/2.2.1/locations/{location['id']}/{evse['uid']}/{connector['id']}", token_c)
                    assert status == 200 and envelope["data"] == connector
                    ocpi.Connector.from_dict(connector)
                    documents.append(("Connector", connector))
        first, second = locations[0], locations[1]
        assert [c.get("tariff_ids") for e in first["evses"] for c in e["connectors"]] == [[tariff_id], [tariff_id]]
        assert [c.get("tariff_ids") for e in second["evses"] for c in e["connectors"]] == [None]
        assert first["evses"][1]["connectors"][0]["max_voltage"] == 920
        assert first["opening_times"]["twentyfourseven"] is False
        assert second["opening_times"] == {"twentyfourseven": True}

        status, envelope, _ = request(f"{base}/ocpi/2.2.1/locations/{stations[4]}", token_c)
        assert status == 404 and envelope["status_code"] == 2003
        status, envelope, _ = request(f"{base}/ocpi/2.2.1/locations?limit=many", token_c)
        assert status == 200 and envelope["status_code"] == 2001 and envelope["status_message"].startswith("limit")

        every_tariff, _ = walk(f"{base}/ocpi/2.2.1/tariffs", token_c)
        tariffs = [tariff for tariff in every_tariff if tariff["id"] == tariff_id]
        assert len(tariffs) == 1
        assert tariffs[0]["country_code"] == "DE" and tariffs[0]["party_id"] == "STM"
        for tariff in tariffs:
            ocpi.Tariff.from_dict(tariff)
            documents.append(("Tariff", tariff))

        emsp_python = os.environ.get("OCPI_EMSP_PYTHON") or str(REPO_ROOT / ".venv-ocpi-emsp" / "bin" / "python")
        assert os.access(emsp_python, os.X_OK), f"extrawest-ocpi's venv is missing ({emsp_python}): scripts/test creates it"
        (tmp_path / "documents.json").write_text(json.dumps(documents))
        checked = subprocess.run([emsp_python, "-c", EXTRAWEST_CHECK, str(tmp_path / "documents.json")], capture_output=True, text=True,
                                 timeout=120, env={**os.environ, "PROTOCOL": "http", "OCPI_HOST": "127.0.0.1"})
        assert checked.returncode == 0, checked.stderr[-3000:]
        assert checked.stdout.strip() == str(len(documents)) and len(documents) == 4 + 6 + 6 + 1
        # The eMSP leaves: a shared database keeps no registered party of this run.
        status, envelope, _ = request(f"{base}/ocpi/2.2.1/credentials", token_c, "DELETE")
        assert status == 200 and envelope["status_code"] == 1000, envelope
    finally:
        emsp.shutdown()
        server.send_signal(signal.SIGTERM)
        try:
            assert server.wait(timeout=30) == 0, "cpms should exit cleanly on SIGTERM"
        finally:
            if server.poll() is None:
                server.kill()
