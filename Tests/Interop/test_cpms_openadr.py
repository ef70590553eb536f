"""cpms as the VEN of a DSO's OpenADR 2.0b VTN, against PyPI openleadr 0.5.36 (its own venv, $OPENADR_VTN_PYTHON;
see Tests/Interop/openadr_vtn.py). A DSO registered through `POST /api/dsos` with an `openadr` feed makes cpms
register, report (zero reports) and poll every 0.5 s; openleadr validates every message against the 2.0b schema.
An ELECTRICITY_PRICE event (itemBase currencyPerKWh EUR) is opted into (the VTN's callback sees optIn) and its
prices reach cpms's forecast store; a LOAD_CONTROL event becomes a capacity; the price event, delivered again by the
VTN with the new one, is handled once; a modification (modificationNumber + 1) replaces its prices. The time from
`add_event` at the VTN to the forecast stored in cpms is measured and printed. Over HTTPS, cpms presents the client
certificate the VTN knows (and a feed without it shows as failing). The requests openleadr puts in poll answers
(oadrRegisterReport, oadrCreateReport, oadrRequestReregistration) are answered with messages it validates and takes."""
from __future__ import annotations

import json
import os
import re
import signal
import sqlite3
import ssl
import subprocess
import sys
import time
import urllib.request
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

from test_stationd_process import BIN, free_port, wait_until

REPO_ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent


def http(method: str, url: str, body=None, token: str | None = None, context: ssl.SSLContext | None = None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method=method)
    if data is not None:
        request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    with urllib.request.urlopen(request, timeout=30, context=context) as response:
        return json.loads(response.read() or b"null")


def stored_time(text: str) -> float:
    return datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()


class Fixture:
    def __init__(self, tmp_path):
        self.tmp_path = tmp_path
        self.database = f"sqlite://{tmp_path / 'cpms.db'}"
        self.vtn_port = free_port()
        self.cpms_port = free_port()
        self.processes: list[subprocess.Popen] = []

    def start_vtn(self, tls_dir: Path | None = None, scripted_polls: bool = False):
        python = os.environ.get("OPENADR_VTN_PYTHON") or str(REPO_ROOT / ".venv-openadr" / "bin" / "python")
        log = open(self.tmp_path / "vtn.log", "w")
        args = [python, str(HERE / "openadr_vtn.py"), str(self.vtn_port)] + ([str(tls_dir)] if tls_dir else []) + (["--scripted-polls"] if scripted_polls else [])
        vtn = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=log, text=True)
        self.context = None
        if tls_dir:
            self.context = ssl.create_default_context(cafile=str(tls_dir / "ca.pem"))
            self.context.load_cert_chain(str(tls_dir / "client.pem"), str(tls_dir / "client.key"))
        self.processes.append(vtn)
        line = "-"
        while line and line.strip() != "READY":  # openleadr prints a banner first
            line = vtn.stdout.readline()
        assert line.strip() == "READY", f"the VTN did not start: {(self.tmp_path / 'vtn.log').read_text()[-2000:]}"

    def vtn(self, method: str, path: str, body=None):
        scheme = "https" if self.context else "http"
        return http(method, f"{scheme}://127.0.0.1:{self.vtn_port}/control/{path}", body, context=self.context)

    def start_cpms(self):
        def run(*args):
            done = subprocess.run([str(BIN / "cpms"), *args, "--database", self.database], capture_output=True, text=True, timeout=60,
                                  stdin=subprocess.DEVNULL)
            assert done.returncode == 0, done.stderr
            return done.stdout.strip()
        self.token = run("token", "add", "operator")
        log = open(self.tmp_path / "cpms.log", "w")
        cpms = subprocess.Popen([str(BIN / "cpms"), "serve", "--port", str(self.cpms_port), "--database", self.database, "--log-level", "info"],
                                stdout=log, stderr=subprocess.STDOUT)
        log.close()
        self.processes.append(cpms)

        def answers():
            try:
                http("GET", self.api("dsos"), token=self.token)
                return True
            except OSError:
                return False
        wait_until(answers, 60, "cpms to answer")

    def api(self, path: str) -> str:
        return f"http://127.0.0.1:{self.cpms_port}/api/{path}"

    def forecasts(self, source_part: str) -> list[sqlite3.Row]:
        with sqlite3.connect(str(self.tmp_path / "cpms.db"), timeout=10) as connection:
            connection.row_factory = sqlite3.Row
            return connection.execute(
                "SELECT * FROM supply_forecasts WHERE dso = 'dso-adr' AND feed = 'openadr' AND source LIKE ? ORDER BY grp, interval_start",
                (f"%{source_part}%",)).fetchall()

    def cpms_log(self) -> str:
        return (self.tmp_path / "cpms.log").read_text()

    def stop(self):
        for process in reversed(self.processes):
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
                try:
                    process.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()
            if process.stdout:
                process.stdout.close()


