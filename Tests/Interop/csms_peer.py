"""A 2.0.1 CSMS written with the PyPI `ocpp` library, run in a thread of its own: the independent peer for
stationd's uplink. It records every message a station sends (payloads as the library parsed and validated
them, snake_case) and lets the test send requests to the station."""
from __future__ import annotations

import asyncio
import base64
import json
import threading
from datetime import datetime, timedelta, timezone
from http import HTTPStatus

import websockets
from ocpp.exceptions import InternalError
from ocpp.routing import on
from ocpp.v201 import ChargePoint, call, call_result
from ocpp.v201.enums import Action


def now(offset_s: float = 0) -> str:
    return (datetime.now(timezone.utc) + timedelta(seconds=offset_s)).isoformat().replace("+00:00", "Z")


class StationHandler(ChargePoint):
    def __init__(self, identity, connection, peer: "CSMSPeer"):
        super().__init__(identity, connection)
        self.peer = peer

    async def _send(self, message):
        await super()._send(message)
        # A CSMS that goes away right after answering: the station has its answer and is already busy with
        # the next message (and the outbox's next write) when the connection dies under it.
        if message.startswith("[3,"):
            with self.peer.lock:
                abort = self.peer.abort_after_answers > 0 and self.peer._answer_matches(message)
                if abort:
                    self.peer.abort_after_answers -= 1
                    self.peer.aborted += 1
            if abort:
                self._connection.transport.abort()

    async def route_message(self, raw_msg):
        try:
            frame = json.loads(raw_msg)
            if frame[0] == 2:
                with self.peer.lock:
                    self.peer._calls[frame[1]] = frame[2]
        except (ValueError, IndexError, TypeError):
            pass
        await super().route_message(raw_msg)

    def record(self, action: str, payload: dict):
        with self.peer.lock:
            self.peer.received.append((action, payload))

    @on(Action.boot_notification)
    def on_boot(self, **payload):
        self.record("BootNotification", payload)
        return call_result.BootNotification(current_time=now(), interval=self.peer.heartbeat_s, status="Accepted")

    @on(Action.heartbeat)
    def on_heartbeat(self, **payload):
        self.record("Heartbeat", payload)
        return call_result.Heartbeat(current_time=now())

    @on(Action.status_notification)
    def on_status(self, **payload):
        self.record("StatusNotification", payload)
        return call_result.StatusNotification()

    @on(Action.transaction_event)
    def on_transaction_event(self, **payload):
        with self.peer.lock:
            if self.peer.transaction_event_failures > 0:
                self.peer.transaction_event_failures -= 1
                self.peer.refused_transaction_events += 1
                raise InternalError(description="storage unavailable")
        self.record("TransactionEvent", payload)
        return call_result.TransactionEvent()

    @on(Action.meter_values)
    def on_meter_values(self, **payload):
        self.record("MeterValues", payload)
        return call_result.MeterValues()

    @on(Action.data_transfer)
    def on_data_transfer(self, **payload):
        self.record("DataTransfer", payload)
        return call_result.DataTransfer(status="Accepted")

    @on(Action.reservation_status_update)
    def on_reservation_status_update(self, **payload):
        self.record("ReservationStatusUpdate", payload)
        return call_result.ReservationStatusUpdate()

    @on(Action.notify_event)
    def on_notify_event(self, **payload):
        self.record("NotifyEvent", payload)
        return call_result.NotifyEvent()


class CSMSPeer:
    """Serves ws://127.0.0.1:PORT/ocpp/{id} for one station id and password until `stop()`."""

    def __init__(self, port: int, station_id: str, password: str, heartbeat_s: int = 30, ssl_context=None):
        self.port, self.station_id, self.password, self.heartbeat_s = port, station_id, password, heartbeat_s
        self.ssl_context = ssl_context
        self.lock = threading.Lock()
        self.received: list[tuple[str, dict]] = []
        self.refused: list[int] = []
        # The next this-many TransactionEvents are answered with an InternalError CALLERROR (storage trouble).
        self.transaction_event_failures = 0
        self.refused_transaction_events = 0
        # The next this-many answers (to `abort_action`, or to any call) are followed at once by a TCP abort.
        self.abort_after_answers = 0
        self.abort_action: str | None = None
        self.aborted = 0
        self._calls: dict[str, str] = {}
        # The next this-many upgrade requests are refused with these HTTP statuses, in turn (401, 403, 404, 503).
        self.refuse_upgrades = 0
        self.refusal_statuses = [HTTPStatus.SERVICE_UNAVAILABLE]
        self.handler: StationHandler | None = None
        self.connections = 0
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()
        self.server = None

    def start(self):
        asyncio.run_coroutine_threadsafe(self._serve(), self.loop).result(timeout=10)

    async def _serve(self):
        self.server = await websockets.serve(self._connection, "127.0.0.1", self.port, subprotocols=["ocpp2.0.1"],
                                             process_request=self._check, ssl=self.ssl_context)

    def _answer_matches(self, message: str) -> bool:
        if self.abort_action is None:
            return True
        try:
            unique_id = json.loads(message)[1]
        except (ValueError, IndexError):
            return False
        return self._calls.get(unique_id) == self.abort_action

    def _check(self, connection, request):
        with self.lock:
            if self.refuse_upgrades > 0:
                self.refuse_upgrades -= 1
                status = self.refusal_statuses[len(self.refused) % len(self.refusal_statuses)]
                self.refused.append(int(status))
                return connection.respond(status, "not now\n")
        expected = "Basic " + base64.b64encode(f"{self.station_id}:{self.password}".encode()).decode()
        if request.path != f"/ocpp/{self.station_id}":
            self.refused.append(404)
            return connection.respond(HTTPStatus.NOT_FOUND, "unknown station\n")
        if request.headers.get("Authorization") != expected:
            self.refused.append(401)
            return connection.respond(HTTPStatus.UNAUTHORIZED, "bad credentials\n")
        return None

    async def _connection(self, connection):
        handler = StationHandler(self.station_id, connection, self)
        self.handler = handler
        self.connections += 1
        try:
            await handler.start()
        except websockets.ConnectionClosed:
            pass

    def abort_connection(self):
        """Aborts the station's current connection (TCP reset), if there is one."""
        def abort():
            handler = self.handler
            if handler is not None:
                handler._connection.transport.abort()
        self.loop.call_soon_threadsafe(abort)

    def stop(self):
        """Closes the server and every connection (the station sees its CSMS go away)."""
        async def close():
            if self.server is not None:
                self.server.close()
                await self.server.wait_closed()
                self.server = None
        asyncio.run_coroutine_threadsafe(close(), self.loop).result(timeout=15)

    def shutdown(self):
        self.stop()
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(timeout=5)

    def send(self, request, timeout: float = 15):
        """Sends a request (an `ocpp.v201.call` object) to the connected station and returns its result."""
        handler = self.handler
        assert handler is not None, "no station connected"
        return asyncio.run_coroutine_threadsafe(handler.call(request), self.loop).result(timeout=timeout)

    def messages(self, action: str) -> list[dict]:
        with self.lock:
            return [payload for name, payload in self.received if name == action]

    def data_transfers(self, message_id: str) -> list[dict]:
        return [p for p in self.messages("DataTransfer") if p.get("message_id") == message_id]


__all__ = ["CSMSPeer", "call", "now"]
