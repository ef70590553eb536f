"""The OCPI Bookings add-on ("2.3.0-booking-1.0") between a real `cpms serve` and an eMSP registered at it, on
SQLite and PostgreSQL (CPMS_TEST_POSTGRES_URL).

extrawest-ocpi has no bookings module, so the eMSP is a few lines here: httpx makes its calls, and a small HTTP
server gives cpms its versions and version details (with a Booking RECEIVER endpoint) and records every push it
receives on a catch-all route. Every object cpms serves or pushes (BookingLocations, Calendars, Bookings) is
validated with PyPI ocpi-types' bookings models. The eMSP walks the paged BookingLocations, books a slot, modifies
it, cancels another, gets a DECLINED for a taken slot and a CANCELED once `cpms calendar maintenance --force`
covers its booking; bad input is 2001 naming the field, an unknown location 2003."""

from __future__ import annotations

import json
import os
import random
import string
import subprocess
import threading
import time
import uuid
from datetime import datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest
from ocpi_types import v2_3_0_bookings as bookings

from test_cpms_ocpi_locations import request, walk
from test_stationd_process import BIN, free_port, wait_until
from postgres_database import fresh_postgres_url

BACKENDS = ["sqlite"] + (["postgres"] if os.environ.get("CPMS_TEST_POSTGRES_URL") else [])


