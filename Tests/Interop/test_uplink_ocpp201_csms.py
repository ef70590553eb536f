"""stationd's uplink against a CSMS written with the PyPI `ocpp` library (2.0.1), which validates every
payload against the official schemas: boot, status, whole transactions with meter values, grid meter values,
battery telemetry, the technician audit, the CSMS's commands, and an outage replayed with `offline`."""
from __future__ import annotations

import json
import ssl
import socket
import subprocess
import time

import pytest

from csms_peer import CSMSPeer, call, now
from demo_station import write_demo_station
from test_stationd_process import BIN, free_port, wait_until

STATION = "DEMO-001"
PASSWORD = "demo-password-0001"

# Car 1 charges on socket 1 while the CSMS is up; car 2 charges on socket 1 while the CSMS is down.
# Car 1 stays 11 s: a car that arrives while the battery must shave for it waits for the battery's step to
# settle (battery_response_s + meter_lag_ms, ~5 s with the polls) and the simulated EV takes 1-2 s more to draw.
SCENARIO = """base_load_w: 3000
battery: { soc_pct: 60 }
evs:
  - { socket: 1, arrive_s: 2, leave_s: 13, capacity_kwh: 60, soc_pct: 30, max_current_a: 16, phases: 3 }
  - { socket: 1, arrive_s: 32, leave_s: 40, capacity_kwh: 60, soc_pct: 30, max_current_a: 16, phases: 3 }
"""


@pytest.fixture
def uplinked_station(tmp_path):
    modbus_port, api_port, csms_port = free_port(), free_port(), free_port()
    config = write_demo_station(tmp_path, modbus_port=modbus_port, api_port=api_port,
                                csms_url=f"ws://127.0.0.1:{csms_port}/ocpp/{STATION}", meter_interval_s=1)
    (tmp_path / "scenario.yaml").write_text(SCENARIO)
    csms = CSMSPeer(csms_port, STATION, PASSWORD, heartbeat_s=30)
    csms.start()
    logs = {name: open(tmp_path / f"{name}.log", "w") for name in ("sim", "stationd")}
    sim = subprocess.Popen([BIN / "station-sim", "--config", config, "--scenario", tmp_path / "scenario.yaml", "--quiet"],
                           stdout=logs["sim"], stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    wait_until(lambda: socket.create_connection(("127.0.0.1", modbus_port), timeout=1).close() or True, 15,
               "station-sim to listen")
    stationd = subprocess.Popen([BIN / "stationd", "--config", config], stdout=logs["stationd"],
                                stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)

    def status():
        done = subprocess.run([BIN / "stationctl", "status", "--json", "--api", f"http://127.0.0.1:{api_port}"],
                              capture_output=True, text=True, timeout=20, stdin=subprocess.DEVNULL)
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout)

    try:
        yield {"csms": csms, "status": status, "logs": tmp_path, "started": time.monotonic()}
    finally:
        for process in (stationd, sim):
            process.terminate()
        for process in (stationd, sim):
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
        csms.shutdown()
        for log in logs.values():
            log.close()


def transactions(csms: CSMSPeer) -> dict[str, list[dict]]:
    by_id: dict[str, list[dict]] = {}
    for event in csms.messages("TransactionEvent"):
        by_id.setdefault(event["transaction_info"]["transaction_id"], []).append(event)
    return by_id


def whole(events: list[dict]) -> bool:
    return bool(events) and events[0]["event_type"] == "Started" and events[-1]["event_type"] == "Ended"


