#!/usr/bin/env python3
"""A minimal OCPP 1.6 central system on the PyPI `ocpp` library: the reference stationd's charger server is measured against.

It accepts any charge point at ws://HOST:PORT/<any path>/<charger id> with the subprotocol ocpp1.6 and without
authentication, and answers what stationd's OCPP server answers for the same messages: BootNotification (Accepted,
with the heartbeat interval), Heartbeat, StatusNotification, Authorize (Accepted), StartTransaction (Accepted, a new
transaction id), StopTransaction and MeterValues. Every payload is validated against the official schemas, as the
library does by default. It runs until SIGINT or SIGTERM.

Usage: .venv/bin/python Benchmarks/ocpp-reference/reference_central.py --port 9887 [--host 127.0.0.1]
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import logging
import signal
from datetime import datetime, timezone

import websockets
from ocpp import messages
from ocpp.routing import on
from ocpp.v16 import ChargePoint, call_result
from ocpp.v16.enums import Action, AuthorizationStatus, RegistrationStatus

SUBPROTOCOL = "ocpp1.6"
transaction_ids = itertools.count(1)


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


class ChargerConnection(ChargePoint):
    """The central system's side of one charge point's connection."""

    heartbeat_interval = 300

    @on(Action.boot_notification)
    def on_boot_notification(self, charge_point_vendor, charge_point_model, **_):
        return call_result.BootNotification(current_time=now(), interval=self.heartbeat_interval,
                                            status=RegistrationStatus.accepted)

    @on(Action.heartbeat)
    def on_heartbeat(self):
        return call_result.Heartbeat(current_time=now())

    @on(Action.status_notification)
    def on_status_notification(self, connector_id, error_code, status, **_):
        return call_result.StatusNotification()

    @on(Action.authorize)
    def on_authorize(self, id_tag):
        return call_result.Authorize(id_tag_info={"status": AuthorizationStatus.accepted})

    @on(Action.start_transaction)
    def on_start_transaction(self, connector_id, id_tag, meter_start, timestamp, **_):
        return call_result.StartTransaction(transaction_id=next(transaction_ids),
                                            id_tag_info={"status": AuthorizationStatus.accepted})

    @on(Action.stop_transaction)
    def on_stop_transaction(self, meter_stop, timestamp, transaction_id, id_tag=None, **_):
        info = {"status": AuthorizationStatus.accepted} if id_tag is not None else None
        return call_result.StopTransaction(id_tag_info=info)

    @on(Action.meter_values)
    def on_meter_values(self, connector_id, meter_value, **_):
        return call_result.MeterValues()


async def serve_charger(websocket) -> None:
    """Runs one charge point's connection until it closes."""
    charger_id = websocket.request.path.rstrip("/").rsplit("/", 1)[-1]
    if websocket.subprotocol != SUBPROTOCOL:
        await websocket.close(code=1002, reason=f"offer the subprotocol {SUBPROTOCOL}")
        return
    try:
        await ChargerConnection(charger_id, websocket).start()
    except websockets.ConnectionClosed:
        pass


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=9887)
    parser.add_argument("--heartbeat-interval", type=int, default=300, help="seconds, given in BootNotification answers")
    parser.add_argument("--inline-validation", action="store_true",
                        help="validate payloads on the event loop instead of the library's default thread pool")
    args = parser.parse_args()
    ChargerConnection.heartbeat_interval = args.heartbeat_interval
    if args.inline_validation:
        messages.ASYNC_VALIDATION = False
    logging.basicConfig(level=logging.WARNING)

    stop = asyncio.get_running_loop().create_future()
    for number in (signal.SIGINT, signal.SIGTERM):
        asyncio.get_running_loop().add_signal_handler(number, lambda: stop.done() or stop.set_result(None))
    async with websockets.serve(serve_charger, args.host, args.port, subprotocols=[SUBPROTOCOL], max_size=65536):
        print(f"reference central system listening on ws://{args.host}:{args.port}", flush=True)
        await stop
    print("reference central system stopped", flush=True)


if __name__ == "__main__":
    asyncio.run(main())
