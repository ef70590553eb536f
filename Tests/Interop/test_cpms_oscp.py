"""OSCP 2.0 between a real `cpms serve` (the Flexibility Provider) and an independent Capacity Provider: PyPI
pyoscp 0.1.0 (oscp_cp_peer.py, in its own venv, scripts/lib/oscp-cp-venv.sh), on SQLite and PostgreSQL
(CPMS_TEST_POSTGRES_URL).

A DSO with an OSCP feed is registered through the API; cpms registers at pyoscp with token A (pyoscp answers with
its own register and token C), handshakes, and heartbeats go both ways (pyoscp reads `offline_mode_at` only as
`YYYY-MM-DD hh:mm:ss`, cpms falls back to that). The test then plays the CP's part pyoscp has no helper for, with
plain HTTP and token B: a handshake of the CP's (cpms acknowledges it to pyoscp), UpdateGroupCapacityForecast
(becomes the group's cap in the supply plan), bad bodies (400, nothing changes) and a GroupCapacityComplianceError.
Last, a supply request from the API reaches pyoscp as AdjustGroupCapacityForecast."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path

import httpx
import pytest

from postgres_database import fresh_postgres_url
from test_cpms_ocpi_credentials import environ_without_venv, start_on_free_port
from test_stationd_process import BIN

REPO_ROOT = Path(__file__).resolve().parents[2]
BACKENDS = ["sqlite"] + (["postgres"] if os.environ.get("CPMS_TEST_POSTGRES_URL") else [])
DSO = "dso-oscp"
OSCP_GROUP = "EAN-871"


def eventually(what: str, check, timeout: float = 60):
    """Polls `check` until it returns something truthy; fails naming `what` after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        try:
            last = check()
            if last:
                return last
        except (httpx.HTTPError, KeyError, ValueError) as error:
            last = error
        time.sleep(0.2)
    pytest.fail(f"{what}: not within {timeout} s (last: {last!r})", pytrace=False)


class CapacityProvider:
    """pyoscp as the DSO's Capacity Provider on a free port."""

    def __init__(self, tmp_path: Path):
        python = os.environ.get("OSCP_CP_PYTHON") or str(REPO_ROOT / ".venv-oscp" / "bin" / "python")
        if not os.path.exists(python):
            pytest.fail(f"{python} is missing: run `source scripts/lib/oscp-cp-venv.sh; ensure_oscp_cp_venv .`", pytrace=False)
        self.token_a = f"token-a-{uuid.uuid4().hex}"
        self.log_path = tmp_path / "cp.log"
        state = tmp_path / "cp"
        state.mkdir()

        def launch(port: int) -> subprocess.Popen:
            with open(self.log_path, "a") as log:
                return subprocess.Popen([python, "oscp_cp_peer.py", str(port), self.token_a, str(state)],
                                        cwd=Path(__file__).parent, env=environ_without_venv(dict(os.environ)),
                                        stdout=log, stderr=subprocess.STDOUT)

        self.port, self.process = start_on_free_port(
            launch, lambda port: httpx.get(f"http://127.0.0.1:{port}/peer/ready", timeout=5).status_code == 200,
            "the pyoscp capacity provider", self.log_path)
        self.base = f"http://127.0.0.1:{self.port}/oscp/cp/2.0"

    def state(self) -> dict:
        return httpx.get(f"http://127.0.0.1:{self.port}/peer/state", timeout=10).json()

    def registration(self) -> tuple[str, dict] | None:
        """(token C, what pyoscp keeps for cpms) once cpms has registered."""
        endpoints = self.state()["endpoints"]
        done = [(token, e) for token, e in endpoints.items() if token != self.token_a and e["register"]["token"]]
        return done[0] if done else None

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        finally:
            if self.process.poll() is None:
                self.process.kill()


class CPMS:
    """`cpms serve` on a free port with one station and an operator token."""

    def __init__(self, database: str, tmp_path: Path):
        self.database = database
        self.station = f"OSCP-{uuid.uuid4().hex[:8]}"
        self.run_db("station", "add", self.station)
        self.token = self.run_db("token", "add", "oscp-test").stdout.strip()
        self.log_path = tmp_path / "cpms.log"

        def launch(port: int) -> subprocess.Popen:
            with open(self.log_path, "a") as log:
                return subprocess.Popen(
                    [str(BIN / "cpms"), "serve", "--port", str(port), "--database", database, "--log-level", "info"],
                    stdout=log, stderr=subprocess.STDOUT)

        def answers(port: int) -> bool:
            return httpx.get(f"http://127.0.0.1:{port}/api/dsos", headers=self.auth, timeout=5).status_code == 200

        self.port, self.process = start_on_free_port(launch, answers, "cpms serve", self.log_path)
        self.url = f"http://127.0.0.1:{self.port}"

    @property
    def auth(self) -> dict:
        return {"Authorization": f"Bearer {self.token}"}

    def run_db(self, *args: str) -> subprocess.CompletedProcess:
        done = subprocess.run([str(BIN / "cpms"), *args, "--database", self.database], capture_output=True, text=True,
                              timeout=60, stdin=subprocess.DEVNULL)
        assert done.returncode == 0, f"cpms {' '.join(args)}: {done.stderr}"
        return done

    def api(self, method: str, path: str, **kwargs) -> httpx.Response:
        return httpx.request(method, f"{self.url}/api{path}", headers=self.auth, timeout=30, **kwargs)

    def ok(self, method: str, path: str, **kwargs):
        response = self.api(method, path, **kwargs)
        assert response.status_code in (200, 201), f"{method} {path}: {response.status_code} {response.text}"
        return response.json()

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        try:
            assert self.process.wait(timeout=30) == 0, "cpms should exit cleanly on SIGTERM"
        finally:
            if self.process.poll() is None:
                self.process.kill()


