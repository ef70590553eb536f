"""The OCPI 2.2.1 credentials handshake between a real `cpms serve` and an independent eMSP: PyPI extrawest-ocpi
(ocpi_emsp_peer.py, in its own venv under uvicorn), on SQLite and PostgreSQL (CPMS_TEST_POSTGRES_URL).

Both directions: cpms registers at the eMSP (`cpms emsp register`: extrawest answers cpms's POST and reads cpms's
versions with the token B cpms offered); and the eMSP registers at cpms with the token A of `cpms emsp add`
(extrawest never starts a call, so a few lines of httpx make the eMSP's calls; cpms reads extrawest's versions
and details). Then token A is refused and token C accepted, PUT gives a new token, DELETE ends it. Bad input gets
the right HTTP and OCPI status and stores nothing. What cpms serves (versions, details, credentials) is also
checked with PyPI ocpi-types."""

from __future__ import annotations

import base64
import json
import os
import signal
import subprocess
import time
import uuid
from pathlib import Path

import httpx
import pytest
from ocpi_types import v2_2_1 as ocpi

from test_stationd_process import BIN, free_port
from postgres_database import fresh_postgres_url

REPO_ROOT = Path(__file__).resolve().parents[2]
BACKENDS = ["sqlite"] + (["postgres"] if os.environ.get("CPMS_TEST_POSTGRES_URL") else [])
EMSP_ROLE = {"role": "EMSP", "party_id": "TNM", "country_code": "NL", "business_details": {"name": "extrawest eMSP"}}


def auth(token: str) -> dict:
    return {"Authorization": "Token " + base64.b64encode(token.encode()).decode()}


class EMSP:
    """extrawest-ocpi as an eMSP on a free port."""

    def __init__(self, tmp_path: Path):
        python = os.environ.get("OCPI_EMSP_PYTHON") or str(REPO_ROOT / ".venv-ocpi-emsp" / "bin" / "python")
        if not os.path.exists(python):
            pytest.fail(f"{python} is missing: run `source scripts/lib/ocpi-emsp-venv.sh; ensure_ocpi_emsp_venv .`",
                        pytrace=False)
        self.token_a = f"peer-a-{uuid.uuid4().hex}"
        self.log_path = tmp_path / "emsp.log"

        def launch(port: int) -> subprocess.Popen:
            environment = dict(os.environ, OCPI_HOST=f"127.0.0.1:{port}", PROTOCOL="http", PEER_TOKEN_A=self.token_a)
            with open(self.log_path, "a") as log:
                return subprocess.Popen(
                    [python, "-m", "uvicorn", "ocpi_emsp_peer:app", "--host", "127.0.0.1", "--port", str(port),
                     "--log-level", "warning"],
                    cwd=Path(__file__).parent, env=environ_without_venv(environment), stdout=log, stderr=subprocess.STDOUT)

        self.port, self.process = start_on_free_port(
            launch, lambda port: httpx.get(f"http://127.0.0.1:{port}/peer/ready", timeout=5).status_code == 200,
            "the extrawest eMSP", self.log_path)
        self.base = f"http://127.0.0.1:{self.port}"
        self.versions_url = f"{self.base}/ocpi/versions"

    def state(self) -> dict:
        return httpx.get(f"{self.base}/peer/state", timeout=10).json()

    def accept(self, token: str):
        assert httpx.post(f"{self.base}/peer/tokens", json={"token": token}, timeout=10).status_code == 200

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        finally:
            if self.process.poll() is None:
                self.process.kill()


def start_on_free_port(launch, answers, what: str, log_path: Path, attempts: int = 3):
    """Starts a server on a free port and waits until it answers. free_port() only finds a port that was free a
    moment ago: a server that exits at once (the port was taken since) is started again on another one."""
    for _ in range(attempts):
        port = free_port()
        process = launch(port)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and process.poll() is None:
            try:
                if answers(port) and process.poll() is None:
                    return port, process
            except Exception:  # noqa: BLE001 - not up yet
                pass
            time.sleep(0.2)
        if process.poll() is None:
            process.kill()
            break
    log = log_path.read_text() if log_path.exists() else ""
    pytest.fail(f"{what} did not start (log: {log[-2000:]})", pytrace=False)


