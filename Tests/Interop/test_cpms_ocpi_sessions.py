"""OCPI Sessions and CDRs pushed by a real `cpms serve` to an independent eMSP: PyPI extrawest-ocpi
(ocpi_emsp_peer.py, its own venv). cpms registers at the eMSP; the eMSP PUTs a token to cpms (Tokens Receiver);
an OCPP 2.0.1 station written with the PyPI `ocpp` library runs a transaction with that token at a published
location; the eMSP must receive the session's PUT, its PATCHes and the COMPLETED session, then the CDR with the
total computed by hand below, all valid to PyPI ocpi-types and to extrawest's own pydantic models. cpms's Sender
interfaces (GET sessions, GET cdrs and one CDR) answer the same objects. SQLite, and PostgreSQL when
CPMS_TEST_POSTGRES_URL is set."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import uuid
from datetime import datetime, timedelta, timezone

import httpx
import websockets
from ocpi_types import v2_2_1 as ocpi
from ocpp.v201 import call

from test_cpms_ocpi_credentials import BIN, EMSP, REPO_ROOT, auth, cpms, emsp, envelope, environ_without_venv  # noqa: F401 (fixtures)
from test_cpms_ocpp201 import Station, basic, iso
from test_stationd_process import wait_until

# extrawest-ocpi's own models parse each document; a refusal is printed and the script exits 1.
EXTRAWEST_CHECK = """
import json, sys
from py_ocpi.modules.sessions.v_2_2_1.schemas import Session, SessionPartialUpdate
from py_ocpi.modules.cdrs.v_2_2_1.schemas import Cdr
models = {"Session": Session, "SessionPartialUpdate": SessionPartialUpdate, "Cdr": Cdr}
documents = json.load(open(sys.argv[1]))
for kind, document in documents:
    models[kind](**document)
