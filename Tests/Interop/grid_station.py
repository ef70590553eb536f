"""A station of devices that is not stationd's simulator: pymodbus devices with simple physics.

Two EVSEs (the Phoenix EV-ETH register map) whose EVs follow a new limit or enable only after a delay, a
SunSpec battery inverter (models 1, 701, 704, 802) that follows its setpoint after a delay, and a SunSpec
meter (models 1, 203) on a bus of its own that updates its value at an interval, with a latency and
noise, and can go silent (its server stops) and return. A physics thread ticks every 100 ms on the wall
clock, reads what the master wrote from pymodbus' own datastore and records the true grid import.

Only the register maps (firmware-config/devices/*.yaml) are shared with stationd; the encoding here is
written from the SunSpec and Phoenix documents, not from our Swift code.
"""

from __future__ import annotations

import random
import threading
import time
from dataclasses import dataclass, field

from pymodbus.simulator import DataType, SimData, SimDevice

from modbus_device import PymodbusDevice

TICK = 0.1
VOLTAGE = 230.0
SUNSPEC_BASE = 40000


def u16(value: int) -> int:
    return int(value) & 0xFFFF


def i32_big(value: int) -> list[int]:
    value = int(value) & 0xFFFFFFFF
    return [value >> 16, value & 0xFFFF]


def i32_little(value: int) -> list[int]:
    value = int(value) & 0xFFFFFFFF
    return [value & 0xFFFF, value >> 16]


def signed32(high: int, low: int) -> int:
    value = (high << 16) | low
    return value - (1 << 32) if value & 0x80000000 else value


def sunspec_string(text: str, registers: int) -> list[int]:
    raw = text.encode().ljust(registers * 2, b"\0")
    return [raw[i] << 8 | raw[i + 1] for i in range(0, len(raw), 2)]


def common_model(model: str) -> list[int]:
    data = (sunspec_string("Interop", 16) + sunspec_string(model, 16) + sunspec_string("", 8)
            + sunspec_string("1.0", 8) + sunspec_string("IO-1", 16) + [1, 0x8000])
    assert len(data) == 66
    return data


class SunSpecLayout:
    """A chain of models from 40000; `address(model, offset)` is a point's register."""

    def __init__(self, models: list[tuple[int, int]]) -> None:
        self.starts: dict[int, int] = {}
        address = SUNSPEC_BASE + 2
        for model_id, length in models:
            self.starts[model_id] = address + 2
            address += 2 + length
        self.models = models
        self.end = address

    def address(self, model: int, offset: int) -> int:
        return self.starts[model] + offset

    def registers(self, data: dict[int, list[int]]) -> list[int]:
        regs = [0x5375, 0x6E53]
        for model_id, length in self.models:
            body = list(data.get(model_id, [0] * length))
            assert len(body) == length
            regs += [model_id, length] + body
        return regs + [0xFFFF, 0]


BATTERY = SunSpecLayout([(1, 66), (701, 153), (704, 65), (802, 62)])
METER = SunSpecLayout([(1, 66), (203, 105)])


@dataclass
class Timing:
    """How slow the devices are, in seconds."""

    ev_delay: float
    battery_delay: float
    meter_interval: float
    meter_latency: float = 0.2
    meter_noise_w: float = 50.0

    def __str__(self) -> str:
        return (f"EV {self.ev_delay} s, battery {self.battery_delay} s, meter every {self.meter_interval} s "
                f"+ {self.meter_latency} s")


@dataclass
class Command:
    at: float
    value: tuple


@dataclass
class Followed:
    """A device's commands over time; the device follows each one `delay` after it was written."""

    delay: float
    history: list[Command] = field(default_factory=list)

    def record(self, at: float, value: tuple) -> None:
        if not self.history or self.history[-1].value != value:
            self.history.append(Command(at, value))

    def followed(self, at: float, default: tuple) -> tuple:
        value = default
        for command in self.history:
            if command.at + self.delay <= at:
                value = command.value
            else:
                break
        return value


