"""`cpms tariff price` on OCPI 2.2.1 tariff and CDR files, as a CPO runs it.

The pairs here are not the OCPI examples the Swift tests use; each expected total is worked out by hand in the
comment above it, with Python's Decimal only adding up what the comment says.
"""

from __future__ import annotations

import json
import subprocess
from decimal import Decimal

import pytest

from test_stationd_process import BIN

TIMEOUT = 60

# Time of use in Amsterdam: nights (23:00-07:00) 0.20/kWh, days 0.35/kWh, both 21 % VAT, per Wh; a 0.30 start
# fee without VAT; parking 1.20/h 21 % VAT in 10-minute steps, free the first 2 hours of the session.
TOU_TARIFF = {
    "country_code": "NL", "party_id": "SMR", "id": "tou-1", "currency": "EUR",
    "elements": [
        {"price_components": [{"type": "FLAT", "price": 0.30, "step_size": 1}]},
        {"price_components": [{"type": "ENERGY", "price": 0.20, "vat": 21.0, "step_size": 1}],
         "restrictions": {"start_time": "23:00", "end_time": "07:00"}},
        {"price_components": [{"type": "ENERGY", "price": 0.35, "vat": 21.0, "step_size": 1}]},
        {"price_components": [{"type": "PARKING_TIME", "price": 1.20, "vat": 21.0, "step_size": 600}],
         "restrictions": {"min_duration": 7200}},
    ],
    "last_updated": "2026-01-01T00:00:00Z",
}

# 26 October 2026 (Monday, CET = UTC+1): plugged in 22:15 local (21:15Z).
#   21:15Z 22:15 local: 4.5 kWh at the day price 0.35 = 1.575
#   22:00Z 23:00 local: 10.25 kWh at night 0.20 = 2.05
#   23:15Z 00:15 local: 2.0 kWh at night = 0.40
#   23:45Z 00:45 local: parking 1 h 05 min, 2.5 h into the session -> 70 min (600 s steps) x 1.20 = 1.40
# excl. VAT 0.30 + 1.575 + 2.05 + 0.40 + 1.40 = 5.725; incl. 0.30 + (1.575 + 2.05 + 0.40 + 1.40) x 1.21 = 6.86425
TOU_CDR = {
    "country_code": "NL", "party_id": "SMR", "id": "cdr-1",
    "start_date_time": "2026-10-26T21:15:00Z", "end_date_time": "2026-10-27T00:50:00Z",
    "cdr_location": {"id": "LOC1", "time_zone": "Europe/Amsterdam"},
    "currency": "EUR",
    "charging_periods": [
        {"start_date_time": "2026-10-26T21:15:00Z", "tariff_id": "tou-1",
         "dimensions": [{"type": "ENERGY", "volume": 4.5}, {"type": "TIME", "volume": 0.75}]},
        {"start_date_time": "2026-10-26T22:00:00Z", "tariff_id": "tou-1",
         "dimensions": [{"type": "ENERGY", "volume": 10.25}, {"type": "TIME", "volume": 1.25}]},
        {"start_date_time": "2026-10-26T23:15:00Z", "tariff_id": "tou-1",
         "dimensions": [{"type": "ENERGY", "volume": 2.0}, {"type": "TIME", "volume": 0.5}]},
        {"start_date_time": "2026-10-26T23:45:00Z", "tariff_id": "tou-1",
         "dimensions": [{"type": "PARKING_TIME", "volume": 1.0833}]},
    ],
    "last_updated": "2026-10-27T01:00:00Z",
}


def run(tmp_path, tariff, cdr, *args: str) -> subprocess.CompletedProcess:
    tariff_path = tmp_path / "tariff.json"
    cdr_path = tmp_path / "cdr.json"
    tariff_path.write_text(tariff if isinstance(tariff, str) else json.dumps(tariff))
    cdr_path.write_text(cdr if isinstance(cdr, str) else json.dumps(cdr))
    return subprocess.run([str(BIN / "cpms"), "tariff", "price", str(tariff_path), str(cdr_path), *args],
                          capture_output=True, text=True, timeout=TIMEOUT, stdin=subprocess.DEVNULL)