def test_cpms_registers_polls_and_takes_price_and_capacity_events_from_openleadr(tmp_path):
    fixture = Fixture(tmp_path)
    try:
        fixture.start_vtn()
        fixture.start_cpms()
        dso = {
            "id": "dso-adr", "name": "DSO via OpenADR",
            "contract": {"groups": ["depot"], "capacityW": 100000, "currency": "EUR", "surchargePerKWh": 0, "fallbackPricePerKWh": 0.3,
                         "forecastBoundSeconds": 86400},
            "feeds": [{"kind": "openadr", "vtnURL": f"http://127.0.0.1:{fixture.vtn_port}", "venName": "cpms-interop", "pollIntervalSeconds": 0.5}],
        }
        http("POST", fixture.api("dsos"), dso, token=fixture.token)

        def polled():
            return any(m["message"] == "oadrPoll" for m in fixture.vtn("GET", "state")["messages"])
        wait_until(polled, 60, "cpms to register and poll")
        state = fixture.vtn("GET", "state")
        assert state["registrations"] == ["cpms-interop"]
        # Every message cpms sent passed openleadr's schema validation and was answered with HTTP 200.
        assert [m["message"] for m in state["messages"][:4]] == ["oadrCreatePartyRegistration", "oadrRegisterReport", "oadrRequestEvent", "oadrPoll"]
        assert all(m["status"] == 200 and m["content_type"] == "application/xml" for m in state["messages"]), state["messages"]
        assert all("eiResponse><ei:responseCode>200" in (m["answer"] or "") or m["message"] == "oadrPoll" for m in state["messages"][:2])

        latencies = []
        start = (datetime.now(timezone.utc) + timedelta(hours=1)).replace(minute=0, second=0, microsecond=0)
        added = fixture.vtn("POST", "price", {"event_id": "price-1", "start": start.isoformat(), "currency": "EUR",
                                                "prices": [[30, 0.2505], [30, 0.08]]})["added_at"]
        wait_until(lambda: len(fixture.forecasts("price-1 (modification 0)")) > 0, 60, "the price event in cpms's forecast")
        rows = [r for r in fixture.forecasts("price-1 (modification 0)") if r["grp"] == ""]
        latencies.append(stored_time(rows[0]["received_at"]) - added)
        assert [(stored_time(r["interval_start"]) - start.timestamp(), Decimal(r["price"]), r["currency"]) for r in rows] == [
            (0, Decimal("0.2505"), "EUR"), (1800, Decimal("0.08"), "EUR")]
        wait_until(lambda: any(o["event_id"] == "price-1" for o in fixture.vtn("GET", "state")["opts"]), 30, "the VTN to see the opt")
        assert [o["opt_type"] for o in fixture.vtn("GET", "state")["opts"] if o["event_id"] == "price-1"] == ["optIn"]

        # A load-control event; openleadr sends the price event again with it: handled once, answered again.
        added = fixture.vtn("POST", "capacity", {"event_id": "cap-1", "start": start.isoformat(), "shares": [[15, 0.4], [15, 0.25]]})["added_at"]
        wait_until(lambda: len(fixture.forecasts("cap-1 (modification 0)")) > 0, 60, "the capacity event in cpms's forecast")
        caps = [r for r in fixture.forecasts("cap-1 (modification 0)") if r["grp"] == ""]
        latencies.append(stored_time(caps[0]["received_at"]) - added)
        assert [(stored_time(r["interval_start"]) - start.timestamp(), r["capacity_w"]) for r in caps] == [(0, 40000.0), (900, 25000.0)]
        # The price still stands under the caps.
        assert [Decimal(r["price"]) for r in caps] == [Decimal("0.2505"), Decimal("0.2505")]

        def created_events_for(event_id: str, modification: int) -> int:
            needle = f"<ei:eventID>{event_id}</ei:eventID><ei:modificationNumber>{modification}</ei:modificationNumber>"
            return sum(1 for m in fixture.vtn("GET", "state")["messages"] if m["message"] == "oadrCreatedEvent" and needle in m["body"])
        wait_until(lambda: created_events_for("price-1", 0) >= 2, 30, "the repeated price event to be answered again")
        assert fixture.cpms_log().count("event price-1 (modification 0): opt") == 1, "the repeated price event was handled again"

        # The price event modified: modificationNumber 1 replaces its prices.
        modified = fixture.vtn("POST", "modify", {"event_id": "price-1", "values": [0.31, 0.05]})
        assert modified["modification_number"] == 1
        wait_until(lambda: len(fixture.forecasts("price-1 (modification 1)")) > 0, 60, "the modified price event in cpms's forecast")
        rows = [r for r in fixture.forecasts("price-1 (modification 1)") if r["grp"] == ""]
        latencies.append(stored_time(rows[0]["received_at"]) - modified["added_at"])
        by_start = {stored_time(r["interval_start"]) - start.timestamp(): Decimal(r["price"]) for r in rows if r["price"] is not None}
        assert by_start[0] == Decimal("0.31") and by_start[1800] == Decimal("0.05")
        assert all(Decimal(r["price"]) in (Decimal("0.31"), Decimal("0.05")) for r in fixture.forecasts("") if r["grp"] == "" and r["price"])
        wait_until(lambda: [o["opt_type"] for o in fixture.vtn("GET", "state")["opts"] if o["event_id"] == "price-1"] == ["optIn", "optIn"],
                   30, "the VTN to see the modification's optIn")

        # More price events, one at a time, for the latency figures.
        for number in range(6):
            event_id = f"latency-{number}"
            added = fixture.vtn("POST", "price", {"event_id": event_id, "start": (start + timedelta(hours=2 + number)).isoformat(),
                                                    "currency": "EUR", "prices": [[60, 0.1 + number / 100]]})["added_at"]
            wait_until(lambda: len(fixture.forecasts(f"{event_id} (modification 0)")) > 0, 60, f"{event_id} in cpms's forecast")
            latencies.append(stored_time(fixture.forecasts(f"{event_id} (modification 0)")[0]["received_at"]) - added)

        state = fixture.vtn("GET", "state")
        assert all(m["status"] == 200 for m in state["messages"]), [m for m in state["messages"] if m["status"] != 200]
        assert state["registrations"] == ["cpms-interop"]
        feeds = http("GET", fixture.api("supply/feeds"), token=fixture.token)
        assert [f["feed"] for f in feeds if f["dso"] == "dso-adr"] == ["openadr"]
        ordered = sorted(latencies)
        print(f"\nOpenADR add_event -> forecast stored in cpms (poll 0.5 s), {len(ordered)} events: median {ordered[len(ordered) // 2] * 1000:.0f} ms, "
              f"max {ordered[-1] * 1000:.0f} ms ({', '.join(f'{x * 1000:.0f}' for x in latencies)} ms)", file=sys.stderr)
    finally:
        fixture.stop()