@pytest.fixture
def capacity_provider(tmp_path):
    peer = CapacityProvider(tmp_path)
    try:
        yield peer
    finally:
        peer.stop()


@pytest.fixture(params=BACKENDS)
def cpms(request, tmp_path):
    if not (BIN / "cpms").exists():
        pytest.fail(f"{BIN / 'cpms'} is missing: run `swift build`", pytrace=False)
    database = fresh_postgres_url() if request.param == "postgres" else f"sqlite://{tmp_path / 'cpms.db'}"
    server = CPMS(database, tmp_path)
    try:
        yield server
    finally:
        server.stop()


def rfc3339(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def window_start(moment: datetime) -> datetime:
    return moment.replace(minute=moment.minute - moment.minute % 15, second=0, microsecond=0)


def test_cpms_is_the_flexibility_provider_of_a_pyoscp_capacity_provider(cpms, capacity_provider, tmp_path):
    cpms.ok("POST", "/supply/groups", json={"id": "depot", "connection_limit_w": 100_000,
                                            "members": [{"station": cpms.station, "connection_limit_w": 100_000}]})
    cpms.ok("POST", "/dsos", json={
        "id": DSO, "name": "A DSO speaking OSCP",
        "contract": {"groups": ["depot"], "capacityW": 200_000, "currency": "EUR", "surchargePerKWh": 0,
                     "fallbackPricePerKWh": 0.30, "forecastBoundSeconds": 86_400},
        "feeds": [{"kind": "oscp", "capacityProviderURL": capacity_provider.base, "registrationToken": capacity_provider.token_a,
                   "groupMapping": {OSCP_GROUP: "depot"}, "measurementIntervalSeconds": 2, "heartbeatIntervalSeconds": 2}]})

    # Registration both ways: pyoscp swapped token A for its token C and keeps cpms's token B and base URL.
    token_c, kept = eventually("pyoscp registers cpms", capacity_provider.registration)
    token_b = kept["register"]["token"]
    fp_base = kept["register"]["base_url"]
    assert fp_base == f"{cpms.url}/oscp/fp/2.0"
    assert capacity_provider.token_a not in capacity_provider.state()["endpoints"], "token A is spent"
    status = eventually("cpms is registered", lambda: (s := cpms.ok("GET", f"/oscp/{DSO}"))["status"] == "registered" and s)
    assert status["capacity_provider_base_url"] == capacity_provider.base

    # cpms's handshake reached pyoscp, whose acknowledgement (with the 2 s heartbeat interval) reached cpms.
    assert eventually("pyoscp got cpms's handshake", lambda: capacity_provider.registration()[1].get("required_behavior")) == {
        "heartbeat_interval": 2, "measurement_configuration": ["CONTINUOUS"]}
    status = eventually("cpms got the acknowledgement", lambda: (s := cpms.ok("GET", f"/oscp/{DSO}"))["handshake_acknowledged_at"] and s)
    assert status["heartbeat_interval_requested_seconds"] == 2

    # Heartbeats both ways: pyoscp's (its own date format) reach cpms, cpms's reach pyoscp.
    status = eventually("cpms got pyoscp's heartbeat", lambda: (s := cpms.ok("GET", f"/oscp/{DSO}"))["capacity_provider_offline_at"] and s)
    assert status["capacity_provider_offline"] is False
    beats = eventually("pyoscp got cpms's heartbeats", lambda: capacity_provider.state()["heartbeats"])
    assert all(datetime.strptime(b["offline_mode_at"], "%Y-%m-%d %H:%M:%S") for b in beats)
    assert eventually("cpms counts its heartbeats", lambda: cpms.ok("GET", f"/oscp/{DSO}")["heartbeats_sent"] >= 2)

    def as_cp(path: str, body, token: str | None = token_b, request_id: str | None = None) -> httpx.Response:
        headers = {"X-Request-ID": request_id or uuid.uuid4().hex}
        if token is not None:
            headers["Authorization"] = f"Token {token}"
        return httpx.post(f"{fp_base}/{path}", headers=headers, timeout=30,
                          content=body if isinstance(body, str) else json.dumps(body))

    # A handshake of the CP's: 204, then cpms's handshake_acknowledgement reaches pyoscp.
    acks = len(capacity_provider.state()["handshake_acks"])
    assert as_cp("handshake", {"required_behaviour": {"heartbeat_interval": 2}}).status_code == 204
    eventually("pyoscp got cpms's handshake_acknowledgement", lambda: len(capacity_provider.state()["handshake_acks"]) > acks)

    # UpdateGroupCapacityForecast: 32 A on all phases for this window, 20 kW for the next.
    now = datetime.now(timezone.utc)
    first = window_start(now)
    second = first + timedelta(minutes=15)
    forecast = {"group_id": OSCP_GROUP, "type": "CONSUMPTION", "forecasted_blocks": [
        {"capacity": 32, "phase": "ALL", "unit": "A", "start_time": rfc3339(first), "end_time": rfc3339(second)},
        {"capacity": 20, "phase": "ALL", "unit": "KW", "start_time": rfc3339(second), "end_time": rfc3339(second + timedelta(minutes=15))}]}
    answer = as_cp("update_group_capacity_forecast", forecast)
    assert answer.status_code == 204, answer.text

    def caps():
        plan = cpms.ok("GET", f"/supply/plan?group=depot&from={rfc3339(first)}&to={rfc3339(second + timedelta(minutes=15))}")
        by_window = {rfc3339(parse(c["window_start"])): c["cap_w"] for c in plan if c["dso"] == DSO}
        if by_window.get(rfc3339(second)) != 20_000:
            raise ValueError(f"plan of depot: {plan}")
        return by_window

    by_window = eventually("the forecast becomes the group's cap in the plan", caps)
    assert by_window == {rfc3339(first): 32 * 230 * 3, rfc3339(second): 20_000}
    feed = [f for f in cpms.ok("GET", "/supply/feeds") if f["dso"] == DSO and f["feed"] == "oscp"][0]
    assert feed["state"] == "fresh", feed

    # Bad input: refused with a reason, and the plan keeps the forecast.
    bad_unit = json.loads(json.dumps(forecast))
    bad_unit["forecasted_blocks"][0]["unit"] = "EUR"
    refused = as_cp("update_group_capacity_forecast", bad_unit)
    assert refused.status_code == 400 and "forecasted_blocks[0].unit" in refused.json()["error"], refused.text
    unknown_group = dict(forecast, group_id="EAN-999")
    refused = as_cp("update_group_capacity_forecast", unknown_group)
    assert refused.status_code == 400 and "EAN-999" in refused.json()["error"], refused.text
    assert as_cp("update_group_capacity_forecast", "{not json").status_code == 400
    assert as_cp("update_group_capacity_forecast", forecast, token="not-a-token").status_code == 403
    assert as_cp("update_group_capacity_forecast", forecast, token=None).status_code == 401
    assert as_cp("heartbeat", {"offline_mode_at": "soon"}).status_code == 400
    assert caps() == by_window

    # A compliance error is kept and shown.
    assert as_cp("group_capacity_compliance_error", {"message": "group EAN-871 exceeded its capacity"},
                 request_id="compliance-1").status_code == 204
    errors = cpms.ok("GET", f"/oscp/{DSO}")["compliance_errors"]
    assert [(e["request_id"], e["message"]) for e in errors] == [("compliance-1", "group EAN-871 exceeded its capacity")]
    feed = [f for f in cpms.ok("GET", "/supply/feeds") if f["dso"] == DSO and f["feed"] == "oscp"][0]
    assert "exceeded its capacity" in (feed["last_error"] or ""), feed

    # A supply request reaches pyoscp as AdjustGroupCapacityForecast for the OSCP group.
    start = window_start(now) + timedelta(hours=2)
    cpms.ok("POST", "/supply/requests", json={"dso": DSO, "group": "depot", "start": rfc3339(start),
                                              "end": rfc3339(start + timedelta(hours=1)), "capacity_w": 50_000,
                                              "reason": "evening fleet charging"})
    # (The plan's own shortfalls, the forecast being below the group's limit, are asked for too: find ours.)
    asked = {"group_id": OSCP_GROUP, "type": "CONSUMPTION", "forecasted_blocks": [
        {"capacity": 50_000, "phase": "ALL", "unit": "W", "start_time": rfc3339(start), "end_time": rfc3339(start + timedelta(hours=1))}]}
    eventually("pyoscp got AdjustGroupCapacityForecast", lambda: asked in capacity_provider.state()["adjust"])
    eventually("the request is delivered", lambda: [r for r in cpms.ok("GET", "/supply/requests") if r["dso"] == DSO
                                                    and r["state"] == "delivered"])

    # UpdateGroupMeasurements for the group, every 2 s (no grid meter values yet: none to report).
    measurements = eventually("pyoscp got measurements", lambda: capacity_provider.state()["measurements"])
    assert measurements[0] == {"group_id": OSCP_GROUP, "measurements": []}
    # cpms tried RFC 3339 once; pyoscp failed on it (a 500), and every later heartbeat was in pyoscp's format.
    errors = capacity_provider.state()["errors"]
    assert len(errors) <= 1 and all(e.startswith("heartbeat") for e in errors), errors
