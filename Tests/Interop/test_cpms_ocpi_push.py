"""cpms's OCPI pushes as an independent eMSP receives them: PyPI extrawest-ocpi (ocpi_emsp_peer.py, which records
every request it answers: method, path, X-Request-ID, body, time).

- A station's status changes (an OCPP 2.0.1 station made with PyPI ocpp: Available, Occupied, a transaction, gone)
  reach the eMSP as PATCHes of the EVSE (AVAILABLE, BLOCKED, CHARGING, UNKNOWN), a
  location set as a PUT of the Location, a tariff edit as a PUT of the tariff; each document is valid to PyPI
  ocpi-types and to extrawest's own models, and extrawest applies it (its stored Location shows the new status).
- Robustness (the issue's test): tariff edits pushed while the link to the eMSP is cut 30+ times (a TCP fault
  proxy between cpms and the eMSP) and cpms is SIGKILLed and restarted during the traffic. Counted at the eMSP:
  every edit cpms acknowledged arrived, none arrived under two request ids, and per tariff the edits arrived in
  order. A push whose answer was lost is sent again with the same X-Request-ID: the eMSP may see a request id
  twice, never one edit under two ids.
"""

from __future__ import annotations

import asyncio
import base64
import json
import os
import random
import signal
import subprocess
import threading
import time
import uuid
from pathlib import Path

import httpx
import pytest
import websockets
from ocpi_types import v2_2_1 as ocpi
from ocpp.v201 import ChargePoint, call

from conftest import REPO_ROOT
from tcp_fault_proxy import FaultProxy
from test_cpms_ocpi_credentials import environ_without_venv, start_on_free_port
from postgres_database import fresh_postgres_url
from test_stationd_process import BIN, free_port, wait_until

BACKENDS = ["sqlite"] + (["postgres"] if os.environ.get("CPMS_TEST_POSTGRES_URL") else [])
RECEIVERS = "/ocpi/emsp/2.2.1"

EXTRAWEST_CHECK = """
import json, sys
from py_ocpi.modules.locations.v_2_2_1.schemas import Location, EVSE
from py_ocpi.modules.tariffs.v_2_2_1.schemas import Tariff
models = {"Location": Location, "Evse": EVSE, "Tariff": Tariff}
documents = json.load(open(sys.argv[1]))
for kind, document in documents:
    models[kind](**document)
print(len(documents))
"""


def tariff(tariff_id: str, price: float, note: str = "") -> dict:
    document = {
        "country_code": "NL", "party_id": "SMR", "id": tariff_id, "currency": "EUR",
        "elements": [{"price_components": [{"type": "ENERGY", "price": price, "vat": 21, "step_size": 1}]}],
        "last_updated": "2026-01-01T00:00:00Z",
    }
    if note:
        document["tariff_alt_text"] = [{"language": "en", "text": note}]
    return document


class Peer:
    """extrawest-ocpi as the eMSP on a free port; its URLs name `advertised_port` (a proxy's, or its own)."""

    def __init__(self, tmp_path: Path, advertised_port: int | None = None):
        python = os.environ.get("OCPI_EMSP_PYTHON") or str(REPO_ROOT / ".venv-ocpi-emsp" / "bin" / "python")
        if not os.path.exists(python):
            pytest.fail(f"{python} is missing: run `source scripts/lib/ocpi-emsp-venv.sh; ensure_ocpi_emsp_venv .`", pytrace=False)
        self.token_a = f"peer-a-{uuid.uuid4().hex}"
        self.log_path = tmp_path / "emsp.log"

        def launch(port: int) -> subprocess.Popen:
            environment = dict(os.environ, OCPI_HOST=f"127.0.0.1:{advertised_port or port}", PROTOCOL="http", PEER_TOKEN_A=self.token_a)
            with open(self.log_path, "a") as log:
                return subprocess.Popen(
                    [python, "-m", "uvicorn", "ocpi_emsp_peer:app", "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"],
                    cwd=Path(__file__).parent, env=environ_without_venv(environment), stdout=log, stderr=subprocess.STDOUT)

        self.port, self.process = start_on_free_port(
            launch, lambda port: httpx.get(f"http://127.0.0.1:{port}/peer/ready", timeout=5).status_code == 200, "the extrawest eMSP",
            self.log_path)
        self.base = f"http://127.0.0.1:{self.port}"
        self.versions_url = f"http://127.0.0.1:{advertised_port or self.port}/ocpi/versions"

    def requests(self) -> list[dict]:
        return httpx.get(f"{self.base}/peer/requests", timeout=10).json()["requests"]

    def pushes(self) -> list[dict]:
        """The requests cpms made to the receivers (not the handshake's), in the order they were answered."""
        return [r for r in self.requests() if r["path"].startswith(RECEIVERS + "/") and r["method"] != "GET"]

    def state(self) -> dict:
        return httpx.get(f"{self.base}/peer/state", timeout=10).json()

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        finally:
            if self.process.poll() is None:
                self.process.kill()


