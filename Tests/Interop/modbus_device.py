"""A real pymodbus (3.16) device for interop tests, served from a background thread.

`PymodbusDevice` runs one pymodbus `ModbusTcpServer` or `ModbusSerialServer` (RTU framing)
with a list of `SimDevice`s (one per unit id) on its own asyncio loop in a daemon thread.
The test thread can look into pymodbus' own datastore (`get`, `set`) and at the request
PDUs pymodbus decoded (`requests`), so writes are checked independently of our client.

`SocatPair` makes two linked pseudo-terminals with socat: a serial line without hardware.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import subprocess
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from pymodbus.constants import ExcCodes
from pymodbus.exceptions import NoSuchIdException
from pymodbus.server import ModbusSerialServer, ModbusTcpServer
from pymodbus.simulator import SimDevice
from pymodbus.simulator.simcore import SimCore

START_TIMEOUT = 10.0
STOP_TIMEOUT = 5.0

# Function code used to reach each table in pymodbus' datastore.
TABLE_FUNCTION_CODE = {"coil": 1, "discrete_input": 2, "holding": 3, "input": 4}


class _StrictSimCore(SimCore):
    """pymodbus' SimCore, but a unit id nobody serves raises NoSuchIdException.

    Plain SimCore 3.16.1 falls back to device id 0 and, when there is none, fails with a
    KeyError that the request handler turns into exception 4 (server device failure).
    Raising NoSuchIdException lets pymodbus' own `ignore_missing_devices` apply: on RTU the
    request is not answered (like an empty address on a real RS-485 line); on TCP pymodbus
    answers exception 11 (gateway target device failed to respond).
    """

    def _check(self, device_id: int) -> None:
        if device_id not in self.devices and 0 not in self.devices:
            raise NoSuchIdException(f"no device {device_id}")

    async def async_getValues(self, device_id, func_code, address, count=1):
        self._check(device_id)
        return await super().async_getValues(device_id, func_code, address, count)

    async def async_setValues(self, device_id, func_code, address, values):
        self._check(device_id)
        return await super().async_setValues(device_id, func_code, address, values)


@dataclass(frozen=True)
class Request:
    """One request PDU as pymodbus decoded it."""

    unit: int
    function_code: int
    address: int
    count: int
    registers: tuple = ()
    bits: tuple = ()


@dataclass
class PymodbusDevice:
    """pymodbus serving `devices` over TCP (`tcp_port`, 0 = any free port) or RTU (`serial_port`)."""

    devices: list[SimDevice]
    tcp_port: int | None = None
    serial_port: str | None = None
    host: str = "127.0.0.1"
    baudrate: int = 9600
    parity: str = "N"
    stopbits: int = 1
    #: For RTU: the other end of the line, which the client opens.
    client_port: str | None = None
    requests: list[Request] = field(default_factory=list)

    def __post_init__(self) -> None:
        if (self.tcp_port is None) == (self.serial_port is None):
            raise ValueError("give exactly one of tcp_port or serial_port")
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._server = None

    # ---- lifecycle ----

    def start(self) -> "PymodbusDevice":
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._run_loop, name="pymodbus-device", daemon=True)
        self._thread.start()
        try:
            self._call(self._start(), START_TIMEOUT)
        except BaseException:
            self._stop_loop()
            raise
        return self

    def stop(self) -> None:
        if self._loop is None:
            return
        try:
            if self._server is not None:
                self._call(self._shutdown(), STOP_TIMEOUT)
        finally:
            self._server = None
            self._stop_loop()

    def __enter__(self) -> "PymodbusDevice":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    @property
    def cli_args(self) -> list[str]:
        """Connection options for `stationctl modbus ...`."""
        if self.serial_port is not None:
            return ["--rtu", self.client_port or self.serial_port]
        return ["--tcp", f"{self.host}:{self.tcp_port}"]

    # ---- pymodbus' own view of the data ----

    def get(self, unit: int, table: str, address: int, count: int = 1) -> list:
        """Values in pymodbus' datastore (ints for registers, bools for bits)."""
        fc = TABLE_FUNCTION_CODE[table]
        result = self._call(self._server.context.async_getValues(unit, fc, address, count), STOP_TIMEOUT)
        if isinstance(result, ExcCodes):
            raise LookupError(f"pymodbus: {table} {address}+{count} on unit {unit}: {result!r}")
        return list(result)

    def set(self, unit: int, table: str, address: int, values: list) -> None:
        """Change pymodbus' datastore (for writable, non-readonly entries)."""
        fc = {"coil": 15, "holding": 16, "discrete_input": 2, "input": 4}[table]
        result = self._call(self._server.context.async_setValues(unit, fc, address, list(values)), STOP_TIMEOUT)
        if result is not None:
            raise LookupError(f"pymodbus: cannot set {table} {address} on unit {unit}: {result!r}")

    def requests_since(self, mark: int) -> list[Request]:
        return list(self.requests[mark:])

    # ---- internals ----

    def _run_loop(self) -> None:
        asyncio.set_event_loop(self._loop)
        self._loop.run_forever()

    def _call(self, coro, timeout: float):
        return asyncio.run_coroutine_threadsafe(coro, self._loop).result(timeout)

    def _trace_pdu(self, sending: bool, pdu):
        if not sending:
            self.requests.append(Request(
                unit=pdu.dev_id, function_code=pdu.function_code, address=pdu.address, count=pdu.count,
                registers=tuple(pdu.registers or ()), bits=tuple(pdu.bits or ())))
        return pdu

    async def _start(self) -> None:
        if self.serial_port is not None:
            server = ModbusSerialServer(
                self.devices, port=self.serial_port, baudrate=self.baudrate, parity=self.parity,
                stopbits=self.stopbits, bytesize=8, ignore_missing_devices=True, trace_pdu=self._trace_pdu)
        else:
            server = ModbusTcpServer(
                self.devices, address=(self.host, self.tcp_port), ignore_missing_devices=False,
                trace_pdu=self._trace_pdu)
        server.context = _StrictSimCore(self.devices)
        await server.serve_forever(background=True)
        if self.tcp_port is not None:
            self.tcp_port = server.transport.sockets[0].getsockname()[1]
        self._server = server

    async def _shutdown(self) -> None:
        await self._server.shutdown()
        await asyncio.sleep(0)
        current = asyncio.current_task()
        tasks = [t for t in asyncio.all_tasks() if t is not current]
        for task in tasks:
            task.cancel()
        await asyncio.wait_for(asyncio.gather(*tasks, return_exceptions=True), STOP_TIMEOUT)

    def _stop_loop(self) -> None:
        loop, thread = self._loop, self._thread
        self._loop = self._thread = None
        if loop is None:
            return
        loop.call_soon_threadsafe(loop.stop)
        if thread is not None:
            thread.join(STOP_TIMEOUT)
            if thread.is_alive():
                raise RuntimeError("pymodbus device thread did not stop")
        loop.close()