print(len(documents))
"""

TARIFF = {
    "country_code": "NL", "party_id": "STM", "currency": "EUR", "last_updated": "2026-01-01T00:00:00Z",
    "elements": [{"price_components": [
        {"type": "ENERGY", "price": 0.30, "vat": 21, "step_size": 1},
        {"type": "PARKING_TIME", "price": 6.00, "step_size": 1},
    ]}],
}


def meter(wh: float, at: datetime, power_w: float) -> list[dict]:
    return [{"timestamp": iso(at), "sampled_value": [
        {"value": wh / 1000, "measurand": "Energy.Active.Import.Register", "unit_of_measure": {"unit": "kWh"}},
        {"value": power_w, "measurand": "Power.Active.Import", "unit_of_measure": {"unit": "W"}},
    ]}]


def extrawest_validates(tmp_path, documents: list[tuple[str, dict]]):
    python = os.environ.get("OCPI_EMSP_PYTHON") or str(REPO_ROOT / ".venv-ocpi-emsp" / "bin" / "python")
    (tmp_path / "documents.json").write_text(json.dumps(documents))
    (tmp_path / "check.py").write_text(EXTRAWEST_CHECK)
    done = subprocess.run([python, str(tmp_path / "check.py"), str(tmp_path / "documents.json")], capture_output=True, text=True,
                          timeout=120, env=environ_without_venv(dict(os.environ)))
    assert done.returncode == 0 and done.stdout.strip() == str(len(documents)), done.stderr[-3000:]


def test_the_emsp_receives_the_session_its_updates_and_the_cdr_with_the_right_total(cpms, emsp, tmp_path):
    database = cpms.database
    prefix = "S" + uuid.uuid4().hex[:8].upper()
    sid, tariff_id, uid = f"{prefix}-1", f"TF-{prefix}", f"TAG{prefix}"

    def cli(*args: str) -> str:
        done = subprocess.run([str(BIN / "cpms"), *args, "--database", database], capture_output=True, text=True, timeout=60,
                              stdin=subprocess.DEVNULL)
        assert done.returncode == 0, f"cpms {' '.join(args)}: {done.stderr}"
        return done.stdout

    password = cli("station", "add", sid).split()[3]
    (tmp_path / "tariff.json").write_text(json.dumps({**TARIFF, "id": tariff_id}))
    cli("tariff", "create", str(tmp_path / "tariff.json"))
    cli("tariff", "assign", tariff_id, sid)
    cpms.ok("evse", "set", sid, "1", "--standard", "IEC_62196_T2", "--power-type", "AC_3_PHASE", "--max-power", "22000")
    cpms.ok("location", "set", sid, "--name", "Market square", "--address", "Markt 1", "--city", "Utrecht", "--postal-code", "3511",
            "--country", "NLD", "--latitude", "52.09074", "--longitude", "5.12142", "--operator-name", "Stationmaster")

    # cpms registers at the eMSP; the eMSP calls cpms with the token B cpms offered.
    name = f"tnm-{prefix.lower()}"
    cpms.ok("emsp", "register", name, "--versions-url", emsp.versions_url, "--token-a", emsp.token_a)
    # The PostgreSQL test database is shared: the eMSP (extrawest always speaks as NL*TNM) is removed at the end.
    try:
        check_the_session_and_the_cdr(cpms, emsp, tmp_path, sid, password, tariff_id, uid)
    finally:
        cpms.ok("emsp", "remove", name)


def check_the_session_and_the_cdr(cpms, emsp, tmp_path, sid: str, password: str, tariff_id: str, uid: str):
    """The eMSP gives a token, the station charges with it, the eMSP receives the session and the CDR."""
    [registration] = emsp.state()["registrations"].values()
    token_b = registration["credentials"]["token"]
    token = {"country_code": "NL", "party_id": "TNM", "uid": uid, "type": "RFID", "contract_id": "NL-TNM-C12345678-X",
             "issuer": "extrawest eMSP", "valid": True, "whitelist": "ALLOWED", "last_updated": "2026-12-01T00:00:00Z"}
    envelope(cpms.ocpi("PUT", f"/ocpi/2.2.1/tokens/NL/TNM/{uid}", token_b, json=token), 200, 1000)
    seen_before = httpx.get(f"{emsp.base}/peer/requests", timeout=10).json()["count"]

    # Whole seconds, after the tariff was assigned (a start before it would find no tariff in force).
    start = (datetime.now(timezone.utc) + timedelta(seconds=1)).replace(microsecond=0)
    tx = str(uuid.uuid4())
    info = lambda state, **more: {"transaction_id": tx, "charging_state": state, **more}  # noqa: E731
    events = [
        call.TransactionEvent(
            event_type="Started", timestamp=iso(start), trigger_reason="Authorized", seq_no=0, transaction_info=info("Charging"),
            evse={"id": 1, "connector_id": 1}, id_token={"id_token": uid, "type": "ISO14443"}, meter_value=meter(2000, start, 7200)),
        call.TransactionEvent(
            event_type="Updated", timestamp=iso(start + timedelta(minutes=20)), trigger_reason="MeterValuePeriodic", seq_no=1,
            transaction_info=info("Charging"), meter_value=meter(4400, start + timedelta(minutes=20), 7200)),
        call.TransactionEvent(
            event_type="Updated", timestamp=iso(start + timedelta(minutes=40)), trigger_reason="ChargingStateChanged", seq_no=2,
            transaction_info=info("SuspendedEV"), meter_value=meter(6800, start + timedelta(minutes=40), 0)),
        call.TransactionEvent(
            event_type="Ended", timestamp=iso(start + timedelta(hours=1)), trigger_reason="EVCommunicationLost", seq_no=3,
            transaction_info=info("EVConnected", stopped_reason="EVDisconnected"), evse={"id": 1, "connector_id": 1},
            meter_value=meter(6800, start + timedelta(hours=1), 0)),
    ]

    async def scenario():
        ws = await websockets.connect(f"ws://127.0.0.1:{cpms.port}/ocpp/{sid}", subprotocols=["ocpp2.0.1"],
                                      additional_headers=basic(sid, password), open_timeout=10)
        station = Station(sid, ws, response_timeout=30)
        runner = asyncio.create_task(station.start())
        try:
            await station.call(call.BootNotification(charging_station={"model": "Interop201", "vendor_name": "PyOCPP"}, reason="PowerUp"))
            for event in events:
                await station.call(event)
            # The answer to the Ended event got lost: the station sends it again.
            await station.call(call.TransactionEvent(**{**events[-1].__dict__, "offline": True}))
        finally:
            runner.cancel()
            await ws.close()

    asyncio.run(scenario())

    def ours() -> list[dict]:
        requests = httpx.get(f"{emsp.base}/peer/requests?since={seen_before}", timeout=10).json()["requests"]
        return [r for r in requests if "/sessions/" in r["path"] or "/cdrs" in r["path"]]

    wait_until(lambda: any("/cdrs" in r["path"] and r["status"] == 200 for r in ours()), 90, "the eMSP to receive the CDR")
    # extrawest's CDRs receiver is at `.../cdrs/`: FastAPI answers the POST to its endpoint URL with a 307 there,
    # which cpms follows. Only the answered requests count.
    received = [r for r in ours() if r["status"] != 307]
    assert all(r["status"] == 200 for r in received), [(r["method"], r["path"], r["status"]) for r in received]
    sessions = [r for r in received if "/sessions/" in r["path"]]
    cdrs = [r for r in received if "/cdrs" in r["path"]]
    assert len(cdrs) == 1 and cdrs[0]["method"] == "POST", received
    assert [r["method"] for r in sessions][0] == "PUT" and {r["method"] for r in sessions[1:]} == {"PATCH"}, sessions
    put = json.loads(sessions[0]["body"])
    session_id = put["id"]
    assert sessions[0]["path"].endswith(f"/sessions/DE/STM/{session_id}"), sessions[0]["path"]
    assert put["status"] == "ACTIVE" and put["auth_method"] == "WHITELIST" and put["location_id"] == sid
    assert put["cdr_token"] == {"country_code": "NL", "party_id": "TNM", "uid": uid, "type": "RFID", "contract_id": "NL-TNM-C12345678-X"}
    patches = [json.loads(r["body"]) for r in sessions[1:]]
    assert any(p.get("kwh") == 4.8 and "status" not in p for p in patches), patches  # the EV suspends: numbers at once
    completed = patches[-1]
    assert completed["status"] == "COMPLETED" and completed["kwh"] == 4.8, completed
    assert completed["end_date_time"] == iso(start + timedelta(hours=1)).replace(".000Z", "Z")
    # By hand: 4.8 kWh x 0.30 = 1.44 (+21 % VAT: 1.7424); 20 min parked x 6.00/h = 2.00 (no VAT).
    assert completed["total_cost"] == {"excl_vat": 3.44, "incl_vat": 3.7424}, completed
    cdr = json.loads(cdrs[0]["body"])
    assert cdr["id"] == session_id and cdr["session_id"] == session_id
    assert cdr["total_cost"] == {"excl_vat": 3.44, "incl_vat": 3.7424}
    assert cdr["total_energy"] == 4.8 and cdr["total_time"] == 1 and abs(cdr["total_parking_time"] - 1 / 3) < 1e-9, cdr
    assert cdr["total_energy_cost"] == {"excl_vat": 1.44, "incl_vat": 1.7424}
    assert cdr["total_parking_cost"] == {"excl_vat": 2, "incl_vat": 2}
    assert [t["id"] for t in cdr["tariffs"]] == [tariff_id] and cdr["currency"] == "EUR"
    assert cdr["cdr_location"]["id"] == sid and cdr["cdr_location"]["evse_uid"] == put["evse_uid"]

    # The independent judges: ocpi-types (strict) and extrawest's models.
    ocpi.Session.from_dict(put)
    ocpi.Cdr.from_dict(cdr)
    [stored] = [s for key, s in emsp.state()["objects"]["sessions"].items() if key.lower() == session_id.lower()]
    assert stored["status"] == "COMPLETED" and stored["total_cost"] == {"excl_vat": 3.44, "incl_vat": 3.7424}
    extrawest_validates(tmp_path, [("Session", put), ("Cdr", cdr), ("Session", stored)]
                        + [("SessionPartialUpdate", patch) for patch in patches])

    # cpms's Sender interfaces: the eMSP's own session and CDR.
    listed = envelope(cpms.ocpi("GET", "/ocpi/2.2.1/sessions", token_b), 200, 1000)
    [served] = [s for s in listed["data"] if s["id"] == session_id]
    assert served["status"] == "COMPLETED" and served["total_cost"] == {"excl_vat": 3.44, "incl_vat": 3.7424}
    ocpi.Session.from_dict(served)
    listed_cdrs = envelope(cpms.ocpi("GET", "/ocpi/2.2.1/cdrs", token_b), 200, 1000)
    assert [c["id"] for c in listed_cdrs["data"]] == [session_id]
    one = envelope(cpms.ocpi("GET", f"/ocpi/2.2.1/cdrs/{session_id}", token_b), 200, 1000)["data"]
    assert one == listed_cdrs["data"][0]
    ocpi.Cdr.from_dict(one)
    envelope(cpms.ocpi("GET", "/ocpi/2.2.1/cdrs/no-such-cdr", token_b), 404, 2000)
    # Operators see every CDR written, sent or held.
    written = httpx.get(f"{cpms.url}/api/ocpi/cdrs", headers={"Authorization": f"Bearer {cpms.token}"}, timeout=30).json()
    assert [(c["cdr_id"], c["status"], c["station"]) for c in written if c["cdr_id"] == session_id] == [(session_id, "sent", sid)]