def make_certificates(directory: Path):
    """A CA, the VTN's certificate for 127.0.0.1 and cpms's client certificate, both signed by the CA."""
    def openssl(*args):
        subprocess.run(["openssl", *args], check=True, capture_output=True, cwd=directory, timeout=60)
    openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days", "2", "-subj", "/CN=DSO test CA",
            "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign")
    for name, extensions in [("server", "subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth"), ("client", "extendedKeyUsage=clientAuth")]:
        openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", f"{name}.key", "-out", f"{name}.csr", "-subj", f"/CN={name}")
        (directory / f"{name}.ext").write_text(extensions.replace("\\n", "\n") + "\n")
        openssl("x509", "-req", "-in", f"{name}.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-out", f"{name}.pem", "-days", "2",
                "-extfile", f"{name}.ext")


def test_cpms_reaches_the_vtn_over_mutual_tls_and_is_refused_without_its_certificate(tmp_path):
    tls_dir = tmp_path / "tls"
    tls_dir.mkdir()
    make_certificates(tls_dir)
    fixture = Fixture(tmp_path)
    try:
        fixture.start_vtn(tls_dir)
        fixture.start_cpms()
        vtn_url = f"https://127.0.0.1:{fixture.vtn_port}"
        contract = {"groups": ["depot"], "capacityW": 50000, "currency": "EUR", "surchargePerKWh": 0, "fallbackPricePerKWh": 0.3, "forecastBoundSeconds": 86400}
        http("POST", fixture.api("dsos"), {"id": "dso-adr", "name": "DSO over mutual TLS", "contract": contract, "feeds": [{
            "kind": "openadr", "vtnURL": vtn_url, "venName": "cpms-tls", "pollIntervalSeconds": 0.5,
            "clientCertificatePath": str(tls_dir / "client.pem"), "clientKeyPath": str(tls_dir / "client.key"),
            "caCertificatePath": str(tls_dir / "ca.pem")}]}, token=fixture.token)
        # The same VTN without a client certificate: the TLS handshake fails, and the feed shows it.
        http("POST", fixture.api("dsos"), {"id": "dso-no-cert", "name": "DSO without our certificate", "contract": contract, "feeds": [{
            "kind": "openadr", "vtnURL": vtn_url, "venName": "cpms-no-cert", "pollIntervalSeconds": 0.5,
            "caCertificatePath": str(tls_dir / "ca.pem")}]}, token=fixture.token)

        start = (datetime.now(timezone.utc) + timedelta(hours=2)).replace(minute=0, second=0, microsecond=0)
        wait_until(lambda: any(m["message"] == "oadrPoll" for m in fixture.vtn("GET", "state")["messages"]), 60, "cpms to poll over TLS")
        fixture.vtn("POST", "price", {"event_id": "tls-price", "start": start.isoformat(), "currency": "EUR", "prices": [[60, 0.12]]})
        wait_until(lambda: len(fixture.forecasts("tls-price")) > 0, 60, "the price event over TLS in cpms's forecast")
        rows = [r for r in fixture.forecasts("tls-price") if r["grp"] == ""]
        assert [Decimal(r["price"]) for r in rows] == [Decimal("0.12")]
        wait_until(lambda: [o["opt_type"] for o in fixture.vtn("GET", "state")["opts"]] == ["optIn"], 30, "the VTN to see optIn over TLS")
        state = fixture.vtn("GET", "state")
        assert state["registrations"] == ["cpms-tls"]
        assert all(m["status"] == 200 for m in state["messages"]), [m for m in state["messages"] if m["status"] != 200]

        def refused_feed():
            feeds = http("GET", fixture.api("supply/feeds"), token=fixture.token)
            return next((f for f in feeds if f["dso"] == "dso-no-cert" and f.get("last_error")), None)
        wait_until(lambda: refused_feed() is not None, 60, "the feed without a client certificate to fail")
        refused = refused_feed()
        assert refused["state"] == "failing" and "EiRegisterParty" in refused["last_error"], refused
        print(f"\nwithout a client certificate: {refused['last_error']}", file=sys.stderr)
    finally:
        fixture.stop()


