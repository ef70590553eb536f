"""A TCP proxy that can cut a link on command: `drop` closes every connection and refuses new ones, `stall`
keeps connections open but forwards nothing (a link that silently stops), `heal` returns to forwarding.
Runs its own event loop in a thread."""
from __future__ import annotations

import asyncio
import threading


class FaultProxy:
    def __init__(self, listen_port: int, target_port: int, host: str = "127.0.0.1"):
        self.listen_port, self.target_port, self.host = listen_port, target_port, host
        self.mode = "pass"
        self.connections: set[asyncio.StreamWriter] = set()
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
        try:
            upstream_reader, upstream_writer = await asyncio.open_connection(self.host, self.target_port)
        except OSError:
            writer.close()
            return
        self.connections.update({writer, upstream_writer})
        await asyncio.gather(self._pipe(reader, upstream_writer), self._pipe(upstream_reader, writer),
                             return_exceptions=True)
        for end in (writer, upstream_writer):
            self.connections.discard(end)
            end.close()

    async def _pipe(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter):
        try:
            while data := await reader.read(65536):
                await self.healed.wait()  # a stalled link holds the bytes back
                writer.write(data)
                await writer.drain()
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
