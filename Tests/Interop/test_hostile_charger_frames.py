"""A hostile corpus against the real stationd over WebSocket (issue 12).

stationd runs the demo station (simulated by station-sim) at a 500 ms period, with one OCPP 1.6 and one
OCPP 2.0.1 charger on the LAN. Each hostile frame below is sent on a charger's connection and must get the
CALLERROR code its OCPP version's RPC framework prescribes (or, where OCPP-J says so, no answer), after which
a valid Heartbeat is still answered on the same connection. Throughout, the control loop must keep running:
the cycle count in /api/status advances, also while a third charger never answers stationd's own calls.
The codes are those of OCPP-J 1.6 section 4.2.3 and OCPP 2.0.1 part 4 section 4.3 (see docs/ocpp.md).
"""

from __future__ import annotations

import asyncio
import base64
import json
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from dataclasses import dataclass

import pytest
import websockets

from conftest import REPO_ROOT
from demo_station import pin_tariff
from test_stationd_process import BIN, free_port, wait_until

PASSWORD = "hostile-password-0001"
TAG = "HOSTILE-TAG-1"
CHARGER_16 = "CP-HOSTILE-16"
CHARGER_201 = "CP-HOSTILE-201"
SILENT_16 = "CP-SILENT-16"
PERIOD_S = 0.5
TIME = "2026-12-06T10:00:00Z"
INT64_MAX = 9223372036854775807
INT64_MIN = -9223372036854775808
NO_ANSWER = None
# A message over max_frame_bytes is refused unread with WebSocket close code 1009 (docs/configuration.md):
# the charger reconnects and carries on.
CLOSED_TOO_BIG = {"close 1009"}


