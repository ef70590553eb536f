"""A priced charging record, end to end: a station written with the PyPI `ocpp` library (OCPP 2.0.1) runs a
transaction with meter values and an idle tail against a real `cpms serve`, ends it, replays the Ended event,
and the record's price (read through the API and `cpms records`) must be the one computed by hand below. The
tariff is created, assigned and then edited mid-session with the CLI, as a CPO would; the record keeps the
version in force at the start. Runs on SQLite, and on PostgreSQL when CPMS_TEST_POSTGRES_URL is set."""

from __future__ import annotations

import asyncio
import json
import uuid
from datetime import datetime, timedelta, timezone

import websockets
from ocpp.v201 import call

from test_cpms_ocpp201 import Station, basic, cpms, data_transfer_data_as_written, iso  # noqa: F401 (fixtures)


def tariff(tariff_id: str, energy_price: float) -> dict:
    return {
        "country_code": "NL", "party_id": "SMR", "id": tariff_id, "currency": "EUR",
        "last_updated": "2026-01-01T00:00:00Z",
        "elements": [{"price_components": [
            {"type": "FLAT", "price": 0.50, "vat": 21, "step_size": 1},
            {"type": "ENERGY", "price": energy_price, "vat": 21, "step_size": 1},
            {"type": "TIME", "price": 1.20, "vat": 21, "step_size": 1},
            {"type": "PARKING_TIME", "price": 6.00, "step_size": 1},
        ]}],
    }


def meter(wh: float, at: datetime, power_w: float) -> list[dict]:
    return [{"timestamp": iso(at), "sampled_value": [
        {"value": wh / 1000, "measurand": "Energy.Active.Import.Register", "unit_of_measure": {"unit": "kWh"}},
        {"value": power_w, "measurand": "Power.Active.Import", "unit_of_measure": {"unit": "W"}},
    ]}]