def test_cpms_answers_the_requests_openleadr_puts_in_poll_answers(tmp_path):
    fixture = Fixture(tmp_path)
    try:
        fixture.start_vtn(scripted_polls=True)
        fixture.start_cpms()
        http("POST", fixture.api("dsos"), {"id": "dso-adr", "name": "DSO asking things", "contract": {
            "groups": ["depot"], "capacityW": 50000, "currency": "EUR", "surchargePerKWh": 0, "fallbackPricePerKWh": 0.3,
            "forecastBoundSeconds": 86400}, "feeds": [{
                "kind": "openadr", "vtnURL": f"http://127.0.0.1:{fixture.vtn_port}", "venName": "cpms-asked", "pollIntervalSeconds": 0.5}]},
            token=fixture.token)
        wait_until(lambda: any(m["message"] == "oadrPoll" for m in fixture.vtn("GET", "state")["messages"]), 60, "cpms to poll")
        for message in ["oadrRegisterReport", "oadrCreateReport", "oadrRequestReregistration"]:
            fixture.vtn("POST", "next", {"message": message})
        wait_until(lambda: len(fixture.vtn("GET", "state")["registrations"]) == 2, 60, "cpms to register again")
        wait_until(lambda: sum(m["message"] == "oadrPoll" for m in fixture.vtn("GET", "state")["messages"]) >= 5, 60, "cpms to poll on")

        messages = fixture.vtn("GET", "state")["messages"]
        sent = [m["message"] for m in messages if m["message"] != "oadrPoll"]
        # Each answer where the protocol puts it; openleadr validated each against the schema and took it.
        assert sent[:3] == ["oadrCreatePartyRegistration", "oadrRegisterReport", "oadrRequestEvent"], sent
        assert sent[3:] == ["oadrRegisteredReport", "oadrCreatedReport", "oadrResponse", "oadrCreatePartyRegistration", "oadrRegisterReport",
                            "oadrRequestEvent"], sent
        assert all(m["status"] == 200 for m in messages), [(m["message"], m["status"], m["answer"]) for m in messages if m["status"] != 200]
        registered = next(m for m in messages if m["message"] == "oadrRegisteredReport")
        asked = next(m for m in messages if m["answer"] and "oadrRegisterReport " in m["answer"] and m["message"] == "oadrPoll")
        request_id = re.search(r"<requestID[^>]*>([^<]*)</requestID>", asked["answer"]).group(1)
        assert f">{request_id}</pyld:requestID></ei:eiResponse>" in registered["body"], registered["body"]
        feeds = http("GET", fixture.api("supply/feeds"), token=fixture.token)
        assert [f.get("last_error") for f in feeds if f["dso"] == "dso-adr"] == [None]
    finally:
        fixture.stop()