class GridStation:
    """The devices, their physics thread and the true import series."""

    def __init__(self, timing: Timing, base_load_w: float = 6000.0, seed: int = 1) -> None:
        self.timing = timing
        self.base_load_w = base_load_w
        self.rng = random.Random(seed)
        self.cars = {1: False, 2: False}
        self.evs = {1: Followed(timing.ev_delay), 2: Followed(timing.ev_delay)}
        self.battery = Followed(timing.battery_delay)
        self.soc = 60.0
        self.energy_wh = {1: 0.0, 2: 0.0}
        self.series: list[tuple[float, float]] = []
        self.meter_silent = False
        self.meter_value = 0.0
        self._next_meter = 0.0
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.t0 = time.monotonic()
        self.devices = PymodbusDevice(self._device_units(), tcp_port=0).start()
        self.meter = PymodbusDevice(self._meter_units(), tcp_port=0).start()
        self.meter_port = self.meter.tcp_port

    # ---- registers ----

    def _device_units(self) -> list[SimDevice]:
        units = []
        for unit in (1, 2):
            coils = [SimData(400, values=[False] * 8, datatype=DataType.BITS)]
            holding = [SimData(500, count=500, values=0, datatype=DataType.REGISTERS)]
            inputs = [SimData(100, count=30, values=0, datatype=DataType.REGISTERS)]
            inputs[0] = SimData(100, values=[65] + [0] * 29, datatype=DataType.REGISTERS)
            discrete = [SimData(0, values=[False] * 16, datatype=DataType.BITS)]
            units.append(SimDevice(id=unit, simdata=(coils, discrete, holding, inputs)))
        b802 = [0] * 62
        b802[1], b802[2], b802[3] = 30000, 10000, 10000
        b802[9] = 600
        b802[20] = 3
        b802[51], b802[52], b802[54] = 0, 0, u16(-1)
        b701 = [0] * 153
        b701[2] = 7
        battery = BATTERY.registers({1: common_model("battery"), 701: b701, 802: b802})
        holding = [SimData(SUNSPEC_BASE, values=battery, datatype=DataType.REGISTERS)]
        units.append(SimDevice(id=3, simdata=(*self._unused(), holding, self._unused_inputs())))
        return units

    def _meter_units(self) -> list[SimDevice]:
        m203 = [0] * 105
        m203[5] = m203[6] = m203[7] = m203[8] = 2300
        m203[13] = u16(-1)
        m203[14], m203[15] = 5000, u16(-2)
        m203[16] = u16(round(self.meter_value / 10))
        m203[20] = 1
        meter = METER.registers({1: common_model("meter"), 203: m203})
        holding = [SimData(SUNSPEC_BASE, values=meter, datatype=DataType.REGISTERS)]
        return [SimDevice(id=4, simdata=(*self._unused(), holding, self._unused_inputs()))]

    @staticmethod
    def _unused() -> tuple[list[SimData], list[SimData]]:
        """Coils and discrete inputs of a device that has none (pymodbus wants every table)."""
        return ([SimData(0, values=[False] * 16, datatype=DataType.BITS)],
                [SimData(0, values=[False] * 16, datatype=DataType.BITS)])

    @staticmethod
    def _unused_inputs() -> list[SimData]:
        return [SimData(0, values=[0], datatype=DataType.REGISTERS)]

    # ---- events ----

    def now(self) -> float:
        return time.monotonic() - self.t0

    def car_arrives(self, socket: int) -> None:
        with self._lock:
            self.cars[socket] = True

    def meter_goes_silent(self) -> None:
        with self._lock:
            self.meter_silent = True
        self.meter.stop()

    def meter_returns(self) -> None:
        self.meter = PymodbusDevice(self._meter_units(), tcp_port=self.meter_port).start()
        with self._lock:
            self.meter_silent = False

    def battery_controlled(self) -> bool:
        enable = self.devices.get(3, "holding", BATTERY.address(704, 20), 2)
        return enable == [1, 1]

    # ---- physics ----

    def start(self) -> "GridStation":
        self._thread = threading.Thread(target=self._run, name="grid-station", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(5)
        for device in (self.devices, self.meter):
            try:
                device.stop()
            except Exception:  # noqa: BLE001 - already stopped during an outage
                pass

    def _run(self) -> None:
        next_tick = time.monotonic()
        while not self._stop.is_set():
            try:
                self._tick()
            except Exception as error:  # noqa: BLE001 - a tick that races a server restart is skipped
                print(f"grid station tick skipped: {error!r}")
            next_tick += TICK
            self._stop.wait(max(0.0, next_tick - time.monotonic()))

    def _ev_power(self, socket: int, t: float) -> float:
        if not self.cars[socket]:
            return 0.0
        enabled, limit = self.evs[socket].followed(t, (False, 0))
        if not enabled or limit < 6:
            return 0.0
        return min(limit, 32) * 3 * VOLTAGE

    def _battery_power(self, t: float) -> float:
        enabled, setpoint = self.battery.followed(t, (False, 0))
        if not enabled:
            return 0.0
        return max(-10000.0, min(10000.0, float(setpoint)))

    def import_at(self, t: float) -> float:
        return self.base_load_w + self._ev_power(1, t) + self._ev_power(2, t) - self._battery_power(t)

    def _tick(self) -> None:
        t = self.now()
        for socket in (1, 2):
            enabled = bool(self.devices.get(socket, "coil", 400, 1)[0])
            limit = self.devices.get(socket, "holding", 528, 1)[0]
            self.evs[socket].record(t, (enabled, limit))
        control = self.devices.get(3, "holding", BATTERY.address(704, 20), 4)
        self.battery.record(t, (control[0] == 1 and control[1] == 1, signed32(control[2], control[3])))
        with self._lock:
            power = {socket: self._ev_power(socket, t) for socket in (1, 2)}
            battery = self._battery_power(t)
            grid = self.base_load_w + power[1] + power[2] - battery
            self.series.append((t, grid))
            silent = self.meter_silent
        for socket in (1, 2):
            self.energy_wh[socket] += power[socket] * TICK / 3600
            pilot = 65 if not self.cars[socket] else (67 if power[socket] > 0 else 66)
            measured = power[socket] + (self.rng.uniform(-20, 20) if power[socket] > 0 else 0)
            self.devices.set(socket, "input", 100, [pilot])
            self.devices.set(socket, "input", 120, i32_little(round(measured)))
            self.devices.set(socket, "holding", 904, i32_little(round(self.energy_wh[socket])))
        self.soc = max(0.0, min(100.0, self.soc - battery * TICK / 3600 / 30000 * 100))
        self.devices.set(3, "holding", BATTERY.address(701, 8), [u16(round(battery))])
        self.devices.set(3, "holding", BATTERY.address(701, 2), [3 if battery else 7])
        self.devices.set(3, "holding", BATTERY.address(802, 9), [round(self.soc * 10)])
        if t >= self._next_meter:
            self._next_meter = t + self.timing.meter_interval
            shown = self.import_at(t - self.timing.meter_latency) + self.rng.uniform(
                -self.timing.meter_noise_w, self.timing.meter_noise_w)
            self.meter_value = shown
            if not silent:
                watts = u16(round(shown / 10))
                self.meter.set(4, "holding", METER.address(203, 16), [watts])
                phase = u16(round(shown / 30))
                self.meter.set(4, "holding", METER.address(203, 17), [phase, phase, phase])
