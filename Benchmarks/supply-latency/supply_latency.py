"""OpenADR price event to stationd's energy manager: the latency of the whole supply path.

PyPI openleadr 0.5.36 as the DSO's VTN (Tests/Interop/openadr_vtn.py, run with $OPENADR_VTN_PYTHON), a real
`cpms serve` (SQLite) whose DSO has an `openadr` feed polling every 0.5 s, and the real stationd (with
station-sim) connected to cpms. Each round adds one ELECTRICITY_PRICE event for the current window and the next
hour with a price of its own, and waits until stationd has accepted a PriceSchedule carrying that price. The
latency is stationd's acceptance time (`prices.central_received_at_unix_ms` in its local API) minus the VTN's
`add_event` time: one machine, one clock. Prints p50, p99 and max.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bin", required=True, help="the directory with cpms, stationd, station-sim and stationctl")
    parser.add_argument("--events", type=int, default=30)
    parser.add_argument("--poll", type=float, default=0.5, help="the VEN's oadrPoll interval, seconds")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory (logs)")
    args = parser.parse_args()
    os.environ["STATIONCTL"] = str(Path(args.bin) / "stationctl")
    sys.path.insert(0, str(ROOT / "Tests" / "Interop"))
    from supply_rig import Cpms, OpenADRVTN, Station, current_window, openadr_dso  # noqa: E402
    from test_stationd_process import wait_until  # noqa: E402

    directory = Path(tempfile.mkdtemp(prefix="bench-supply-latency-"))
    logs = {name: open(directory / f"{name}.log", "a") for name in ("sim", "stationd", "cpms")}
    vtn = OpenADRVTN(directory)
    cpms = Cpms(directory, logs["cpms"])
    station = Station(directory, cpms.port, logs)
    latencies: list[float] = []
    try:
        vtn.start()
        cpms.start()
        station.start()
        code, body = cpms.api("POST", "dsos", openadr_dso(vtn.port, args.poll))
        assert code == 201, body
        vtn.wait_for_poll()
        for n in range(args.events):
            price = round(0.10 + 0.01 * n, 2)
            # Not within 15 s of a window boundary: the event's first window is still in force when it arrives.
            wait_until(lambda: current_window(time.time() + 15) == current_window(), 30, "a window not about to end")
            start = current_window()
            added_at = vtn.price_event(f"bench-{n}", start, [[15, price], [60, price + 0.20]])

            def accepted():
                prices = station.status().get("prices") or {}
                received = prices.get("central_received_at_unix_ms")
                if received and received / 1000 >= added_at - 1 and prices.get("import_price") == price:
                    return received / 1000
                return None
            # A window boundary between the event and the check would make the price in force another one.
            received_at = wait_until(accepted, 60, f"stationd to accept the schedule of event {n}")
            if current_window() != start:
                print(f"event {n}: crossed a window boundary, not counted", file=sys.stderr)
                continue
            latencies.append(received_at - added_at)
            print(f"event {n}: {1000 * (received_at - added_at):.0f} ms", file=sys.stderr)
    finally:
        station.stop()
        cpms.stop()
        vtn.stop()
        for log in logs.values():
            log.close()
        if args.keep:
            print(f"logs in {directory}", file=sys.stderr)
    print(f"OpenADR add_event -> stationd accepted the new PriceSchedule (oadrPoll every {args.poll} s), "
          f"{len(latencies)} events: p50 {1000 * statistics.median(latencies):.0f} ms, "
          f"p99 {1000 * percentile(latencies, 0.99):.0f} ms, max {1000 * max(latencies):.0f} ms")


if __name__ == "__main__":
    main()