class BookingsEMSP(BaseHTTPRequestHandler):
    """The eMSP's side cpms calls: versions, version details, and whatever it pushes (recorded, answered 1000)."""

    base = ""
    pushes: list[dict] = []
    lock = threading.Lock()

    def do_GET(self):  # noqa: N802 - http.server's name
        if self.path.endswith("/versions"):
            data = [{"version": "2.2.1", "url": f"{self.base}/2.2.1"}]
        else:
            data = {"version": "2.2.1", "endpoints": [
                {"identifier": "Booking", "role": "RECEIVER", "url": f"{self.base}/2.2.1/bookings"},
                {"identifier": "locations", "role": "RECEIVER", "url": f"{self.base}/2.2.1/locations"}]}
        self.answer(data)

    def record(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode() if length else ""
        with self.lock:
            self.pushes.append({"method": self.command, "path": self.path, "body": json.loads(body) if body else None})
        self.answer(None)

    do_PUT = do_PATCH = do_POST = do_DELETE = record  # noqa: N815

    def answer(self, data):
        body = json.dumps({"data": data, "status_code": 1000, "timestamp": "2026-01-01T00:00:00Z"}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass

    @classmethod
    def booking_pushes(cls) -> list[dict]:
        with cls.lock:
            return [push for push in cls.pushes if "/2.2.1/bookings/" in push["path"]]


def iso(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def valid_booking(document: dict) -> dict:
    """ocpi-types reads it (raising on anything wrong) and writes back every field cpms sent."""
    parsed = bookings.Booking.from_dict(document)
    assert {key for key, value in parsed.to_dict().items() if value is not None} == set(document), document
    return document


@pytest.mark.parametrize("backend", BACKENDS)
def test_an_emsp_books_modifies_cancels_and_hears_of_each_outcome(backend, tmp_path):
    database = f"sqlite://{tmp_path / 'cpms.db'}" if backend == "sqlite" else fresh_postgres_url()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    prefix = "BK" + uuid.uuid4().hex[:6].upper()
    party_id = "".join(random.choice(string.ascii_uppercase) for _ in range(3))
    station = f"{prefix}-1"

    def run(*args: str, api: bool = False) -> str:
        target = ["--url", base, "--token", token] if api else ["--database", database]
        done = subprocess.run([str(BIN / "cpms"), *args, *target], capture_output=True, text=True, timeout=60, cwd=tmp_path,
                              stdin=subprocess.DEVNULL)
        assert done.returncode == 0, f"cpms {' '.join(args)}: {done.stderr}"
        return done.stdout

    run("station", "add", station)
    token = run("token", "add", "operator").strip()
    log = open(tmp_path / "cpms.log", "a")
    server = subprocess.Popen(
        [str(BIN / "cpms"), "serve", "--port", str(port), "--database", database, "--ocpi-page-limit", "2",
         "--ocpi-booking-horizon-days", "2", "--ocpi-booking-terms-url", "https://example.com/booking-terms",
         "--booking-cancel-deadline", "600", "--ocpi-push-poll-interval", "0.2"],
        stdout=log, stderr=subprocess.STDOUT, cwd=tmp_path)
    log.close()
    BookingsEMSP.pushes = []
    emsp = ThreadingHTTPServer(("127.0.0.1", 0), BookingsEMSP)
    BookingsEMSP.base = f"http://127.0.0.1:{emsp.server_address[1]}"
    threading.Thread(target=emsp.serve_forever, daemon=True).start()
    try:
        wait_until(lambda: run("evse", "list", api=True) is not None, 60, "cpms to answer")
        run("evse", "set", station, "1", "--standard", "IEC_62196_T2", "--power-type", "AC_3_PHASE", "--max-power", "22000", api=True)
        run("evse", "set", station, "2", "--standard", "IEC_62196_T2", "--power-type", "AC_3_PHASE", "--max-power", "11000", api=True)
        run("location", "set", station, "--name", "Booking site", "--address", "Markt 1", "--city", "Utrecht", "--postal-code", "3511",
            "--country", "NLD", "--latitude", "52.09074", "--longitude", "5.12142", "--evse-code", prefix, api=True)

        added = httpx.post(f"{base}/api/emsps", json={"name": f"tnm-{prefix.lower()}"}, headers={"Authorization": f"Bearer {token}"},
                           timeout=30).json()
        status, envelope, _ = request(f"{base}/ocpi/2.2.1/credentials", added["token_a"], "POST", {
            "token": f"emsp-token-{prefix}", "url": f"{BookingsEMSP.base}/versions",
            "roles": [{"role": "EMSP", "party_id": party_id, "country_code": "NL", "business_details": {"name": "The eMSP"}}]})
        assert status == 200 and envelope["status_code"] == 1000, envelope
        token_c = envelope["data"]["token"]
        module = f"{base}/ocpi/2.2.1/Booking"

        # Announced as SENDER; the paged BookingLocations carry the station's two EVSEs with free timeslots.
        _, details, _ = request(f"{base}/ocpi/2.2.1", token_c)
        assert {"identifier": "Booking", "role": "SENDER", "url": module} in details["data"]["endpoints"]
        every, pages = walk(f"{module}/booking_locations", token_c)
        assert pages == (len(every) + 1) // 2
        for document in every:
            parsed = bookings.BookingLocation.from_dict(document)
            assert {key for key, value in parsed.to_dict().items() if value is not None} == set(document), document
        ours = [document for document in every if document["location_id"] == station]
        uids = [f"DE*STM*E{prefix}*1", f"DE*STM*E{prefix}*2"]
        assert [document["evse_uid"] for document in ours] == uids
        terms = ours[0]["booking_terms"][0]
        assert terms["cancel_until_minutes"] == 10 and terms["booking_terms"] == "https://example.com/booking-terms"
        calendar = ours[0]["calendars"][0]
        assert [slot["max_power"] for slot in calendar["available_timeslots"]] == [22000]
        status, one, _ = request(f"{module}/booking_locations/{uids[0]}/{calendar['id']}", token_c)
        bookings.Calendar.from_dict(one["data"])

        start = datetime.now(timezone.utc).replace(minute=0, second=0, microsecond=0) + timedelta(hours=2)

        def booking_request(request_id: str, evse: int, hours: int, **extra) -> dict:
            document = {
                "country_code": "NL", "party_id": party_id, "request_id": request_id, "location_id": station, "evse_uid": uids[evse - 1],
                "tokens": [{"country_code": "NL", "party_id": party_id, "uid": f"TOK-{request_id}", "type": "RFID",
                            "contract_id": f"NL-{party_id}-{request_id}"}],
                "period": {"start_from": iso(start + timedelta(hours=hours)), "end_before": iso(start + timedelta(hours=hours + 1))},
                "authorization_reference": f"AUTH-{request_id}", **extra}
            bookings.BookingRequest.from_dict(document)
            return document

        def post(document: dict) -> dict:
            status, envelope, _ = request(module, token_c, "POST", document)
            assert status == 200, envelope
            return envelope

        def pushed_until(predicate, what: str) -> list[dict]:
            wait_until(lambda: predicate([push["body"] for push in BookingsEMSP.booking_pushes()]), 60, what)
            return [valid_booking(push["body"]) for push in BookingsEMSP.booking_pushes()]

        # Book: PENDING at once, then RESERVED and ACCEPTED pushed (PUT to /{cpo country}/{cpo party}/{id}).
        answer = post(booking_request("R1", 1, 0))
        assert answer["status_code"] == 1000
        first = valid_booking(answer["data"])
        assert first["reservation_status"] == "PENDING" and [r["request_status"] for r in first["booking_requests"]] == ["PENDING"]
        pushes = pushed_until(lambda bodies: any(b["id"] == first["id"] and b["reservation_status"] == "RESERVED" for b in bodies), "RESERVED")
        push = BookingsEMSP.booking_pushes()[0]
        assert push["method"] == "PUT" and push["path"] == f"/2.2.1/bookings/DE/STM/{first['id']}"

        # The slot is no longer free.
        _, calendar, _ = request(f"{module}/booking_locations/{uids[0]}/free", token_c)
        assert all(slot["end_before"] <= iso(start) or slot["start_from"] >= iso(start + timedelta(hours=1))
                   for slot in calendar["data"]["available_timeslots"])

        # Modify (same request_id): an hour later.
        post(booking_request("R1", 1, 1))
        pushes = pushed_until(lambda bodies: any(b["id"] == first["id"] and len(b["booking_requests"]) == 2 for b in bodies), "the change")
        moved = [b for b in pushes if b["id"] == first["id"]][-1]
        assert moved["period"]["start_from"] == iso(start + timedelta(hours=1))
        assert [r["request_status"] for r in moved["booking_requests"]] == ["ACCEPTED", "ACCEPTED"]

        # A taken slot: DECLINED (the booking REJECTED), with the calendar's reason in the answer.
        taken = post(booking_request("R2", 1, 1))
        assert "conflicts with booking" in taken["status_message"]
        pushes = pushed_until(lambda bodies: any(b["request_id"] == "R2" for b in bodies), "the refusal")
        refused = [b for b in pushes if b["request_id"] == "R2"][-1]
        assert refused["reservation_status"] == "REJECTED" and refused["booking_requests"][0]["request_status"] == "DECLINED"

        # Another booking on EVSE 2, cancelled by the eMSP.
        second = post(booking_request("R3", 2, 0))["data"]
        post(booking_request("R3", 2, 0, canceled={"cancellation_reason": "TRAFFIC", "who_canceled": "EMSP"}))
        pushes = pushed_until(lambda bodies: any(b["id"] == second["id"] and b["reservation_status"] == "CANCELED" for b in bodies), "CANCELED")
        assert [b for b in pushes if b["id"] == second["id"]][-1]["canceled"] == {"cancellation_reason": "TRAFFIC", "who_canceled": "EMSP"}

        # A technician forces maintenance over the first booking: CANCELED by the CPO.
        run("calendar", "maintenance", station, "1", "--start", iso(start), "--end", iso(start + timedelta(hours=3)),
            "--reason", "pump", "--technician", "tom", "--force", api=True)
        pushes = pushed_until(lambda bodies: any(b["id"] == first["id"] and b["reservation_status"] == "CANCELED" for b in bodies),
                              "CANCELED by maintenance")
        assert [b for b in pushes if b["id"] == first["id"]][-1]["canceled"] == {"cancellation_reason": "BROKEN_CHARGER", "who_canceled": "CPO"}

        # Bad input names the field; an unknown location is 2003; neither is stored.
        without_period = booking_request("R4", 1, 5)
        del without_period["period"]
        bad = post(without_period)
        assert bad["status_code"] == 2001 and "period" in bad["status_message"]
        unknown = post({**booking_request("R5", 1, 5), "location_id": "NOWHERE"})
        assert unknown["status_code"] == 2003 and "location_id" in unknown["status_message"]
        malformed = httpx.post(module, content=b"{not json", headers={"Authorization": f"Token {token_c}"}, timeout=30)
        assert malformed.status_code == 400 and malformed.json()["status_code"] == 2001

        # GET bookings: the eMSP's own three, as last pushed.
        mine, _ = walk(module, token_c)
        assert sorted(b["request_id"] for b in mine) == ["R1", "R2", "R3"]
        last = {b["id"]: b for b in pushes}
        for document in mine:
            assert valid_booking(document) == last[document["id"]]
    finally:
        emsp.shutdown()
        server.terminate()
        try:
            server.wait(timeout=30)
        finally:
            if server.poll() is None:
                server.kill()