def test_time_of_use_session_across_midnight_is_priced_in_the_locations_time_zone(tmp_path):
    done = run(tmp_path, TOU_TARIFF, TOU_CDR, "--json")
    assert done.returncode == 0, done.stderr
    cost = json.loads(done.stdout, parse_float=Decimal)
    assert cost["total"] == {"excl_vat": Decimal("5.725"), "incl_vat": Decimal("6.8643")}
    by_dimension = {item["dimension"]: item for item in cost["dimensions"]}
    assert by_dimension["ENERGY"]["cost"]["excl_vat"] == Decimal("4.025")
    assert abs(by_dimension["PARKING_TIME"]["billed_volume"] - Decimal(70) / 60) < Decimal("1e-20")
    assert [period["elements"].get("ENERGY") for period in cost["periods"]] == [2, 1, 1, None]
    assert [period["local_start"] for period in cost["periods"]] == [
        "2026-10-26 22:15 MONDAY", "2026-10-26 23:00 MONDAY", "2026-10-27 00:15 TUESDAY", "2026-10-27 00:45 TUESDAY"]
    assert done.stderr == ""


def test_the_same_cdr_in_utc_prices_differently_and_the_table_shows_totals(tmp_path):
    # In UTC: 21:15 day (1.575), 22:00 day (10.25 x 0.35 = 3.5875), 23:15 night (0.40), parking 1.40, start 0.30:
    # 7.2625 excl. VAT.
    done = run(tmp_path, TOU_TARIFF, TOU_CDR, "--time-zone", "UTC")
    assert done.returncode == 0, done.stderr
    total = [line for line in done.stdout.splitlines() if line.startswith("Total")]
    assert total and total[0].split()[1] == "7.2625", done.stdout
    assert "time zone UTC" in done.stdout


def test_a_cdr_without_a_time_zone_needs_the_option(tmp_path):
    cdr = dict(TOU_CDR, cdr_location={"id": "LOC1"})
    done = run(tmp_path, TOU_TARIFF, cdr)
    assert done.returncode == 1
    assert "cdr.json" in done.stderr and "--time-zone" in done.stderr
    assert run(tmp_path, TOU_TARIFF, cdr, "--time-zone", "Europe/Amsterdam", "--json").returncode == 0


@pytest.mark.parametrize("which, broken, named", [
    ("tariff", lambda t: t["elements"][1]["price_components"][0].update(price="0.20"),
     "tariff.json: elements[1].price_components[0].price"),
    ("tariff", lambda t: t["elements"][1]["restrictions"].update(start_time="23h"),
     "tariff.json: elements[1].restrictions.start_time"),
    ("tariff", lambda t: t.pop("currency"), "tariff.json: currency"),
    ("cdr", lambda c: c["charging_periods"][2]["dimensions"][0].update(type="KWH"),
     "cdr.json: charging_periods[2].dimensions[0].type"),
    ("cdr", lambda c: c["charging_periods"][1].update(start_date_time="2026-10-26T20:00:00Z"),
     "cdr.json: charging_periods[1].start_date_time"),
])
def test_bad_files_name_the_file_and_the_field(tmp_path, which, broken, named):
    tariff = json.loads(json.dumps(TOU_TARIFF))
    cdr = json.loads(json.dumps(TOU_CDR))
    broken(tariff if which == "tariff" else cdr)
    done = run(tmp_path, tariff, cdr)
    assert done.returncode == 1
    assert named in done.stderr, done.stderr
    assert done.stdout == ""


def test_not_json_and_a_missing_file_are_refused(tmp_path):
    done = run(tmp_path, "{\"country_code\": ", TOU_CDR)
    assert done.returncode == 1 and "tariff.json: not valid JSON" in done.stderr
    missing = subprocess.run([str(BIN / "cpms"), "tariff", "price", str(tmp_path / "none.json"), str(tmp_path / "x.json")],
                             capture_output=True, text=True, timeout=TIMEOUT)
    assert missing.returncode == 1 and "none.json: cannot read the file" in missing.stderr


def test_a_period_of_another_tariff_is_priced_with_a_warning(tmp_path):
    cdr = json.loads(json.dumps(TOU_CDR))
    cdr["charging_periods"][0]["tariff_id"] = "old-1"
    done = run(tmp_path, TOU_TARIFF, cdr, "--json")
    assert done.returncode == 0
    assert 'charging_periods[0] names tariff "old-1"' in done.stderr
    assert json.loads(done.stdout, parse_float=Decimal)["total"]["excl_vat"] == Decimal("5.725")