class Server:
    """`cpms serve` with fast push retries; restartable on the same port after a SIGKILL."""

    def __init__(self, database: str, tmp_path: Path, token: str, *options: str):
        self.database, self.token, self.options = database, token, options
        self.log_path = tmp_path / "cpms.log"
        self.process: subprocess.Popen | None = None
        self.port, self.process = start_on_free_port(self._launch, self._answers, "cpms serve", self.log_path)
        self.url = f"http://127.0.0.1:{self.port}"

    def _launch(self, port: int) -> subprocess.Popen:
        with open(self.log_path, "a") as log:
            return subprocess.Popen(
                [str(BIN / "cpms"), "serve", "--port", str(port), "--database", self.database, "--log-level", "info",
                 "--ocpi-call-timeout", "2", "--ocpi-push-lease", "3", "--ocpi-push-backoff-base", "0.05",
                 "--ocpi-push-backoff-max", "0.5", "--ocpi-push-poll-interval", "0.2", *self.options],
                stdout=log, stderr=subprocess.STDOUT)

    def _answers(self, port: int) -> bool:
        return httpx.get(f"http://127.0.0.1:{port}/api/emsps", headers={"Authorization": f"Bearer {self.token}"}, timeout=5).status_code == 200

    def kill_and_restart(self):
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=30)
        self.process = self._launch(self.port)
        wait_until(lambda: self._answers(self.port), 60, "cpms to answer again after a SIGKILL")

    def api(self, method: str, path: str, body: dict | None = None, timeout: float = 30) -> httpx.Response:
        return httpx.request(method, self.url + path, json=body, headers={"Authorization": f"Bearer {self.token}"}, timeout=timeout)

    def cli(self, *args: str):
        done = subprocess.run([str(BIN / "cpms"), *args, "--url", self.url, "--token", self.token], capture_output=True, text=True,
                              timeout=60, stdin=subprocess.DEVNULL)
        assert done.returncode == 0, f"cpms {' '.join(args)}: {done.stderr}"
        return json.loads(done.stdout) if done.stdout.strip() else None

    def stop(self):
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            assert self.process.wait(timeout=30) == 0, "cpms should exit cleanly on SIGTERM"
        finally:
            if self.process.poll() is None:
                self.process.kill()


def offline(*args: str, database: str) -> str:
    done = subprocess.run([str(BIN / "cpms"), *args, "--database", database], capture_output=True, text=True, timeout=60,
                          stdin=subprocess.DEVNULL)
    assert done.returncode == 0, f"cpms {' '.join(args)}: {done.stderr}"
    return done.stdout