def environ_without_venv(environment: dict) -> dict:
    """The eMSP's python must not see the test venv's packages."""
    return {k: v for k, v in environment.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME")}


class CPMS:
    """`cpms serve` on a free port, and `cpms` commands against it."""

    def __init__(self, database: str, tmp_path: Path):
        self.database = database
        done = subprocess.run([str(BIN / "cpms"), "token", "add", "ocpi-test", "--database", database],
                              capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)
        assert done.returncode == 0, done.stderr
        self.token = done.stdout.strip()
        log_path = tmp_path / "cpms.log"

        def launch(port: int) -> subprocess.Popen:
            with open(log_path, "a") as log:
                return subprocess.Popen(
                    [str(BIN / "cpms"), "serve", "--port", str(port), "--database", database, "--log-level", "info",
                     # an eMSP that is not there is given up after this (AsyncHTTPClient retries a refused
                     # connection until then)
                     "--ocpi-call-timeout", "5"],
                    stdout=log, stderr=subprocess.STDOUT)

        def answers(port: int) -> bool:
            self.url = f"http://127.0.0.1:{port}"
            return self.cpms("emsp", "list").returncode == 0

        self.port, self.process = start_on_free_port(launch, answers, "cpms serve", log_path)
        self.url = f"http://127.0.0.1:{self.port}"

    def cpms(self, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run([str(BIN / "cpms"), *args, "--url", self.url, "--token", self.token],
                              capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)

    def ok(self, *args: str):
        done = self.cpms(*args)
        assert done.returncode == 0, f"cpms {' '.join(args)}: {done.stderr}"
        return json.loads(done.stdout) if done.stdout.strip() else None

    def ocpi(self, method: str, path: str, token: str | None = None, **kwargs) -> httpx.Response:
        headers = kwargs.pop("headers", {})
        if token is not None:
            headers.update(auth(token))
        return httpx.request(method, f"{self.url}{path}", headers=headers, timeout=60, **kwargs)

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        try:
            assert self.process.wait(timeout=30) == 0, "cpms should exit cleanly on SIGTERM"
        finally:
            if self.process.poll() is None:
                self.process.kill()


@pytest.fixture
def emsp(tmp_path):
    peer = EMSP(tmp_path)
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


def envelope(response: httpx.Response, http: int, code: int) -> dict:
    assert response.status_code == http, f"{response.status_code} {response.text}"
    body = response.json()
    assert body["status_code"] == code, body
    assert isinstance(body["timestamp"], str)
    assert response.headers.get("X-Request-ID") and response.headers.get("X-Correlation-ID")
    return body


def check_served(cpms: CPMS, token: str):
    """Versions, version details and credentials as cpms serves them are valid to ocpi-types."""
    versions = envelope(cpms.ocpi("GET", "/ocpi/versions", token), 200, 1000)["data"]
    assert [ocpi.Version.from_dict(v).version.value for v in versions] == ["2.2.1"]
    assert versions[0]["url"] == f"{cpms.url}/ocpi/2.2.1"
    details = ocpi.VersionDetails.from_dict(envelope(cpms.ocpi("GET", "/ocpi/2.2.1", token), 200, 1000)["data"])
    assert ("credentials", f"{cpms.url}/ocpi/2.2.1/credentials") in [(e.identifier.value, e.url) for e in details.endpoints]
    own = ocpi.Credentials.from_dict(envelope(cpms.ocpi("GET", "/ocpi/2.2.1/credentials", token), 200, 1000)["data"])
    assert own.token == token and own.url == f"{cpms.url}/ocpi/versions"
    assert [(r.role.value, r.country_code, r.party_id) for r in own.roles] == [("CPO", "DE", "STM")]


def unique_name() -> str:
    """The PostgreSQL test database is shared by the runs: every test names its eMSP anew."""
    return f"tnm-{uuid.uuid4().hex[:8]}"


def test_cpms_registers_at_the_extrawest_emsp(cpms, emsp):
    name = unique_name()
    view = cpms.ok("emsp", "register", name, "--versions-url", emsp.versions_url, "--token-a", emsp.token_a)
    assert view["status"] == "registered" and view["version"] == "2.2.1"
    assert [(r["role"], r["country_code"].upper(), r["party_id"].upper()) for r in view["roles"]] == [("EMSP", "NL", "TNM")]
    modules = {e["identifier"] for e in view["endpoints"]}
    assert {"credentials", "locations", "sessions", "cdrs", "tariffs", "tokens", "commands"} <= modules

    state = emsp.state()
    assert state["token_a"] == [], "the eMSP's token A is spent"
    [(token_c, registration)] = state["registrations"].items()
    offered = registration["credentials"]
    assert offered["url"] == f"{cpms.url}/ocpi/versions"
    # extrawest read cpms's version details with token B while answering the POST.
    assert {e["identifier"] for e in registration["endpoints"]["endpoints"]} >= {"credentials"}
    token_b = offered["token"]
    check_served(cpms, token_b)

    # cpms's token C works at the eMSP (what cpms will push with).
    mine = httpx.get(f"{emsp.base}/ocpi/emsp/2.2.1/credentials/", headers=auth(token_c), timeout=10)
    assert mine.status_code == 200 and mine.json()["data"]["token"] == token_c

    again = cpms.cpms("emsp", "register", name, "--versions-url", emsp.versions_url, "--token-a", emsp.token_a)
    assert again.returncode == 1 and "already registered" in again.stderr
    assert name in [p["name"] for p in cpms.ok("emsp", "list")]

    cpms.ok("emsp", "remove", name)
    envelope(cpms.ocpi("GET", "/ocpi/2.2.1/credentials", token_b), 401, 2000)
    assert name not in [p["name"] for p in cpms.ok("emsp", "list")]


def test_cpms_refuses_to_register_with_a_wrong_token_a(cpms, emsp):
    name = unique_name()
    failed = cpms.cpms("emsp", "register", name, "--versions-url", emsp.versions_url, "--token-a", "not-the-token")
    assert failed.returncode == 1 and "HTTP 40" in failed.stderr, failed.stderr
    assert cpms.ok("emsp", "show", name)["status"] == "pending"
    assert emsp.state()["registrations"] == {}


def test_the_extrawest_emsp_registers_at_cpms_with_token_a(cpms, emsp):
    name = unique_name()
    added = cpms.ok("emsp", "add", name)
    token_a = added["token_a"]
    assert added["versions_url"] == f"{cpms.url}/ocpi/versions"
    check_served(cpms, token_a)
    token_b = f"emsp-b-{uuid.uuid4().hex}"
    emsp.accept(token_b)

    body = {"token": token_b, "url": emsp.versions_url, "roles": [EMSP_ROLE]}
    answer = envelope(cpms.ocpi("POST", "/ocpi/2.2.1/credentials", token_a, json=body), 200, 1000)["data"]
    credentials = ocpi.Credentials.from_dict(answer)
    token_c = credentials.token
    assert token_c != token_a and credentials.url == f"{cpms.url}/ocpi/versions"
    view = cpms.ok("emsp", "show", name)
    assert view["status"] == "registered"
    # cpms read extrawest's 2.2.1 details.
    assert any(e["identifier"] == "locations" and e["url"].startswith(emsp.base) for e in view["endpoints"])

    envelope(cpms.ocpi("GET", "/ocpi/versions", token_a), 401, 2000)
    check_served(cpms, token_c)
    envelope(cpms.ocpi("POST", "/ocpi/2.2.1/credentials", token_c, json=body), 405, 2000)

    token_b2 = f"emsp-b2-{uuid.uuid4().hex}"
    emsp.accept(token_b2)
    updated = envelope(cpms.ocpi("PUT", "/ocpi/2.2.1/credentials", token_c, json=dict(body, token=token_b2)), 200, 1000)
    token_c2 = ocpi.Credentials.from_dict(updated["data"]).token
    assert token_c2 != token_c
    envelope(cpms.ocpi("GET", "/ocpi/2.2.1/credentials", token_c), 401, 2000)
    check_served(cpms, token_c2)

    envelope(cpms.ocpi("DELETE", "/ocpi/2.2.1/credentials", token_c2), 200, 1000)
    envelope(cpms.ocpi("GET", "/ocpi/2.2.1/credentials", token_c2), 401, 2000)
    envelope(cpms.ocpi("GET", "/ocpi/versions", token_c2), 401, 2000)
    assert cpms.ok("emsp", "show", name)["status"] == "unregistered"


def test_bad_registrations_get_the_right_status_and_store_nothing(cpms, emsp):
    name = unique_name()
    token_a = cpms.ok("emsp", "add", name)["token_a"]
    token_b = f"emsp-b-{uuid.uuid4().hex}"
    emsp.accept(token_b)
    good = {"token": token_b, "url": emsp.versions_url, "roles": [EMSP_ROLE]}
    post = "/ocpi/2.2.1/credentials"
    cases = [
        ("malformed JSON", dict(content=b'{"token": "x", '), 400, 2001, None),
        # Valid JSON reached the OCPI layer: HTTP 200 with the OCPI status (OCPI 2.2.1 status codes).
        ("missing token", dict(json={k: v for k, v in good.items() if k != "token"}), 200, 2001, "token"),
        ("missing roles", dict(json={k: v for k, v in good.items() if k != "roles"}), 200, 2001, "roles"),
        ("wrong type", dict(json=dict(good, roles="EMSP")), 200, 2001, "roles"),
        ("party id too long", dict(json=dict(good, roles=[dict(EMSP_ROLE, party_id="TOOLONG")])), 200, 2001, "roles[0].party_id"),
        ("no EMSP role", dict(json=dict(good, roles=[dict(EMSP_ROLE, role="CPO")])), 200, 2001, "roles"),
        ("a token the eMSP refuses", dict(json=dict(good, token="not-known-to-the-emsp")), 200, 3001, None),
        ("versions nobody serves", dict(json=dict(good, url=f"http://127.0.0.1:{free_port()}/ocpi/versions")), 200, 3001, None),
    ]
    for what, request, http, code, field in cases:
        body = envelope(cpms.ocpi("POST", post, token_a, headers={"Content-Type": "application/json"}, **request), http, code)
        assert "data" not in body, what
        if field:
            assert body["status_message"].startswith(field + ":"), (what, body)
        assert cpms.ok("emsp", "show", name)["status"] == "pending", what

    envelope(cpms.ocpi("POST", post, None, json=good), 401, 2000)
    envelope(cpms.ocpi("POST", post, "wrong-token", json=good), 401, 2000)
    envelope(cpms.ocpi("POST", post, None, json=good, headers={"Authorization": "Bearer " + token_a}), 401, 2000)
    assert cpms.ok("emsp", "show", name)["status"] == "pending"
    # Request ids are echoed.
    echoed = cpms.ocpi("GET", "/ocpi/versions", token_a, headers={"X-Request-ID": "r-1", "X-Correlation-ID": "c-1"})
    assert echoed.headers["X-Request-ID"] == "r-1" and echoed.headers["X-Correlation-ID"] == "c-1"
    # Token A still registers after all that; the plain token is accepted too.
    registered = cpms.ocpi("POST", post, None, json=good, headers={"Authorization": "Token " + token_a})
    envelope(registered, 200, 1000)
    # The PostgreSQL test database is shared: a platform left registered as NL*TNM (with a tokens SENDER) would
    # be asked about every station's token and would keep later tests from registering NL*TNM.
    cpms.ok("emsp", "remove", name)