def test_a_session_with_an_idle_tail_is_priced_once_by_hand(cpms, tmp_path):
    cli, api, sid = cpms["cli"], cpms["api"], cpms["station"]
    tariff_id = f"TF-{uuid.uuid4().hex[:8]}"
    (tmp_path / "v1.json").write_text(json.dumps(tariff(tariff_id, 0.30)))
    (tmp_path / "v2.json").write_text(json.dumps(tariff(tariff_id, 0.90)))
    cli("tariff", "create", str(tmp_path / "v1.json"))
    cli("tariff", "assign", tariff_id, sid, "--evse", "1")
    status, body = api("PUT", f"/api/stations/{sid}/time-zone", {"time_zone": "Europe/Amsterdam"})
    assert status == 200 and body == {"station": sid, "time_zone": "Europe/Amsterdam"}, body
    status, body = api("PUT", f"/api/stations/{sid}/time-zone", {"time_zone": "Europe/Nowhere"})
    assert status == 400 and body["error"].startswith("time_zone"), body

    # The session starts after the tariff was assigned (and before it is edited below).
    start = datetime.now(timezone.utc)
    tx = str(uuid.uuid4())
    info = lambda state, **more: {"transaction_id": tx, "charging_state": state, **more}  # noqa: E731
    started = call.TransactionEvent(
        event_type="Started", timestamp=iso(start), trigger_reason="Authorized", seq_no=0,
        transaction_info=info("Charging"), evse={"id": 1, "connector_id": 1},
        id_token={"id_token": "TAG-42", "type": "ISO14443"}, meter_value=meter(2000, start, 7200))
    charging = call.TransactionEvent(
        event_type="Updated", timestamp=iso(start + timedelta(minutes=20)), trigger_reason="MeterValuePeriodic", seq_no=1,
        transaction_info=info("Charging"), meter_value=meter(4400, start + timedelta(minutes=20), 7200))
    suspended = call.TransactionEvent(
        event_type="Updated", timestamp=iso(start + timedelta(minutes=40)), trigger_reason="ChargingStateChanged", seq_no=2,
        transaction_info=info("SuspendedEV"), meter_value=meter(6800, start + timedelta(minutes=40), 0))
    parked = call.MeterValues(evse_id=1, meter_value=meter(6800, start + timedelta(minutes=50), 0))
    ended = call.TransactionEvent(
        event_type="Ended", timestamp=iso(start + timedelta(hours=1)), trigger_reason="EVCommunicationLost", seq_no=3,
        transaction_info=info("EVConnected", stopped_reason="EVDisconnected"), evse={"id": 1, "connector_id": 1},
        meter_value=meter(6800, start + timedelta(hours=1), 0))

    async def scenario():
        ws = await websockets.connect(cpms["url"] + sid, subprotocols=["ocpp2.0.1"],
                                      additional_headers=basic(sid, cpms["password"]), open_timeout=10)
        station = Station(sid, ws, response_timeout=30)
        runner = asyncio.create_task(station.start())
        try:
            await station.call(call.BootNotification(
                charging_station={"model": "Interop201", "vendor_name": "PyOCPP"}, reason="PowerUp"))
            await station.call(started)
            # The CPO raises the energy price while the EV charges: the session keeps version 1.
            await asyncio.to_thread(cli, "tariff", "edit", str(tmp_path / "v2.json"))
            for message in (charging, suspended, parked, ended):
                await station.call(message)
            # The answer to the Ended event got lost: the station sends it again, offline-flagged, and once more.
            await station.call(call.TransactionEvent(**{**ended.__dict__, "offline": True}))
            await station.call(ended)
        finally:
            runner.cancel()
            await ws.close()

    asyncio.run(scenario())

    # By hand: FLAT 0.50; 4.8 kWh x 0.30 = 1.44; 40 min charging x 1.20/h = 0.80; 20 min parked x 6.00/h = 2.00
    # (no VAT); VAT 21 % on the rest: 0.605 + 1.7424 + 0.968 + 2.00.
    status, records = api("GET", f"/api/charging-records?station={sid}")
    assert status == 200, records
    [listed] = records
    assert listed["transaction_id"] == tx and listed["id_token"] == "TAG-42" and listed["evse"] == 1
    assert listed["price_status"] == "priced" and listed["tariff_id"] == tariff_id and listed["tariff_version"] == 1
    assert listed["currency"] == "EUR" and listed["energy_kwh"] == 4.8
    assert listed["total"] == {"excl_vat": 4.74, "incl_vat": 5.3154} and listed["problems"] == 0

    status, record = api("GET", f"/api/charging-records/{sid}/{tx}")
    assert status == 200, record
    assert [(p["activity"], p["energy_kwh"]) for p in record["periods"]] == [("charging", 4.8), ("idle", 0)]
    assert record["periods"][0]["max_power_kw"] == 7.2
    assert record["periods"][1]["start"] == iso(start + timedelta(minutes=40))
    assert record["time_zone"] == "Europe/Amsterdam" and record["stopped_reason"] == "EVDisconnected"
    assert record["problems"] == []
    dimensions = {d["dimension"]: d["cost"] for d in record["price"]["dimensions"]}
    assert dimensions["PARKING_TIME"] == {"excl_vat": 2, "incl_vat": 2}
    assert dimensions["ENERGY"] == {"excl_vat": 1.44, "incl_vat": 1.7424}
    assert [p["dimensions"][1]["type"] for p in record["charging_periods"]] == ["TIME", "PARKING_TIME"]

    listed_cli = cli("records", "list", "--station", sid).stdout.splitlines()
    assert len(listed_cli) == 1 and tx in listed_cli[0], listed_cli
    assert f"4.74 EUR excl. VAT, 5.3154 EUR incl. VAT (tariff {tariff_id} version 1)" in listed_cli[0]
    shown = json.loads(cli("records", "show", sid, tx).stdout)
    assert shown["price"]["total"] == {"excl_vat": 4.74, "incl_vat": 5.3154}
    missing = cli("records", "show", sid, "NO-SUCH-TX", check=False)
    assert missing.returncode == 1 and "no charging record" in missing.stderr