def extrawest_accepts(tmp_path: Path, documents: list):
    emsp_python = os.environ.get("OCPI_EMSP_PYTHON") or str(REPO_ROOT / ".venv-ocpi-emsp" / "bin" / "python")
    (tmp_path / "documents.json").write_text(json.dumps(documents))
    checked = subprocess.run([emsp_python, "-c", EXTRAWEST_CHECK, str(tmp_path / "documents.json")], capture_output=True, text=True,
                             timeout=120, env={**os.environ, "PROTOCOL": "http", "OCPI_HOST": "127.0.0.1"})
    assert checked.returncode == 0, checked.stderr[-3000:]
    assert checked.stdout.strip() == str(len(documents))


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_status_change_reaches_the_emsp_as_an_evse_patch_and_a_tariff_edit_as_a_put(tmp_path, backend):
    if not (BIN / "cpms").exists():
        pytest.fail(f"{BIN / 'cpms'} is missing: run `swift build`", pytrace=False)
    database = fresh_postgres_url() if backend == "postgres" else f"sqlite://{tmp_path / 'cpms.db'}"
    prefix = "P" + uuid.uuid4().hex[:6].upper()
    station, tariff_id, name = f"{prefix}-1", f"T-{prefix}", f"tnm-{prefix.lower()}"
    password = offline("station", "add", station, database=database).split()[3]
    token = offline("token", "add", "push-test", database=database).strip()
    peer = Peer(tmp_path)
    server = Server(database, tmp_path, token)
    try:
        server.cli("emsp", "register", name, "--versions-url", peer.versions_url, "--token-a", peer.token_a)
        assert server.api("POST", "/api/tariffs", tariff(tariff_id, 0.30)).status_code == 201
        server.cli("evse", "set", station, "1", "--standard", "IEC_62196_T2", "--power-type", "AC_3_PHASE", "--max-power", "22000")
        server.cli("location", "set", station, "--name", "Push square", "--address", "Markt 1", "--city", "Utrecht", "--postal-code",
                   "3511", "--country", "NLD", "--latitude", "52.09074", "--longitude", "5.12142", "--operator-name", "Stationmaster",
                   "--parking-type", "ON_STREET")
        location_path = f"{RECEIVERS}/locations/DE/STM/{station}"
        put = wait_until(lambda: [r for r in peer.pushes() if r["path"] == location_path and r["method"] == "PUT"], 60,
                         "the Location's PUT at the eMSP")[-1]
        location = json.loads(put["body"])
        ocpi.Location.from_dict(location)
        [evse] = location["evses"]
        assert evse["status"] == "UNKNOWN"  # the station has not connected yet
        evse_path = f"{location_path}/{evse['uid']}"

        assert server.api("POST", f"/api/tariffs/{tariff_id}/assignments", {"station": station}).status_code == 201
        connector_path = f"{evse_path}/1"
        wait_until(lambda: [r for r in peer.pushes() if r["path"] == connector_path and r["method"] == "PATCH"], 60,
                   "the connector's tariff_ids PATCH at the eMSP")

        def statuses() -> list[str]:
            return [json.loads(r["body"]).get("status") for r in peer.pushes() if r["path"] == evse_path and r["method"] == "PATCH"]

        async def station_reports():
            ws = await websockets.connect(
                f"ws://127.0.0.1:{server.port}/ocpp/{station}", subprotocols=["ocpp2.0.1"], open_timeout=10,
                additional_headers={"Authorization": "Basic " + base64.b64encode(f"{station}:{password}".encode()).decode()})
            point = ChargePoint(station, ws, response_timeout=15)
            runner = asyncio.create_task(point.start())
            try:
                await point.call(call.BootNotification(charging_station={"model": "Push", "vendor_name": "PyOCPP"}, reason="PowerUp"))
                now = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
                await point.call(call.StatusNotification(timestamp=now, connector_status="Available", evse_id=1, connector_id=1))
                for _ in range(600):
                    if "AVAILABLE" in statuses():
                        break
                    await asyncio.sleep(0.1)
                # A later report (cpms keeps a connector's newest status by its timestamp).
                later = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() + 1))
                await point.call(call.StatusNotification(timestamp=later, connector_status="Occupied", evse_id=1, connector_id=1))
                await point.call(call.TransactionEvent(
                    event_type="Started", timestamp=later, trigger_reason="Authorized", seq_no=0,
                    transaction_info={"transaction_id": f"tx-{prefix}", "charging_state": "Charging"}, evse={"id": 1, "connector_id": 1},
                    id_token={"id_token": "TAG-1", "type": "ISO14443"}))
                for _ in range(600):
                    if statuses() and statuses()[-1] == "CHARGING":
                        break
                    await asyncio.sleep(0.1)
            finally:
                runner.cancel()
                await ws.close()

        asyncio.run(station_reports())
        # The station's disconnection makes its EVSE UNKNOWN.
        seen = wait_until(lambda: statuses()[-1:] == ["UNKNOWN"] and statuses(), 60, "the EVSE's UNKNOWN after the disconnection")
        assert seen == ["AVAILABLE", "BLOCKED", "CHARGING", "UNKNOWN"], seen
        patches = [r for r in peer.pushes() if r["path"] == evse_path and r["method"] == "PATCH"]
        documents = [("Location", location)]
        for patch in patches:
            body = json.loads(patch["body"])
            assert set(body) <= {"status", "status_schedule", "last_updated"} and "last_updated" in body, body
            merged = {**evse, **body}
            ocpi.Evse.from_dict(merged)
            documents.append(("Evse", merged))
        # extrawest applied the PATCHes to the Location it stored.
        stored = peer.state()["objects"]["locations"]
        stored_location = next(v for k, v in stored.items() if k.lower() == station.lower())
        assert [e["status"] for e in stored_location["evses"]] == ["UNKNOWN"]

        edited = tariff(tariff_id, 0.42)
        assert server.api("PUT", f"/api/tariffs/{tariff_id}", edited).status_code == 201
        tariff_path = f"{RECEIVERS}/tariffs/DE/STM/{tariff_id}"
        tariff_puts = wait_until(
            lambda: [r for r in peer.pushes() if r["path"] == tariff_path and json.loads(r["body"])["elements"][0]["price_components"][0]["price"] == 0.42],
            60, "the edited tariff's PUT at the eMSP")
        pushed = json.loads(tariff_puts[-1]["body"])
        assert pushed["country_code"] == "DE" and pushed["party_id"] == "STM"
        ocpi.Tariff.from_dict(pushed)
        documents.append(("Tariff", pushed))
        extrawest_accepts(tmp_path, documents)

        mine = [r for r in peer.pushes() if f"/{station}" in r["path"] or r["path"] == tariff_path]
        assert all(r["status"] == 200 for r in mine), [(r["method"], r["path"], r["status"]) for r in mine]
        assert len({r["request_id"] for r in mine}) == len(mine), "every push has its own X-Request-ID"

        def drained():
            queue = {e["emsp"]: e for e in server.api("GET", "/api/ocpi/queue").json()["emsps"]}
            return queue[name]["length"] == 0 and queue[name]
        summary = wait_until(drained, 60, "the eMSP's queue to drain")
        assert summary["dead_letters"] == 0, summary
        metrics = httpx.get(server.url + "/metrics", timeout=10).text
        delivered = [line for line in metrics.splitlines() if line.startswith("cpms_ocpi_pushes_delivered_total") and f'emsp="{name}"' in line]
        assert delivered and float(delivered[0].split()[-1]) >= len(mine), delivered
        assert f'cpms_ocpi_push_queue_length{{emsp="{name}"}} 0' in metrics
    finally:
        try:
            server.cli("emsp", "remove", name)
        finally:
            server.stop()
            peer.stop()


