"""The demo station file rewritten for one test: its own ports, its own outbox, its own CSMS."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

from conftest import REPO_ROOT

DEMO_UPLINK_URL = "ws://127.0.0.1:8180/ocpp/DEMO-001"
DEMO_OUTBOX = "../../.stationmaster/demo/outbox.sqlite"
# One price all day: the battery neither charges in a cheap hour nor discharges in a dear one, it only shaves
# peaks, so what a test sees does not depend on the hour it runs at (demo.yaml's tariff is cheap from 00:00 to
# 06:00 and the battery then charges 10 kW).
FLAT_TARIFF = '  time_of_use:\n    - { from: "00:00", import_price: 0.25, renewable_share: 0.5 }\n'
_TIME_OF_USE = re.compile(r"^  time_of_use:\n(?:    - .*\n)+", re.MULTILINE)


def pin_tariff(text: str, tariff: str = FLAT_TARIFF) -> str:
    """The station file `text` with its daily tariff replaced by `tariff` (a `time_of_use:` block)."""
    pinned, count = _TIME_OF_USE.subn(tariff, text)
    assert count == 1, "the station file has no time_of_use block to pin"
    return pinned


def write_demo_station(directory: Path, *, modbus_port: int, api_port: int, csms_url: str | None = None,
                       station_id: str | None = None, meter_interval_s: int | None = None,
                       uplink_extra: dict[str, object] | None = None, tariff: str = FLAT_TARIFF) -> Path:
    """Copies the device profiles and firmware-config/stations/demo.yaml into `directory` and returns the
    station file: Modbus and local API on the given ports, the outbox in `directory`, the tariff pinned (flat
    by default, see `FLAT_TARIFF`), and optionally another uplink URL (ending in the station id), station id,
    meter interval and further uplink keys."""
    (directory / "stations").mkdir(exist_ok=True)
    if not (directory / "devices").exists():
        shutil.copytree(REPO_ROOT / "firmware-config" / "devices", directory / "devices")
    text = pin_tariff((REPO_ROOT / "firmware-config" / "stations" / "demo.yaml").read_text(), tariff)
    text = text.replace("port: 5020", f"port: {modbus_port}").replace("port: 8181", f"port: {api_port}")
    text = text.replace(DEMO_OUTBOX, str(directory / "outbox.sqlite"))
    if csms_url:
        text = text.replace(DEMO_UPLINK_URL, csms_url)
    if station_id:
        text = text.replace("DEMO-001", station_id)
    uplink = dict(uplink_extra or {})
    if meter_interval_s is not None:
        text = text.replace("meter_interval_s: 10", f"meter_interval_s: {meter_interval_s}")
    if uplink:
        text = text.replace("  meter_interval_s:", "".join(f"  {k}: {v}\n" for k, v in uplink.items()) + "  meter_interval_s:")
    config = directory / "stations" / "demo.yaml"
    config.write_text(text)
    return config