def test_uplink_reports_to_an_ocpp_library_csms_and_obeys_it(uplinked_station):
    csms, status, started = uplinked_station["csms"], uplinked_station["status"], uplinked_station["started"]

    # Boot, then every connector's status, each naming its socket.
    wait_until(lambda: csms.messages("BootNotification"), 20, "a BootNotification")
    boot = csms.messages("BootNotification")[0]
    assert boot["charging_station"]["vendor_name"] == "Stationmaster" and boot["reason"] == "PowerUp"
    wait_until(lambda: {s["evse_id"] for s in csms.messages("StatusNotification")} >= {1, 2}, 20, "status of both EVSEs")
    first = csms.messages("StatusNotification")[0]
    assert first["connector_id"] == 1 and first["custom_data"]["vendor_id"] == "org.stationmaster"

    # Car 1: a whole transaction while online, seqNo from 0 without a gap, meter values rising.
    wait_until(lambda: any(whole(e) for e in transactions(csms).values()), 40, "car 1's whole transaction")
    (first_tx, events), = [(k, v) for k, v in transactions(csms).items() if whole(v)]
    assert [e["seq_no"] for e in events] == list(range(len(events)))
    assert [e["event_type"] for e in events[1:-1]] == ["Updated"] * (len(events) - 2) and len(events) >= 4
    assert not any(e.get("offline") for e in events)
    assert events[0]["evse"] == {"id": 1, "connector_id": 1} and events[0]["trigger_reason"] == "CablePluggedIn"
    registers = [v["value"] for e in events for m in e.get("meter_value", []) for v in m["sampled_value"]
                 if v.get("measurand") == "Energy.Active.Import.Register"]
    assert registers == sorted(registers) and registers[-1] > registers[0]
    assert events[-1]["transaction_info"]["stopped_reason"] == "EVDisconnected"

    # The grid connection on EVSE 0 and the battery, periodically.
    wait_until(lambda: csms.messages("MeterValues") and csms.data_transfers("BatteryTelemetry"), 20, "grid and battery")
    grid = csms.messages("MeterValues")[0]
    assert grid["evse_id"] == 0
    assert {v["measurand"] for v in grid["meter_value"][0]["sampled_value"]} >= {"Power.Active.Import"}
    telemetry = json.loads(json.dumps(csms.data_transfers("BatteryTelemetry")[0]["data"]))
    assert 0 <= telemetry["soc_percent"] <= 100 and telemetry["quality"] == "fresh"

    # Commands: availability (answered, reported, audited), grid cap, price schedule, variables.
    result = csms.send(call.ChangeAvailability(operational_status="Inoperative", evse={"id": 2}))
    assert result.status == "Accepted"
    wait_until(lambda: any(s["evse_id"] == 2 and s["connector_status"] == "Unavailable"
                           for s in csms.messages("StatusNotification")), 15, "EVSE 2 Unavailable")
    audit = csms.data_transfers("AvailabilityAudit")[-1]["data"]
    assert audit["evse_id"] == 2 and audit["source"] == "central" and audit["enabled"] is False
    assert csms.send(call.ChangeAvailability(operational_status="Operative", evse={"id": 2})).status == "Accepted"

    profile = {"id": 90, "stack_level": 0, "charging_profile_purpose": "ChargingStationMaxProfile",
               "charging_profile_kind": "Absolute",
               "charging_schedule": [{"id": 1, "start_schedule": now(), "charging_rate_unit": "W",
                                      "charging_schedule_period": [{"start_period": 0, "limit": 15000}]}]}
    assert csms.send(call.SetChargingProfile(evse_id=0, charging_profile=profile)).status == "Accepted"
    wait_until(lambda: status()["grid"]["cap_w"] == 15000, 10, "the grid cap to reach the EMS")
    variables = csms.send(call.GetVariables(get_variable_data=[
        {"component": {"name": "SmartChargingCtrlr"}, "variable": {"name": "GridCap"}},
        {"component": {"name": "NoSuchController"}, "variable": {"name": "X"}}]))
    assert [r["attribute_status"] for r in variables.get_variable_result] == ["Accepted", "UnknownComponent"]
    assert variables.get_variable_result[0]["attribute_value"] == "15000"
    assert csms.send(call.ClearChargingProfile(charging_profile_id=90)).status == "Accepted"
    wait_until(lambda: status()["grid"]["cap_w"] == 22000, 10, "the configured cap back")
    tx_profile = dict(profile, charging_profile_purpose="TxDefaultProfile")
    assert csms.send(call.SetChargingProfile(evse_id=1, charging_profile=tx_profile)).status == "Rejected"

    # The library camel-cases the keys of an object in `data`, so the schedule travels as a JSON string.
    schedule = {"currency": "EUR", "slots": [{"start": now(), "price_per_kwh": 0.31}]}
    assert csms.send(call.DataTransfer(vendor_id="org.stationmaster", message_id="PriceSchedule",
                                       data=json.dumps(schedule))).status == "Accepted"
    assert csms.send(call.DataTransfer(vendor_id="org.stationmaster", message_id="PriceSchedule",
                                       data={"slots": "soon"})).status == "Rejected"
    assert csms.send(call.DataTransfer(vendor_id="com.example", message_id="X")).status == "UnknownVendorId"
    assert csms.send(call.RequestStopTransaction(transaction_id="no-such-transaction")).status == "Rejected"
    started_remote = csms.send(call.RequestStartTransaction(id_token={"id_token": "APP-1", "type": "Central"},
                                                            remote_start_id=7, evse_id=2))
    assert started_remote.status == "Accepted"
    reserved = csms.send(call.ReserveNow(id=41, expiry_date_time=now(3), id_token={"id_token": "APP-2", "type": "Central"},
                                         evse_id=1))
    assert reserved.status == "Accepted"
    # The same id again (a CSMS whose booking changed) replaces the reservation instead of colliding with it.
    again = csms.send(call.ReserveNow(id=41, expiry_date_time=now(3), id_token={"id_token": "APP-2", "type": "Central"},
                                      evse_id=1))
    assert again.status == "Accepted", again
    wait_until(lambda: any(s["evse_id"] == 1 and s["connector_status"] == "Reserved"
                           for s in csms.messages("StatusNotification")), 10, "EVSE 1 Reserved")
    wait_until(lambda: csms.messages("ReservationStatusUpdate"), 15, "the reservation to expire")
    assert csms.messages("ReservationStatusUpdate")[0] == {"reservation_id": 41, "reservation_update_status": "Expired"}
    assert csms.send(call.CancelReservation(reservation_id=41)).status == "Rejected"
    assert csms.send(call.TriggerMessage(requested_message="Heartbeat")).status == "Accepted"
    wait_until(lambda: csms.messages("Heartbeat"), 10, "a triggered heartbeat")

    # Outage: the CSMS goes away before car 2 arrives and comes back after it left.
    assert time.monotonic() - started < 28, "the commands took too long for the outage scenario"
    wait_until(lambda: time.monotonic() - started > 28, 30, "scenario second 28")
    csms.stop()
    offline_from = len(csms.messages("TransactionEvent"))
    wait_until(lambda: time.monotonic() - started > 44, 40, "car 2 to come and go")
    csms.start()
    wait_until(lambda: sum(whole(e) for e in transactions(csms).values()) == 2, 40, "car 2's transaction replayed")
    second = [v for k, v in transactions(csms).items() if k != first_tx and whole(v)][0]
    assert [e["seq_no"] for e in second] == list(range(len(second)))
    assert all(e.get("offline") is True for e in second), "events of the outage carry offline=true"
    assert len(csms.messages("TransactionEvent")) > offline_from
    # Nothing of car 1 came twice.
    assert len(transactions(csms)[first_tx]) == len(events)
    assert csms.messages("BootNotification")[-1]["reason"] == "Unknown"


