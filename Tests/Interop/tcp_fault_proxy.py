"""A TCP proxy that can cut a link on command: `drop` closes every connection and refuses new ones, `stall`
keeps connections open but forwards nothing (a link that silently stops), `heal` returns to forwarding.
`abort_after_answers(n)` aborts the link right after forwarding each of the CSMS's next n CALLRESULTs (the
station has its answer and is busy with what comes next); `refuse_upgrades(n, statuses)` answers the next n
WebSocket upgrades itself with those HTTP statuses, as a CSMS that refuses the station would.
Runs its own event loop in a thread."""
from __future__ import annotations

import asyncio
import threading


class FaultProxy:
    def __init__(self, listen_port: int, target_port: int, host: str = "127.0.0.1"):
        self.listen_port, self.target_port, self.host = listen_port, target_port, host
        self.mode = "pass"
        self.connections: set[asyncio.StreamWriter] = set()
        self.aborts_left = 0
        self.aborted = 0
        self.refusals_left = 0
        self.refusal_statuses = [503]
        self.refused: list[int] = []
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()
        self.server = asyncio.run_coroutine_threadsafe(
            asyncio.start_server(self._accept, host, listen_port), self.loop).result(timeout=10)
        self.healed = asyncio.Event()
        self.loop.call_soon_threadsafe(self.healed.set)

    async def _accept(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter):
        if self.mode == "drop":
            writer.close()
            return
        if self.refusals_left > 0:
            self.refusals_left -= 1
            status = self.refusal_statuses[len(self.refused) % len(self.refusal_statuses)]
            self.refused.append(status)
            try:
                await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), 10)
                writer.write(f"HTTP/1.1 {status} Refused\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".encode())
                await writer.drain()
            except (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, asyncio.TimeoutError):
                pass
            writer.close()
            return
        try:
            upstream_reader, upstream_writer = await asyncio.open_connection(self.host, self.target_port)
        except OSError:
            writer.close()
            return
        self.connections.update({writer, upstream_writer})
        await asyncio.gather(self._pipe(reader, upstream_writer), self._pipe(upstream_reader, writer, answers=True),
                             return_exceptions=True)
        for end in (writer, upstream_writer):
            self.connections.discard(end)
            end.close()

    async def _pipe(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, answers: bool = False):
        try:
            while data := await reader.read(65536):
                await self.healed.wait()  # a stalled link holds the bytes back
                writer.write(data)
                await writer.drain()
                # Frames from the server are not masked: a CALLRESULT shows as `[3,"`.
                if answers and self.aborts_left > 0 and b'[3,"' in data:
                    self.aborts_left -= 1
                    self.aborted += 1
                    for end in list(self.connections):
                        end.transport.abort()
                    return
        finally:
            writer.close()

    def _set(self, mode: str):
        self.mode = mode
        if mode == "stall":
            self.healed.clear()
        else:
            self.healed.set()
        if mode == "drop":
            for writer in list(self.connections):
                writer.transport.abort()

    def abort_after_answers(self, count: int):
        def arm():
            self.aborts_left = count
        self.loop.call_soon_threadsafe(arm)

    def refuse_upgrades(self, count: int, statuses: list[int]):
        """Cuts the current connections and answers the next `count` upgrades with `statuses` in turn."""
        def arm():
            self.refusal_statuses = statuses
            self.refusals_left = count
            for end in list(self.connections):
                end.transport.abort()
        self.loop.call_soon_threadsafe(arm)

    def drop(self):
        self.loop.call_soon_threadsafe(self._set, "drop")

    def stall(self):
        self.loop.call_soon_threadsafe(self._set, "stall")

    def heal(self):
        """Back to forwarding; what a stalled link held back is delivered late."""
        self.loop.call_soon_threadsafe(self._set, "pass")

    def close(self):
        def shut():
            self.server.close()
            for writer in list(self.connections):
                writer.transport.abort()
        self.loop.call_soon_threadsafe(shut)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(timeout=5)