class SocatPair:
    """Two linked pseudo-terminals `a` and `b` (RTU without hardware), made by socat."""

    def __init__(self, directory: Path) -> None:
        self.directory = Path(directory)
        self.a = str(self.directory / "a")
        self.b = str(self.directory / "b")
        self._process: subprocess.Popen | None = None
        self._log = self.directory / "socat.log"

    def start(self, timeout: float = 5.0) -> "SocatPair":
        socat = shutil.which("socat")
        if socat is None:
            raise RuntimeError("socat is not installed (apt-get install socat)")
        self.directory.mkdir(parents=True, exist_ok=True)
        with open(self._log, "wb") as log:
            self._process = subprocess.Popen(
                [socat, "-d", "-d", f"pty,raw,echo=0,link={self.a}", f"pty,raw,echo=0,link={self.b}"],
                stdin=subprocess.DEVNULL, stdout=log, stderr=log)
        deadline = time.monotonic() + timeout
        while not (os.path.exists(self.a) and os.path.exists(self.b)):
            if self._process.poll() is not None:
                raise RuntimeError(f"socat exited with {self._process.returncode}: {self._log.read_text()}")
            if time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"socat links did not appear within {timeout} s: {self._log.read_text()}")
            time.sleep(0.02)
        return self

    def stop(self) -> None:
        process, self._process = self._process, None
        if process is None or process.poll() is not None:
            return
        process.terminate()
        try:
            process.wait(STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(STOP_TIMEOUT)

    def __enter__(self) -> "SocatPair":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
