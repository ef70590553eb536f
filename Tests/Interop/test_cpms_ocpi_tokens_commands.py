"""Tokens and Commands (cpms as Receiver) against PyPI extrawest-ocpi as the eMSP and a PyPI `ocpp` 2.0.1 station.

cpms registers at extrawest (`cpms emsp register`), which gives cpms its tokens SENDER (real-time authorization)
and commands SENDER (where CommandResults go). httpx makes the calls extrawest never starts itself (PUT/PATCH of
tokens, the commands) with the token cpms gave extrawest. The station's Authorize is answered from the pushed
tokens; an unknown token is asked of extrawest's `POST tokens/{uid}/authorize`; START_SESSION, STOP_SESSION and
UNLOCK_CONNECTOR reach the station, and their CommandResults reach extrawest's commands endpoint (parsed there by
its pydantic models, and here by ocpi-types). Bad input gets the right HTTP and OCPI status and changes nothing.
"""

from __future__ import annotations

import asyncio
import base64
import json
import os
import subprocess
import time
import uuid

import httpx
import pytest
import websockets
from ocpi_types import v2_2_1 as ocpi
from ocpp.routing import on
from ocpp.v201 import ChargePoint, call, call_result
from ocpp.v201.enums import Action

from test_cpms_ocpi_credentials import BACKENDS, CPMS, envelope, unique_name
from test_cpms_ocpi_credentials import emsp  # noqa: F401 - a pytest fixture
from test_stationd_process import BIN
from postgres_database import fresh_postgres_url


@pytest.fixture(params=BACKENDS)
def cpms_with_station(request, tmp_path):
    """`cpms serve` with one station of its own (the PostgreSQL test database is shared): (server, station, password)."""
    database = fresh_postgres_url() if request.param == "postgres" else f"sqlite://{tmp_path / 'cpms.db'}"
    station = f"TC-{uuid.uuid4().hex[:6].upper()}"
    added = subprocess.run([str(BIN / "cpms"), "station", "add", station, "--database", database], capture_output=True, text=True,
                           timeout=60, stdin=subprocess.DEVNULL)
    assert added.returncode == 0, added.stderr
    server = CPMS(database, tmp_path)
    try:
        yield server, station, added.stdout.split()[3]
    finally:
        server.stop()