def test_uplink_over_tls_trusts_only_its_configured_ca(tmp_path):
    """wss:// (security profile 2): the station verifies the CSMS's certificate against `ca_file`."""
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost",
                    "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost", "-keyout", tmp_path / "key.pem",
                    "-out", tmp_path / "cert.pem"], check=True, capture_output=True)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(tmp_path / "cert.pem", tmp_path / "key.pem")
    modbus_port, api_port, csms_port = free_port(), free_port(), free_port()
    url = f"wss://localhost:{csms_port}/ocpp/{STATION}"
    csms = CSMSPeer(csms_port, STATION, PASSWORD, ssl_context=context)
    csms.start()
    processes = []
    try:
        # Without the CA the handshake fails and nothing is sent; with it the station boots over TLS.
        for trusted_ca, expect_boot in (({}, False), ({"ca_file": tmp_path / "cert.pem"}, True)):
            config = write_demo_station(tmp_path, modbus_port=modbus_port, api_port=api_port, csms_url=url,
                                        uplink_extra=trusted_ca)
            log = open(tmp_path / f"stationd-{expect_boot}.log", "w")
            stationd = subprocess.Popen([BIN / "stationd", "--config", config], stdout=log, stderr=subprocess.STDOUT,
                                        stdin=subprocess.DEVNULL)
            processes.append(stationd)
            if expect_boot:
                wait_until(lambda: csms.messages("BootNotification"), 20, "a BootNotification over TLS")
            else:
                wait_until(lambda: "uplink" in (tmp_path / "stationd-False.log").read_text(), 20, "a failed TLS attempt")
                time.sleep(2)
                assert not csms.messages("BootNotification"), "the station must not trust an unknown certificate"
                stationd.terminate()
                stationd.wait(timeout=15)
        assert csms.messages("BootNotification")[0]["charging_station"]["model"] == "stationd"
    finally:
        for process in processes:
            if process.poll() is None:
                process.terminate()
                process.wait(timeout=15)
        csms.shutdown()


def test_a_csms_that_cannot_store_is_waited_out_not_given_up_on(tmp_path):
    """InternalError blames the CSMS, not the message: the station retries it past its set-aside limit."""
    modbus_port, api_port, csms_port = free_port(), free_port(), free_port()
    config = write_demo_station(tmp_path, modbus_port=modbus_port, api_port=api_port,
                                csms_url=f"ws://127.0.0.1:{csms_port}/ocpp/{STATION}", meter_interval_s=1)
    (tmp_path / "scenario.yaml").write_text(
        "base_load_w: 3000\nevs:\n  - { socket: 1, arrive_s: 1, leave_s: 5, capacity_kwh: 60, soc_pct: 30, "
        "max_current_a: 16, phases: 3 }\n")
    csms = CSMSPeer(csms_port, STATION, PASSWORD)
    csms.transaction_event_failures = 4
    csms.start()
    sim = subprocess.Popen([BIN / "station-sim", "--config", config, "--scenario", tmp_path / "scenario.yaml", "--quiet"],
                           stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    log = open(tmp_path / "stationd.log", "w")
    stationd = None
    try:
        wait_until(lambda: socket.create_connection(("127.0.0.1", modbus_port), timeout=1).close() or True, 15,
                   "station-sim to listen")
        stationd = subprocess.Popen([BIN / "stationd", "--config", config], stdout=log, stderr=subprocess.STDOUT,
                                    stdin=subprocess.DEVNULL)
        wait_until(lambda: any(whole(e) for e in transactions(csms).values()), 60, "the whole transaction")
        assert csms.refused_transaction_events == 4
        (events,) = [v for v in transactions(csms).values() if whole(v)]
        assert [e["seq_no"] for e in events] == list(range(len(events)))
        assert "set aside" not in (tmp_path / "stationd.log").read_text()
    finally:
        for process in (stationd, sim):
            if process is not None:
                process.terminate()
                process.wait(timeout=15)
        csms.shutdown()
        log.close()
