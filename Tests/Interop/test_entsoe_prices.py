"""cpms's ENTSO-E A44 reader against an independent implementation: PyPI `entsoe-py` (its `parse_prices`).

`cpms prices entsoe FILE` prints the intervals the ENTSOEFeed hands on (price per kWh as an exact decimal).
entsoe-py reads the same document into one series per resolution (EUR/MWh; A03 gaps forward-filled, A01
gaps left out). For the repository's single-zone samples and for generated documents (PT15M, PT30M, PT60M;
A01 and A03; one or two days; points left out at random; negative prices) both must give the same points at
the same times: cpms's price x 1000 equals entsoe-py's.
"""

from __future__ import annotations

import json
import random
import subprocess
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

import pytest
from entsoe.parsers import parse_prices

REPO_ROOT = Path(__file__).resolve().parents[2]
CPMS = REPO_ROOT / ".build" / "debug" / "cpms"
SAMPLES = REPO_ROOT / "Tests" / "CPMSTests" / "Supply" / "Samples"
RESOLUTIONS = {"PT15M": 15, "PT30M": 30, "PT60M": 60}
ZONE = "10Y1001A1001A82H"
# entsoe-py reads XML with bs4's HTML parser and says so on every call.
pytestmark = pytest.mark.filterwarnings("ignore:It looks like you're using an HTML parser")


def cpms_prices(path: Path) -> dict[tuple[str, int], Decimal]:
    """(start, minutes) -> price per MWh, as cpms reads the document."""
    if not CPMS.exists():
        pytest.fail(f"{CPMS} is missing: run `swift build`", pytrace=False)
    done = subprocess.run([str(CPMS), "prices", "entsoe", str(path)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    document = json.loads(done.stdout, parse_float=Decimal)
    points = {}
    for interval in document["intervals"]:
        start = datetime.fromisoformat(interval["start"].replace("Z", "+00:00"))
        end = datetime.fromisoformat(interval["end"].replace("Z", "+00:00"))
        points[(start.isoformat(), int((end - start).total_seconds() // 60))] = Decimal(interval["pricePerKWh"]) * 1000
    return points


def entsoe_py_prices(path: Path) -> dict[tuple[str, int], float]:
    """(start, minutes) -> price per MWh, as entsoe-py reads the document."""
    points = {}
    for frequency, series in parse_prices(path.read_text()).items():
        if series is None or len(series) == 0:
            continue
        minutes = int(frequency.removesuffix("min"))
        for timestamp, value in series.dropna().items():
            points[(timestamp.tz_convert("UTC").to_pydatetime().isoformat(), minutes)] = float(value)
    return points


def assert_same(path: Path) -> None:
    ours = cpms_prices(path)
    theirs = entsoe_py_prices(path)
    assert ours, "cpms read no prices"
    assert sorted(ours) == sorted(theirs), f"{path.name}: only cpms {sorted(set(ours) - set(theirs))[:5]}, only entsoe-py {sorted(set(theirs) - set(ours))[:5]}"
    for key, price in ours.items():
        assert abs(float(price) - theirs[key]) < 1e-9, f"{path.name} {key}: cpms {price}, entsoe-py {theirs[key]}"


@pytest.mark.parametrize("name", ["entsoe-a44-de-lu-pt15m-a03.xml", "entsoe-a44-nl-pt60m-two-days.xml"])
def test_samples_read_alike(name: str) -> None:
    assert_same(SAMPLES / name)


def generated_document(rng: random.Random, resolution: str, curve: str, days: int) -> str:
    minutes = RESOLUTIONS[resolution]
    day_start = datetime(2027, 1, 14, 23, 0, tzinfo=timezone.utc)
    series = []
    for day in range(days):
        start = day_start + timedelta(days=day)
        end = start + timedelta(days=1)
        count = 24 * 60 // minutes
        positions = [p for p in range(1, count + 1) if p == 1 or rng.random() > 0.3]
        points = "".join(
            f"<Point><position>{p}</position><price.amount>{rng.randint(-5000, 40000) / 100:.2f}</price.amount></Point>" for p in positions
        )
        series.append(
            f"<TimeSeries><mRID>{day + 1}</mRID><businessType>A62</businessType>"
            f'<in_Domain.mRID codingScheme="A01">{ZONE}</in_Domain.mRID><out_Domain.mRID codingScheme="A01">{ZONE}</out_Domain.mRID>'
            f"<currency_Unit.name>EUR</currency_Unit.name><price_Measure_Unit.name>MWH</price_Measure_Unit.name><curveType>{curve}</curveType>"
            f"<Period><timeInterval><start>{start:%Y-%m-%dT%H:%MZ}</start><end>{end:%Y-%m-%dT%H:%MZ}</end></timeInterval>"
            f"<resolution>{resolution}</resolution>{points}</Period></TimeSeries>"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<Publication_MarketDocument xmlns="urn:iec62325.351:tc57wg16:451-3:publicationdocument:7:3">'
        "<mRID>generated</mRID><revisionNumber>1</revisionNumber><type>A44</type>" + "".join(series) + "</Publication_MarketDocument>\n"
    )


@pytest.mark.parametrize("resolution", sorted(RESOLUTIONS))
@pytest.mark.parametrize("curve", ["A01", "A03"])
def test_generated_documents_read_alike(tmp_path: Path, resolution: str, curve: str) -> None:
    rng = random.Random(f"{resolution}-{curve}")
    for index in range(4):
        path = tmp_path / f"{resolution}-{curve}-{index}.xml"
        path.write_text(generated_document(rng, resolution, curve, days=1 + index % 2))
        assert_same(path)
