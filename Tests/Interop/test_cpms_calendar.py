"""The booking calendar as an operator runs it: `cpms evse` and `cpms calendar` against a real `cpms serve`, on
SQLite and PostgreSQL (CPMS_TEST_POSTGRES_URL). EVSEs are described, free slots searched, a booking made, a
clashing one refused naming the booking in the way, the booking moved (a stale version refused), forced
maintenance displaces it, the maintenance is cancelled, and a restarted cpms shows the same calendar. A refused
command exits 1, says why, and changes nothing."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import uuid
from datetime import datetime, timedelta, timezone

import pytest

from test_stationd_process import BIN, free_port, wait_until
from postgres_database import fresh_postgres_url

BACKENDS = ["sqlite"] + (["postgres"] if os.environ.get("CPMS_TEST_POSTGRES_URL") else [])


def iso(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def stored(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.000Z")


class Operator:
    """A CPO operator's shell: `cpms` commands against one database and, once started, one running server."""

    def __init__(self, database: str, tmp_path):
        self.database = database
        self.tmp_path = tmp_path
        self.process: subprocess.Popen | None = None
        self.port = free_port()
        self.station = f"CAL-{uuid.uuid4().hex[:8]}"
        self.run_db("station", "add", self.station)
        self.token = self.run_db("token", "add", "operator").stdout.strip()

    def run_db(self, *args: str) -> subprocess.CompletedProcess:
        done = subprocess.run([str(BIN / "cpms"), *args, "--database", self.database], capture_output=True, text=True,
                              timeout=60, stdin=subprocess.DEVNULL)
        assert done.returncode == 0, f"cpms {' '.join(args)}: {done.stderr}"
        return done

    def cpms(self, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run([str(BIN / "cpms"), *args, "--url", f"http://127.0.0.1:{self.port}", "--token", self.token],
                              capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)

    def ok(self, *args: str):
        done = self.cpms(*args)
        assert done.returncode == 0, f"cpms {' '.join(args)}: {done.stderr}"
        return json.loads(done.stdout)

    def refused(self, *args: str, saying: str) -> str:
        done = self.cpms(*args)
        assert done.returncode == 1, f"cpms {' '.join(args)} should fail: {done.stdout}"
        assert saying in done.stderr, done.stderr
        return done.stderr

    def start(self):
        log = open(self.tmp_path / "cpms.log", "a")
        self.process = subprocess.Popen(
            [str(BIN / "cpms"), "serve", "--port", str(self.port), "--database", self.database, "--log-level", "info"],
            stdout=log, stderr=subprocess.STDOUT)
        log.close()
        wait_until(lambda: self.cpms("evse", "list").returncode == 0, 60, "cpms to answer")

    def stop(self):
        if self.process is None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            assert self.process.wait(timeout=30) == 0, "cpms should exit cleanly on SIGTERM"
        finally:
            if self.process.poll() is None:
                self.process.kill()
            self.process = None


@pytest.fixture(params=BACKENDS)
def operator(request, tmp_path):
    if not (BIN / "cpms").exists():
        pytest.fail(f"{BIN / 'cpms'} is missing: run `swift build`", pytrace=False)
    database = fresh_postgres_url() if request.param == "postgres" else f"sqlite://{tmp_path / 'cpms.db'}"
    operator = Operator(database, tmp_path)
    operator.start()
    try:
        yield operator
    finally:
        operator.stop()


def test_an_operator_describes_books_moves_and_takes_a_socket_out(operator):
    station = operator.station
    now = datetime.now(timezone.utc)
    # Tomorrow, on a quarter hour: well clear of now however slowly the test runs.
    t0 = (now + timedelta(days=1)).replace(minute=0, second=0, microsecond=0)

    operator.ok("evse", "set", station, "1", "--standard", "IEC_62196_T2", "--power-type", "AC_3_PHASE", "--max-power", "22000")
    operator.ok("evse", "set", station, "2", "--standard", "IEC_62196_T2_COMBO", "--power-type", "DC", "--max-power", "150000",
                "--format", "CABLE")
    operator.refused("evse", "set", station, "3", "--standard", "TYPE2", "--power-type", "AC_3_PHASE", "--max-power", "22000",
                     saying="standard: not an OCPI 2.2.1 ConnectorType")
    evses = operator.ok("evse", "list", station)
    assert [(e["evse_id"], e["connectors"][0]["standard"], e["connectors"][0]["max_electric_power"]) for e in evses] == \
        [(1, "IEC_62196_T2", 22000), (2, "IEC_62196_T2_COMBO", 150000)]

    dc = operator.ok("calendar", "free-slots", "--station", station, "--power-type", "DC", "--min-power", "50000",
                     "--from", iso(t0), "--to", iso(t0 + timedelta(hours=3)))
    assert [(s["evse_id"], s["start"], s["end"]) for s in dc] == [(2, stored(t0), stored(t0 + timedelta(hours=3)))]

    booked = operator.ok("calendar", "book", station, "1", "--start", iso(t0), "--end", iso(t0 + timedelta(hours=1)),
                         "--token-uid", "04A1B2C3", "--emsp", "NL*TNM")["entry"]
    booking = booked["id"]
    assert booking.startswith("B-") and booked["status"] == "scheduled" and booked["booked_by"] == "admin operator"
    assert booked["token"] == {"uid": "04A1B2C3", "type": "RFID", "contract_id": "04A1B2C3", "emsp": "NL*TNM"}

    clash = operator.refused("calendar", "book", station, "1", "--start", iso(t0 + timedelta(minutes=30)),
                             "--end", iso(t0 + timedelta(minutes=90)), "--token-uid", "OTHER", "--emsp", "NL*TNM",
                             saying="HTTP 409")
    assert f"conflicts with booking {booking}" in clash
    operator.refused("calendar", "book", station, "7", "--start", iso(t0), "--end", iso(t0 + timedelta(hours=1)),
                     "--token-uid", "X", "--emsp", "NL*TNM", saying="evse_id: unknown EVSE")
    operator.refused("calendar", "book", station, "1", "--start", iso(t0 + timedelta(hours=5, minutes=7)),
                     "--end", iso(t0 + timedelta(hours=6)), "--token-uid", "X", "--emsp", "NL*TNM",
                     saying="start: ")
    assert [e["id"] for e in operator.ok("calendar", "list", "--station", station)] == [booking]

    free = operator.ok("calendar", "free-slots", "--station", station, "--evse", "1",
                       "--from", iso(t0 - timedelta(hours=1)), "--to", iso(t0 + timedelta(hours=3)))
    assert [(s["start"], s["end"]) for s in free] == [(stored(t0 - timedelta(hours=1)), stored(t0)),
                                                      (stored(t0 + timedelta(hours=1)), stored(t0 + timedelta(hours=3)))]

    moved = operator.ok("calendar", "modify", booking, "--start", iso(t0 + timedelta(hours=1)),
                        "--end", iso(t0 + timedelta(hours=2)), "--version", "1")["entry"]
    assert (moved["start"], moved["version"]) == (stored(t0 + timedelta(hours=1)), 2)
    operator.refused("calendar", "modify", booking, "--start", iso(t0), "--end", iso(t0 + timedelta(hours=2)),
                     "--version", "1", saying="was changed meanwhile")

    maintenance = ["calendar", "maintenance", station, "1", "--start", iso(t0 + timedelta(minutes=90)),
                   "--end", iso(t0 + timedelta(hours=3)), "--reason", "RCD test", "--technician", "Kim"]
    operator.refused(*maintenance, saying=f"conflicts with booking {booking}")
    forced = operator.ok(*maintenance, "--force")
    block = forced["entry"]
    assert block["id"].startswith("M-") and block["technician"] == "Kim" and block["reason"] == "RCD test"
    assert [b["id"] for b in forced["cancelled_bookings"]] == [booking]
    assert forced["cancelled_bookings"][0]["cancellation"]["reason"] == "maintenance of the EVSE: RCD test"

    cancelled = operator.ok("calendar", "cancel", block["id"], "--reason", "parts late")["entry"]
    assert cancelled["status"] == "cancelled" and cancelled["cancellation"]["by"] == "admin operator"
    operator.refused("calendar", "cancel", block["id"], "--reason", "again", saying="HTTP 409")

    before = operator.ok("calendar", "list", "--station", station)
    assert [(e["id"], e["status"]) for e in before] == [(booking, "cancelled"), (block["id"], "cancelled")]
    assert operator.ok("calendar", "actions", "--station", station) == []

    operator.stop()
    operator.start()
    assert operator.ok("calendar", "list", "--station", station) == before
    assert operator.ok("calendar", "show", booking) == before[0]
    again = operator.ok("calendar", "book", station, "1", "--start", iso(t0), "--end", iso(t0 + timedelta(hours=3)),
                        "--token-uid", "04A1B2C3", "--emsp", "NL*TNM", "--id", f"OCPI-{uuid.uuid4().hex[:8]}")["entry"]
    assert again["id"].startswith("OCPI-")


def test_calendar_settings_are_checked_before_cpms_starts(tmp_path):
    done = subprocess.run([str(BIN / "cpms"), "serve", "--calendar-slot-step", "30", "--database", f"sqlite://{tmp_path / 'c.db'}"],
                          capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)
    assert done.returncode == 64 and "--calendar-slot-step: slot step must be whole seconds, from 60 to 86400" in done.stderr, done.stderr
