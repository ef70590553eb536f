"""The demo station file rewritten for one test: its own ports, its own outbox, its own CSMS."""
from __future__ import annotations

import shutil
from pathlib import Path

from conftest import REPO_ROOT

DEMO_UPLINK_URL = "ws://127.0.0.1:8180/ocpp/DEMO-001"
DEMO_OUTBOX = "../../.stationmaster/demo/outbox.sqlite"


def write_demo_station(directory: Path, *, modbus_port: int, api_port: int, csms_url: str | None = None,
                       station_id: str | None = None, meter_interval_s: int | None = None,
                       uplink_extra: dict[str, object] | None = None) -> Path:
    """Copies the device profiles and firmware-config/stations/demo.yaml into `directory` and returns the
    station file: Modbus and local API on the given ports, the outbox in `directory`, and optionally another
    uplink URL (ending in the station id), station id, meter interval and further uplink keys."""
    (directory / "stations").mkdir(exist_ok=True)
    if not (directory / "devices").exists():
        shutil.copytree(REPO_ROOT / "firmware-config" / "devices", directory / "devices")
    text = (REPO_ROOT / "firmware-config" / "stations" / "demo.yaml").read_text()
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