def test_pushes_survive_emsp_outages_and_cpms_kills_arriving_once_and_in_order(tmp_path):
    if not (BIN / "cpms").exists():
        pytest.fail(f"{BIN / 'cpms'} is missing: run `swift build`", pytrace=False)
    database = f"sqlite://{tmp_path / 'cpms.db'}"
    token = offline("token", "add", "push-test", database=database).strip()
    proxy_port = free_port()
    peer = Peer(tmp_path, advertised_port=proxy_port)
    proxy = FaultProxy(proxy_port, peer.port)
    server = Server(database, tmp_path, token)
    name = "tnm-outages"
    tariffs = [f"R-{index}" for index in range(4)]
    acknowledged: dict[str, list[int]] = {t: [] for t in tariffs}
    unknown: dict[str, list[int]] = {t: [] for t in tariffs}
    stop = threading.Event()
    try:
        server.cli("emsp", "register", name, "--versions-url", peer.versions_url, "--token-a", peer.token_a)
        for tariff_id in tariffs:
            assert server.api("POST", "/api/tariffs", tariff(tariff_id, 0.30, "edit 0")).status_code == 201
            acknowledged[tariff_id].append(0)

        def edits():
            edit = 0
            while not stop.is_set():
                edit += 1
                tariff_id = tariffs[edit % len(tariffs)]
                try:
                    answer = server.api("PUT", f"/api/tariffs/{tariff_id}", tariff(tariff_id, 0.30, f"edit {edit}"), timeout=10)
                    (acknowledged if answer.status_code == 201 else unknown)[tariff_id].append(edit)
                except httpx.HTTPError:
                    unknown[tariff_id].append(edit)  # cpms was killed meanwhile: stored or not
                    time.sleep(0.2)
                time.sleep(0.05)

        editor = threading.Thread(target=edits, daemon=True)
        editor.start()
        outages = 0
        rng = random.Random(15)
        for cycle in range(32):
            time.sleep(rng.uniform(0.2, 0.6))
            proxy.drop()
            outages += 1
            time.sleep(rng.uniform(0.1, 0.5))
            if cycle in (6, 15, 24):
                server.kill_and_restart()
            proxy.heal()
        stop.set()
        editor.join(timeout=60)
        assert outages >= 30

        def drained():
            queue = {e["emsp"]: e for e in server.api("GET", "/api/ocpi/queue").json()["emsps"]}
            return queue[name]["length"] == 0 and queue[name]
        summary = wait_until(drained, 120, "every push to reach the eMSP")
        assert summary["dead_letters"] == 0, summary

        received: dict[str, list[tuple[str, int]]] = {t: [] for t in tariffs}
        for request in peer.pushes():
            tariff_id = request["path"].rsplit("/", 1)[-1]
            # Taken by the eMSP (answered 200; its answer may have been lost on the way back). A request the cut link
            # truncated is not taken.
            if request["method"] == "PUT" and tariff_id.upper() in received and request["status"] == 200:
                note = json.loads(request["body"])["tariff_alt_text"][0]["text"]
                received[tariff_id.upper()].append((request["request_id"], int(note.split()[1])))
        retried = 0
        for tariff_id, pushes in received.items():
            first_seen: dict[str, int] = {}
            for request_id, edit in pushes:
                if request_id in first_seen:
                    assert first_seen[request_id] == edit, "a request id names one push"
                    retried += 1
                else:
                    first_seen[request_id] = edit
            edits = list(first_seen.values())
            assert len(edits) == len(set(edits)), f"{tariff_id}: an edit arrived under two request ids: {edits}"
            assert edits == sorted(edits), f"{tariff_id}: out of order: {edits}"
            missing = set(acknowledged[tariff_id]) - set(edits)
            assert not missing, f"{tariff_id}: acknowledged edits never arrived: {sorted(missing)}"
            assert set(edits) <= set(acknowledged[tariff_id]) | set(unknown[tariff_id])
            stored = server.api("GET", f"/api/tariffs/{tariff_id}").json()["versions"][-1]
            assert edits[-1] == int(json.loads(json.dumps(stored))["tariff"]["tariff_alt_text"][0]["text"].split()[1])
        total = sum(len(v) for v in acknowledged.values())
        print(f"{total} acknowledged edits, {sum(len(v) for v in unknown.values())} unknown, {outages} outages, 3 SIGKILLs, "
              f"{retried} repeats of a request id after a lost answer")
        assert total >= 100
    finally:
        stop.set()
        try:
            server.stop()
        finally:
            proxy.close()
            peer.stop()