def basic(user: str, password: str) -> dict:
    return {"Authorization": "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()}


def token(uid: str, party: str = "TNM", valid: bool = True, whitelist: str = "ALLOWED") -> dict:
    return {"country_code": "NL", "party_id": party, "uid": uid, "type": "RFID", "contract_id": f"NL-{party}-C{uid}",
            "issuer": "extrawest eMSP", "valid": valid, "whitelist": whitelist, "last_updated": "2026-12-07T00:00:00Z"}


class Station(ChargePoint):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.calls: list[str] = []

    @on(Action.request_start_transaction)
    def on_start(self, id_token, remote_start_id, evse_id=None, **_):
        self.calls.append(f"start {evse_id} {id_token['id_token']} {remote_start_id}")
        return call_result.RequestStartTransaction(status="Accepted")

    @on(Action.request_stop_transaction)
    def on_stop(self, transaction_id, **_):
        self.calls.append(f"stop {transaction_id}")
        return call_result.RequestStopTransaction(status="Accepted")

    @on(Action.unlock_connector)
    def on_unlock(self, evse_id, connector_id, **_):
        self.calls.append(f"unlock {evse_id} {connector_id}")
        return call_result.UnlockConnector(status="Unlocked")


def wait_for(condition, what: str, seconds: float = 60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.2)
    pytest.fail(f"timed out waiting for {what}", pytrace=False)


def test_tokens_and_commands_from_the_extrawest_emsp_reach_the_station(cpms_with_station, emsp):  # noqa: F811 - fixture
    cpms, station, password = cpms_with_station
    name = unique_name()
    run = uuid.uuid4().hex[:6].upper()  # the PostgreSQL test database is shared: this run's token uids are its own
    view = cpms.ok("emsp", "register", name, "--versions-url", emsp.versions_url, "--token-a", emsp.token_a)
    assert view["status"] == "registered"
    endpoints = {(e["identifier"], e["role"]): e["url"] for e in view["endpoints"]}
    assert ("tokens", "SENDER") in endpoints and ("commands", "SENDER") in endpoints
    [(_, registration)] = emsp.state()["registrations"].items()
    token_b = registration["credentials"]["token"]  # what extrawest calls cpms with
    details = envelope(cpms.ocpi("GET", "/ocpi/2.2.1", token_b), 200, 1000)["data"]
    served = {(e["identifier"], e["role"]) for e in ocpi.VersionDetails.from_dict(details).to_dict()["endpoints"]}
    assert {("tokens", "RECEIVER"), ("commands", "RECEIVER")} <= served

    cpms.ok("evse", "set", station, "1", "--standard", "IEC_62196_T2", "--power-type", "AC_3_PHASE", "--max-power", "22000")
    cpms.ok("location", "set", station, "--name", "Interop", "--address", "Markt 1", "--city", "Utrecht", "--postal-code", "3511",
            "--country", "NLD", "--latitude", "52.09074", "--longitude", "5.12142", "--operator-name", "Stationmaster",
            "--parking-type", "ON_STREET")
    location = envelope(cpms.ocpi("GET", f"/ocpi/2.2.1/locations/{station}", token_b), 200, 1000)["data"]
    evse_uid = location["evses"][0]["uid"]
    tokens = "/ocpi/2.2.1/tokens/NL/TNM"
    commands_url = endpoints[("commands", "SENDER")].rstrip("/")

    # extrawest pushes its tokens; bad ones are refused and change nothing.
    envelope(cpms.ocpi("PUT", f"{tokens}/CARD-1-{run}", token_b, json=token(f"CARD-1-{run}")), 200, 1000)
    envelope(cpms.ocpi("PUT", f"{tokens}/CARD-2-{run}", token_b, json=token(f"CARD-2-{run}", whitelist="ALWAYS")), 200, 1000)
    envelope(cpms.ocpi("PATCH", f"{tokens}/CARD-2-{run}", token_b, json={"valid": False, "last_updated": "2026-12-07T01:00:00Z"}), 200, 1000)
    read = envelope(cpms.ocpi("GET", f"{tokens}/CARD-2-{run}?type=RFID", token_b), 200, 1000)["data"]
    assert read["valid"] is False and ocpi.Token.from_dict(read).uid == f"CARD-2-{run}"
    bad = [
        ("PUT", f"{tokens}/CARD-3-{run}", b"{not json", 400, 2001),
        ("PUT", f"{tokens}/CARD-3-{run}", {"uid": f"CARD-3-{run}"}, 200, 2001),
        ("PUT", f"{tokens}/CARD-3-{run}", {**token(f"CARD-3-{run}"), "valid": "yes"}, 200, 2001),
        ("PUT", f"{tokens}/CARD-3-{run}", token(f"CARD-9-{run}"), 200, 2001),
        ("PUT", f"/ocpi/2.2.1/tokens/DE/XYZ/CARD-3-{run}", token(f"CARD-3-{run}", party="XYZ"), 200, 2001),
        ("PATCH", f"{tokens}/CARD-1-{run}", {"valid": False}, 200, 2001),
        ("PATCH", f"{tokens}/CARD-1-{run}", {"whitelist": 7, "last_updated": "2026-12-07T01:00:00Z"}, 200, 2001),
        ("PATCH", f"{tokens}/NOPE", {"valid": False, "last_updated": "2026-12-07T01:00:00Z"}, 404, 2004),
    ]
    for method, path, body, http, code in bad:
        kwargs = {"content": body, "headers": {"Content-Type": "application/json"}} if isinstance(body, bytes) else {"json": body}
        envelope(cpms.ocpi(method, path, token_b, **kwargs), http, code)
    envelope(cpms.ocpi("GET", f"{tokens}/CARD-3-{run}", token_b), 404, 2004)
    assert envelope(cpms.ocpi("GET", f"{tokens}/CARD-1-{run}", token_b), 200, 1000)["data"]["valid"] is True
    assert cpms.ocpi("PUT", f"{tokens}/CARD-3-{run}", None, json=token(f"CARD-3-{run}")).status_code == 401

    # A token only extrawest knows, with its answer to the real-time authorization.
    for module, body in [("tokens", token(f"RT-1-{run}")), ("authorizations", {"allowed": "ALLOWED", "authorization_reference": "REF-RT-1"})]:
        assert httpx.put(f"{emsp.base}/peer/objects/{module}/RT-1-{run}", json=body, timeout=10).status_code == 200
    seen = len(httpx.get(f"{emsp.base}/peer/requests", timeout=10).json()["requests"])

    async def scenario() -> list[str]:
        ws = await websockets.connect(cpms.url.replace("http", "ws") + "/ocpp/" + station, subprotocols=["ocpp2.0.1"],
                                      additional_headers=basic(station, password), open_timeout=10)
        charger = Station(station, ws, response_timeout=30)
        runner = asyncio.create_task(charger.start())
        try:
            boot = await charger.call(call.BootNotification(charging_station={"model": "Interop", "vendor_name": "PyOCPP"}, reason="PowerUp"))
            assert boot.status == "Accepted"

            async def authorize(uid: str) -> str:
                answer = await charger.call(call.Authorize(id_token={"id_token": uid, "type": "ISO14443"}))
                return answer.id_token_info["status"]

            assert await authorize(f"CARD-1-{run}") == "Accepted"
            assert await authorize(f"CARD-2-{run}") == "Invalid"
            assert await authorize(f"RT-1-{run}") == "Accepted"
            # extrawest does not know it (HTTP 404): nobody allows it.
            assert await authorize(f"NOBODY-1-{run}") == "Unknown"

            def command(kind: str, body: dict) -> dict:
                answer = cpms.ocpi("POST", f"/ocpi/2.2.1/commands/{kind}", token_b, json=body)
                return ocpi.CommandResponse.from_dict(envelope(answer, 200, 1000)["data"]).to_dict()

            start = await asyncio.to_thread(command, "START_SESSION", {
                "response_url": f"{commands_url}/start-1", "token": token(f"APP-1-{run}"), "location_id": station, "evse_uid": evse_uid,
                "authorization_reference": "AUTH-1"})
            assert start["result"] == "ACCEPTED" and start["timeout"] > 0
            await asyncio.to_thread(wait_for, lambda: any(c.startswith("start 1 APP-1") for c in charger.calls), "RequestStartTransaction")
            remote_start_id = int(charger.calls[-1].split()[-1])
            started = await charger.call(call.TransactionEvent(
                event_type="Started", timestamp="2026-12-07T00:00:00Z", trigger_reason="RemoteStart", seq_no=0,
                transaction_info={"transaction_id": "TX-IO-1", "remote_start_id": remote_start_id}, evse={"id": 1, "connector_id": 1},
                id_token={"id_token": f"APP-1-{run}", "type": "Central"}))
            assert started.id_token_info["status"] == "Accepted"

            stop = await asyncio.to_thread(command, "STOP_SESSION", {"response_url": f"{commands_url}/stop-1", "session_id": "TX-IO-1"})
            assert stop["result"] == "ACCEPTED"
            unlock = await asyncio.to_thread(command, "UNLOCK_CONNECTOR", {
                "response_url": f"{commands_url}/unlock-1", "location_id": station, "evse_uid": evse_uid, "connector_id": "1"})
            assert unlock["result"] == "ACCEPTED"
            unknown = await asyncio.to_thread(command, "STOP_SESSION", {"response_url": f"{commands_url}/stop-2", "session_id": "NOPE"})
            assert unknown["result"] == "UNKNOWN_SESSION"
            await asyncio.to_thread(wait_for, lambda: "unlock 1 1" in charger.calls, "UnlockConnector")
            return list(charger.calls)
        finally:
            runner.cancel()
            await ws.close()

    calls = asyncio.run(scenario())
    assert calls[1:] == ["stop TX-IO-1", "unlock 1 1"]

    # The CommandResults reach extrawest's commands endpoint through the push queue.
    def results():
        stored = emsp.state()["objects"].get("commands", {})
        return stored if {"start-1", "stop-1", "unlock-1"} <= set(stored) else None
    stored = wait_for(results, "the CommandResults at the eMSP")
    for uid in ["start-1", "stop-1", "unlock-1"]:
        assert ocpi.CommandResult.from_dict({k: v for k, v in stored[uid].items() if v is not None}).result.value == "ACCEPTED"
    requests = httpx.get(f"{emsp.base}/peer/requests", timeout=10).json()["requests"][seen:]
    asked = [r for r in requests if r["path"].endswith("/authorize")]
    assert [r["path"].split("/")[-2].upper() for r in asked] == [f"RT-1-{run}", f"NOBODY-1-{run}"]
    references = ocpi.LocationReferences.from_dict(json.loads(asked[0]["body"]))
    assert references.location_id == station
    posted = [r for r in requests if r["method"] == "POST" and "/commands/" in r["path"]]
    assert all(r["status"] == 200 for r in posted) and len(posted) == 3

    # Commands that are wrong change nothing.
    bad_commands = [
        ("START_SESSION", b"{nope", 400, 2001),
        ("START_SESSION", {"response_url": f"{commands_url}/x", "location_id": station}, 200, 2001),
        ("START_SESSION", {"response_url": 5, "token": token(f"APP-2-{run}"), "location_id": station}, 200, 2001),
        ("START_SESSION", {"response_url": f"{commands_url}/x", "token": token(f"APP-2-{run}"), "location_id": "NOWHERE"}, 404, 2003),
        ("START_SESSION", {"response_url": f"{commands_url}/x", "token": token(f"APP-2-{run}", party="XYZ"), "location_id": station}, 200, 2001),
        ("UNLOCK_CONNECTOR", {"response_url": f"{commands_url}/x", "location_id": station, "evse_uid": "NL*STM*EX*9", "connector_id": "1"}, 404, 2003),
    ]
    for kind, body, http, code in bad_commands:
        kwargs = {"content": body, "headers": {"Content-Type": "application/json"}} if isinstance(body, bytes) else {"json": body}
        envelope(cpms.ocpi("POST", f"/ocpi/2.2.1/commands/{kind}", token_b, **kwargs), http, code)
    envelope(cpms.ocpi("GET", f"{tokens}/APP-2-{run}", token_b), 404, 2004)
    cpms.ok("emsp", "remove", name)