@pytest.fixture
def station(tmp_path):
    modbus_port, api_port, ocpp_port = free_port(), free_port(), free_port()
    (tmp_path / "stations").mkdir()
    shutil.copytree(REPO_ROOT / "firmware-config" / "devices", tmp_path / "devices")
    text = pin_tariff((REPO_ROOT / "firmware-config" / "stations" / "demo.yaml").read_text())
    text = text.replace("port: 5020", f"port: {modbus_port}").replace("port: 8181", f"port: {api_port}")
    text = text.replace("../../.stationmaster/demo/outbox.sqlite", str(tmp_path / "outbox.sqlite"))
    text = text.replace("period_ms: 1000", f"period_ms: {int(PERIOD_S * 1000)}")
    text += f"""
ocpp_server:
  host: 127.0.0.1
  port: {ocpp_port}
  heartbeat_interval_s: 120
  chargers:
    - id: {CHARGER_16}
      password: {PASSWORD}
      connectors:
        - {{ connector: 1, socket: 3, max_current_a: 32, phases: 3 }}
    - id: {CHARGER_201}
      password: {PASSWORD}
      connectors:
        - {{ connector: 1, socket: 4, max_current_a: 32, phases: 3 }}
    - id: {SILENT_16}
      password: {PASSWORD}
      connectors:
        - {{ connector: 1, socket: 5, max_current_a: 32, phases: 3 }}
authorization:
  local_list:
    - {{ id_tag: "{TAG}", status: accepted }}
"""
    config = tmp_path / "stations" / "demo.yaml"
    config.write_text(text)
    logs = {name: open(tmp_path / f"{name}.log", "w") for name in ("sim", "stationd")}
    sim = subprocess.Popen([BIN / "station-sim", "--config", config, "--quiet"], stdout=logs["sim"],
                           stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    stationd = None
    try:
        wait_until(lambda: socket.create_connection(("127.0.0.1", modbus_port), timeout=1).close() or True, 15,
                   "station-sim to listen")
        stationd = subprocess.Popen([BIN / "stationd", "--config", config], stdout=logs["stationd"],
                                    stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        api = f"http://127.0.0.1:{api_port}"
        wait_until(lambda: cycles(api) > 0, 30, "stationd's first cycle")
        yield {"url": f"ws://127.0.0.1:{ocpp_port}/ocpp/", "api": api, "process": stationd, "logs": tmp_path}
    finally:
        for process in (stationd, sim):
            if process is None:
                continue
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
        for log in logs.values():
            log.close()


def cycles(api: str) -> int:
    with urllib.request.urlopen(api + "/api/status", timeout=10) as response:
        return json.loads(response.read())["cycle"]


async def cycles_async(api: str) -> int:
    return await asyncio.to_thread(cycles, api)


def auth(user: str) -> dict:
    token = base64.b64encode(f"{user}:{PASSWORD}".encode()).decode()
    return {"Authorization": f"Basic {token}"}


class Connection:
    """A raw charger connection: sends frames as given and answers stationd's own calls with Accepted."""

    def __init__(self, ws, answer_calls: bool = True):
        self.ws = ws
        self.answer_calls = answer_calls
        self.calls_from_station: list[list] = []

    async def answer_for(self, message_id: str | None, timeout: float = 10.0):
        """The CALLRESULT/CALLERROR with this id, or None when none comes within `timeout` (for NO_ANSWER)."""
        deadline = time.monotonic() + timeout
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return None
            try:
                text = await asyncio.wait_for(self.ws.recv(), remaining)
            except asyncio.TimeoutError:
                return None
            message = json.loads(text)
            if message[0] == 2:
                self.calls_from_station.append(message)
                if self.answer_calls:
                    await self.ws.send(json.dumps([3, message[1], {"status": "Accepted"}]))
                continue
            if message_id is None or message[1] == message_id:
                return message

    async def exchange(self, frame, message_id: str | None, timeout: float = 10.0):
        await self.ws.send(frame)
        return await self.answer_for(message_id, timeout)

    async def heartbeat_answered(self) -> bool:
        answer = await self.exchange('[2,"hb-check","Heartbeat",{}]', "hb-check")
        return answer is not None and answer[0] == 3 and "currentTime" in answer[2]


async def connect(url: str, charger: str, version: str, answer_calls: bool = True) -> Connection:
    ws = await websockets.connect(url + charger, subprotocols=[version], additional_headers=auth(charger),
                                  open_timeout=10, max_size=None)
    return Connection(ws, answer_calls)


@dataclass
class Case:
    name: str
    frame: str | bytes | list
    message_id: str | None
    expected: set | None  # CALLERROR codes accepted, {"CALLRESULT"}, or NO_ANSWER


def outcome(answer) -> str | None:
    if answer is None:
        return None
    return "CALLRESULT" if answer[0] == 3 else answer[2]


def common_cases(version: str) -> list[Case]:
    v16 = version == "ocpp1.6"
    formation = {"FormationViolation"} if v16 else {"FormatViolation"}
    rpc = {"FormationViolation"} if v16 else {"RpcFrameworkError"}
    occurrence = {"OccurenceConstraintViolation"} if v16 else {"OccurrenceConstraintViolation"}
    boot_field = "chargePointVendor" if v16 else "reason"
    deep = "[" * 200 + "]" * 200
    cases = [
        Case("not json", "this is not json", None, NO_ANSWER),
        Case("empty text", "", None, NO_ANSWER),
        Case("a json object, not an array", '{"a":1}', None, NO_ANSWER),
        Case("truncated call", '[2,"trunc","Heartbeat",{', "trunc", formation | rpc),
        Case("call without payload", '[2,"nopayload","Heartbeat"]', "nopayload", rpc),
        Case("payload is a string", '[2,"strpayload","Heartbeat","x"]', "strpayload", formation),
        Case("payload is null", '[2,"nullpayload","Heartbeat",null]', "nullpayload", formation),
        Case("message type 9", '[9,"type9","Heartbeat",{}]', "type9",
             {"FormationViolation"} if v16 else {"MessageTypeNotSupported"}),
        Case("message type as string", '["2","typestr","Heartbeat",{}]', "typestr", rpc),
        Case("id of 37 characters", f'[2,"{"i" * 37}","Heartbeat",{{}}]', "i" * 37, rpc),
        Case("id of 10000 characters", f'[2,"{"j" * 10_000}","Heartbeat",{{}}]', None, rpc | {None}),
        Case("empty id", '[2,"","Heartbeat",{}]', "", rpc),
        Case("numeric id", '[2,17,"Heartbeat",{}]', None, rpc | {None}),
        Case("unknown action", '[2,"unknown","FlyToTheMoon",{}]', "unknown", {"NotImplemented"}),
        Case("action of 10000 characters", f'[2,"longaction","{"A" * 10_000}",{{}}]', "longaction",
             {"NotImplemented"} | rpc),
        Case("nested 200 deep", f'[2,"deep","Heartbeat",{{"x":{deep}}}]', "deep", formation | rpc),
        Case("nested 10000 deep", "[2," + "[" * 10_000 + "]" * 10_000 + "]", None, formation | rpc | {None}),
        Case("unknown property", '[2,"extra","Heartbeat",{"surprise":1}]', "extra",
             {"FormationViolation"} if v16 else {"ProtocolError", "FormatViolation"}),
        Case("wrong type in BootNotification", f'[2,"wt","BootNotification",{{"{boot_field}":5}}]', "wt",
             {"TypeConstraintViolation"} | occurrence),
        Case("missing required property", '[2,"missing","Authorize",{}]', "missing", occurrence),
        Case("number out of double range", '[2,"bignum","Heartbeat",{"x":1e400}]', "bignum", formation | rpc),
        Case("CALLRESULT for no call", '[3,"nobody",{}]', None, NO_ANSWER),
        Case("CALLERROR for no call", '[4,"nobody","GenericError","",{}]', None, NO_ANSWER),
        Case("invalid UTF-16 escape", '[2,"utf","Authorize",{"idTag":"\\ud800"}]', "utf",
             formation | rpc | {"CALLRESULT"} | {"TypeConstraintViolation", "PropertyConstraintViolation"}),
        Case("binary frame", b'[2,"bin","Heartbeat",{}]', None, NO_ANSWER),
        Case("fragmented valid Heartbeat", ['[2,"frag",', '"Heartbeat",', "{}]"], "frag", {"CALLRESULT"}),
        Case("oversize frame", '[2,"huge","DataTransfer",{"vendorId":"x","data":"' + "z" * 70_000 + '"}]', "huge",
             CLOSED_TOO_BIG),
        Case("oversize fragmented frame", ['[2,"hugefrag","DataTransfer",{"vendorId":"x","data":"'] + ["z" * 10_000] * 7 + ['"}]'],
             "hugefrag", CLOSED_TOO_BIG),
    ]
    if v16:
        cases += [
            Case("connectorId -1 in StatusNotification",
                 '[2,"neg1","StatusNotification",{"connectorId":-1,"errorCode":"NoError","status":"Available"}]',
                 "neg1", {"PropertyConstraintViolation"}),
            Case("connectorId -1 in MeterValues",
                 f'[2,"neg2","MeterValues",{{"connectorId":-1,"meterValue":[{{"timestamp":"{TIME}","sampledValue":[{{"value":"5"}}]}}]}}]',
                 "neg2", {"PropertyConstraintViolation"}),
            Case("connectorId 1.0", '[2,"float","StatusNotification",{"connectorId":1.0,"errorCode":"NoError","status":"Available"}]',
                 "float", {"TypeConstraintViolation"}),
            Case("connectorId beyond Int64",
                 '[2,"huge-int","StatusNotification",{"connectorId":99999999999999999999,"errorCode":"NoError","status":"Available"}]',
                 "huge-int", {"TypeConstraintViolation"}),
            Case("bad enumeration", '[2,"enum","StatusNotification",{"connectorId":1,"errorCode":"NoError","status":"Exploded"}]',
                 "enum", {"PropertyConstraintViolation"}),
            Case("idTag too long", '[2,"long","Authorize",{"idTag":"ABCDEFGHIJKLMNOPQRSTU"}]', "long",
                 {"PropertyConstraintViolation"}),
            Case("1e308 kW", meter_values_16("1e308", "kW", "Power.Active.Import"), "mv16", {"PropertyConstraintViolation"}),
            Case("-1e308 kWh", meter_values_16("-1e308", "kWh", "Energy.Active.Import.Register"), "mv16",
                 {"PropertyConstraintViolation"}),
            Case("NaN Wh", meter_values_16("NaN", "Wh", "Energy.Active.Import.Register"), "mv16",
                 {"PropertyConstraintViolation"}),
            Case("value not a number", meter_values_16("lots", "Wh", "Energy.Active.Import.Register"), "mv16",
                 {"PropertyConstraintViolation"}),
            Case("StartTransaction on connector 0",
                 f'[2,"st0","StartTransaction",{{"connectorId":0,"idTag":"{TAG}","meterStart":0,"timestamp":"{TIME}"}}]',
                 "st0", {"PropertyConstraintViolation"}),
            Case("StartTransaction meterStart Int64 max",
                 f'[2,"stmax","StartTransaction",{{"connectorId":1,"idTag":"{TAG}","meterStart":{INT64_MAX},"timestamp":"{TIME}"}}]',
                 "stmax", {"PropertyConstraintViolation"}),
        ]
    else:
        cases += [
            Case("evseId -1 in MeterValues", meter_values_201("5", evse=-1), "mv201", {"PropertyConstraintViolation"}),
            Case("evseId -1 in StatusNotification",
                 f'[2,"neg3","StatusNotification",{{"timestamp":"{TIME}","connectorStatus":"Available","evseId":-1,"connectorId":1}}]',
                 "neg3", {"PropertyConstraintViolation"}),
            Case("multiplier Int64 min", meter_values_201("1", multiplier=INT64_MIN), "mv201", {"PropertyConstraintViolation"}),
            Case("multiplier Int64 max", meter_values_201("1", multiplier=INT64_MAX), "mv201", {"PropertyConstraintViolation"}),
            Case("multiplier 1e8", meter_values_201("1", multiplier=100_000_000), "mv201", {"PropertyConstraintViolation"}),
            Case("0 with multiplier 400", meter_values_201("0", multiplier=400), "mv201", {"PropertyConstraintViolation"}),
            Case("1e308 kWh", meter_values_201("1e308", unit="kWh"), "mv201", {"PropertyConstraintViolation"}),
            Case("multiplier 1.5", meter_values_201("1", multiplier=1.5), "mv201", {"TypeConstraintViolation"}),
            Case("evseId 1.0 is an integer in 2.0.1", meter_values_201("5", evse=1.0), "mv201", {"CALLRESULT"}),
            Case("bad enumeration",
                 f'[2,"enum","StatusNotification",{{"timestamp":"{TIME}","connectorStatus":"Exploded","evseId":1,"connectorId":1}}]',
                 "enum", {"PropertyConstraintViolation", "FormatViolation"}),
        ]
    return cases


def meter_values_16(value: str, unit: str, measurand: str, connector: int = 1) -> str:
    return (f'[2,"mv16","MeterValues",{{"connectorId":{connector},"meterValue":[{{"timestamp":"{TIME}",'
            f'"sampledValue":[{{"value":"{value}","unit":"{unit}","measurand":"{measurand}"}}]}}]}}]')


def meter_values_201(value: str, evse=1, unit: str = "Wh", multiplier=0) -> str:
    return (f'[2,"mv201","MeterValues",{{"evseId":{evse},"meterValue":[{{"timestamp":"{TIME}","sampledValue":'
            f'[{{"value":{value},"measurand":"Energy.Active.Import.Register",'
            f'"unitOfMeasure":{{"unit":"{unit}","multiplier":{multiplier}}}}}]}}]}}]')


async def run_corpus(station, version: str, charger: str) -> list[str]:
    """Sends every case; returns the failures (an empty list when all passed)."""
    failures: list[str] = []
    connection = await connect(station["url"], charger, version)
    boot = ('[2,"boot","BootNotification",{"chargePointVendor":"Hostile","chargePointModel":"H1"}]' if version == "ocpp1.6"
            else '[2,"boot","BootNotification",{"chargingStation":{"vendorName":"Hostile","model":"H1"},"reason":"PowerUp"}]')
    assert outcome(await connection.exchange(boot, "boot")) == "CALLRESULT"
    before = await cycles_async(station["api"])
    for case in common_cases(version):
        try:
            if isinstance(case.frame, list):
                await connection.ws.send(iter(case.frame))
                answer = await connection.answer_for(case.message_id)
            else:
                timeout = 2.0 if case.expected is NO_ANSWER or None in (case.expected or set()) else 10.0
                answer = await connection.exchange(case.frame, case.message_id, timeout=timeout)
            got = outcome(answer)
            allowed = {None} if case.expected is NO_ANSWER else case.expected
            if got not in allowed:
                failures.append(f"{version} {case.name}: got {got} ({str(answer)[:200]}), expected one of {sorted(map(str, allowed))}")
            alive = await connection.heartbeat_answered()
        except websockets.ConnectionClosed as closed:
            code = closed.rcvd.code if closed.rcvd else None
            if case.expected is not CLOSED_TOO_BIG or code != 1009:
                failures.append(f"{version} {case.name}: stationd closed the connection ({closed})")
            connection = await connect(station["url"], charger, version)
            alive = await connection.heartbeat_answered()
        else:
            if case.expected is CLOSED_TOO_BIG:
                failures.append(f"{version} {case.name}: the connection stayed open")
        if not alive:
            failures.append(f"{version} {case.name}: the connection no longer answers a Heartbeat")
            connection = await connect(station["url"], charger, version)
    after = await cycles_async(station["api"])
    if after <= before:
        failures.append(f"{version}: the control loop did not advance ({before} -> {after} cycles)")
    await connection.ws.close()
    assert station["process"].poll() is None, "stationd exited"
    return failures


def test_hostile_frames_get_the_right_errors_and_leave_the_connection_alive(station):
    async def main():
        failures = await run_corpus(station, "ocpp1.6", CHARGER_16)
        failures += await run_corpus(station, "ocpp2.0.1", CHARGER_201)
        return failures

    failures = asyncio.run(main())
    assert not failures, "\n".join(failures)


def test_transaction_findings_over_the_wire(station):
    """Findings 1 of issue 12 end to end: hostile transaction meters are refused, the sessions end on valid ones."""
    async def main():
        v16 = await connect(station["url"], CHARGER_16, "ocpp1.6")
        await v16.exchange('[2,"s","StatusNotification",{"connectorId":1,"errorCode":"NoError","status":"Preparing"}]', "s")
        started = await v16.exchange(
            f'[2,"st","StartTransaction",{{"connectorId":1,"idTag":"{TAG}","meterStart":0,"timestamp":"{TIME}"}}]', "st")
        transaction = started[2]["transactionId"]
        hostile = await v16.exchange(
            f'[2,"sp1","StopTransaction",{{"transactionId":{transaction},"meterStop":{INT64_MAX},"timestamp":"{TIME}"}}]', "sp1")
        assert outcome(hostile) == "PropertyConstraintViolation"
        valid = await v16.exchange(
            f'[2,"sp2","StopTransaction",{{"transactionId":{transaction},"meterStop":1200,"timestamp":"{TIME}"}}]', "sp2")
        assert outcome(valid) == "CALLRESULT"
        assert await v16.heartbeat_answered()

        v201 = await connect(station["url"], CHARGER_201, "ocpp2.0.1")

        def event(kind: str, seq: int, energy: str, token: bool = False) -> str:
            id_token = f',"idToken":{{"idToken":"{TAG}","type":"Local"}}' if token else ""
            reason = ',"stoppedReason":"Local"' if kind == "Ended" else ""
            return (f'[2,"te{seq}","TransactionEvent",{{"eventType":"{kind}","timestamp":"{TIME}","triggerReason":"Authorized",'
                    f'"seqNo":{seq},"transactionInfo":{{"transactionId":"TX-HOSTILE"{reason}}},"evse":{{"id":1,"connectorId":1}}'
                    f'{id_token},"meterValue":[{{"timestamp":"{TIME}","sampledValue":[{{"value":{energy},'
                    f'"measurand":"Energy.Active.Import.Register"}}]}}]}}]')

        assert outcome(await v201.exchange(event("Started", 0, "0", token=True), "te0")) == "CALLRESULT"
        assert outcome(await v201.exchange(event("Updated", 1, "1e300"), "te1")) == "PropertyConstraintViolation"
        assert outcome(await v201.exchange(event("Ended", 2, "900"), "te2")) == "CALLRESULT"
        assert await v201.heartbeat_answered()
        # The local API still answers with a whole document.
        status = await asyncio.to_thread(
            lambda: json.loads(urllib.request.urlopen(station["api"] + "/api/status", timeout=10).read()))
        assert status["cycle"] > 0 and status["sockets"]
        metrics = await asyncio.to_thread(
            lambda: urllib.request.urlopen(station["api"] + "/metrics", timeout=10).read().decode())
        # NaN is the exposition's "unknown" (a socket without a reading); an infinity never is a reading.
        samples = [line.rsplit(" ", 1) for line in metrics.splitlines() if line and not line.startswith("#")]
        assert samples and all(float(value) not in (float("inf"), float("-inf")) for _, value in samples)
        await v16.ws.close()
        await v201.ws.close()

    asyncio.run(main())
    assert station["process"].poll() is None, "stationd exited"


def test_a_charger_that_never_answers_does_not_stop_the_control_loop(station):
    """Finding 4: while a connected charger leaves stationd's ChangeAvailability and SetChargingProfile
    unanswered, cycles still run at the configured period (generously, for a loaded machine: at least a quarter
    of them; before the fix not one ran)."""
    async def main():
        silent = await connect(station["url"], SILENT_16, "ocpp1.6", answer_calls=False)
        await silent.exchange('[2,"boot","BootNotification",{"chargePointVendor":"Mute","chargePointModel":"M"}]', "boot")
        await silent.exchange('[2,"s","StatusNotification",{"connectorId":1,"errorCode":"NoError","status":"Available"}]', "s")
        # Wait for stationd's first call to the silent charger, then watch the cycles while it stays unanswered.
        deadline = time.monotonic() + 20
        while not silent.calls_from_station and time.monotonic() < deadline:
            await silent.answer_for("never", timeout=0.5)
        assert silent.calls_from_station, "stationd never called the silent charger"
        before, started = await cycles_async(station["api"]), time.monotonic()
        await silent.answer_for("never", timeout=6.0)
        after, elapsed = await cycles_async(station["api"]), time.monotonic() - started
        await silent.ws.close()
        return after - before, elapsed

    ran, elapsed = asyncio.run(main())
    expected = elapsed / PERIOD_S
    assert ran >= max(2, expected / 4), f"{ran} cycles in {elapsed:.1f} s at a {PERIOD_S} s period"
