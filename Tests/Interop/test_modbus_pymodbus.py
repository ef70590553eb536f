"""Independent-peer interop: our Modbus client (driven through `stationctl modbus`) against pymodbus 3.16.1.

pymodbus places the values (its own SimData types and encoder) and checks what arrives; expected
registers are computed here with `struct`, independent of our RegisterCodec. Every test runs over
Modbus TCP (127.0.0.1, free port) and over Modbus RTU (socat PTY pair), unless it names one.
"""

from __future__ import annotations

import struct
import time

import pytest
from pymodbus.simulator import DataType, SimData, SimDevice

from modbus_device import PymodbusDevice, SocatPair

# ---------------------------------------------------------------------------------------------
# Expected encodings, computed with struct (bytes in a register big-endian; "big" = high word first)
# ---------------------------------------------------------------------------------------------

STRUCT_FORMAT = {"u16": "H", "i16": "h", "u32": "I", "i32": "i", "f32": "f"}
THIRTY_TWO_BIT = {"u32", "i32", "f32"}
TYPES = ["u16", "i16", "u32", "i32", "f32", "string"]
ORDERS = ["big", "little"]
PYMODBUS_TYPE = {"u16": DataType.UINT16, "i16": DataType.INT16, "u32": DataType.UINT32,
                 "i32": DataType.INT32, "f32": DataType.FLOAT32, "string": DataType.STRING}
FUNCTION_CODE = {"coil": 1, "discrete_input": 2, "holding": 3, "input": 4}


def words(data: bytes) -> list[int]:
    assert len(data) % 2 == 0
    return [int.from_bytes(data[i:i + 2], "big") for i in range(0, len(data), 2)]


def string_register_count(text: str) -> int:
    return (len(text.encode()) + 1) // 2


def expected_registers(type_: str, value, order: str, length: int | None = None) -> list[int]:
    if type_ == "string":
        data = value.encode()
        length = length or string_register_count(value)
        data = data.ljust(length * 2, b"\0")
    else:
        data = struct.pack(">" + STRUCT_FORMAT[type_], value)
    regs = words(data)
    if order == "little" and type_ in THIRTY_TWO_BIT:
        regs = [regs[1], regs[0]]
    return regs


def expected_value(type_: str, value):
    """The value as it is on the wire (f32 rounded to single precision)."""
    if type_ == "f32":
        return struct.unpack(">f", struct.pack(">f", value))[0]
    return value


def register_count(type_: str, value=None) -> int:
    if type_ == "string":
        return string_register_count(value)
    return 2 if type_ in THIRTY_TWO_BIT else 1


def bits(word: int, n: int = 32) -> list[bool]:
    return [bool(word >> i & 1) for i in range(n)]


# ---------------------------------------------------------------------------------------------
# The layout pymodbus serves
# ---------------------------------------------------------------------------------------------

SENTINEL = 0xA5A5
IDENT = {1: [1, 0x1111, 0x0001, 0x0000], 2: [2, 0x2222, 0x0002, 0x0000]}
INPUT_IDENT = {1: [0x4901, 0x4902, 0x4903, 0x4904], 2: [0x4A01, 0x4A02, 0x4A03, 0x4A04]}
COILS = {1: bits(0xA5C31E69), 2: bits(0x5A3CE196)}
DISCRETE_INPUTS = {1: bits(0x3C96F00D), 2: bits(0xC3690FF2)}
COIL_WRITE_AREA = 64          # coils 64..127 start False
HOLDING_WRITE_AREA = 1000     # holding 1000..1199 start SENTINEL
READ_ONLY_REGISTER = 1300     # holding, pymodbus readonly=True
UNDEFINED_ADDRESS = 9000      # nothing there in any table

# Typed points: (holding value, input value); big word order placed with pymodbus' own types,
# little word order placed as raw registers computed with struct.
POINT_VALUES = {
    "u16": (51234, 7),
    "i16": (-12345, -1),
    "u32": (3_000_000_000, 65536),
    "i32": (-123_456_789, 2_147_483_647),
    "f32": (3.14159, -0.15625),
    "string": ("Stationmaster EVSE-22", "pymodbus 3.16"),
}


def point_address(type_: str, order: str) -> int:
    return 100 + 32 * TYPES.index(type_) + (0 if order == "big" else 16)


U32_LITTLE_LIST_ADDRESS, U32_LIST = 400, [1, 65536, 4_294_967_295, 0x12345678]
F32_LIST_ADDRESS, F32_LIST = 420, [1.5, -2.25, 1e-3]
I16_INPUT_LIST_ADDRESS, I16_LIST = 440, [-3, -2, -1, 0, 1, 32767]


def sunspec_string(text: str, registers: int) -> list[int]:
    return words(text.encode().ljust(registers * 2, b"\0"))


def sunspec_chain(models: list[tuple[int, list[int]]]) -> list[int]:
    regs = [0x5375, 0x6E53]  # "SunS"
    for model_id, data in models:
        regs += [model_id, len(data)] + data
    return regs + [0xFFFF, 0]


COMMON_MODEL = (sunspec_string("Stationmaster", 16) + sunspec_string("EVSE-22", 16) + sunspec_string("", 8)
                + sunspec_string("1.0.0", 8) + sunspec_string("SM-0001", 16) + [1, 0x8000])
assert len(COMMON_MODEL) == 66
SUNSPEC = {
    1: (40000, [(1, COMMON_MODEL), (203, [i % 7 for i in range(105)])]),
    2: (50000, [(1, COMMON_MODEL), (701, [0] * 153)]),
}


def typed_simdata(type_: str, order: str, value, address: int) -> SimData:
    if order == "big":
        return SimData(address, values=value, datatype=PYMODBUS_TYPE[type_])
    return SimData(address, values=expected_registers(type_, value, order), datatype=DataType.REGISTERS)


def build_devices() -> list[SimDevice]:
    """Unit 1 (everything) and unit 2 (own identity, bits and a SunSpec chain at 50000)."""
    devices = []
    for unit in (1, 2):
        coils = [SimData(0, values=COILS[unit], datatype=DataType.BITS),
                 SimData(COIL_WRITE_AREA, values=[False] * 64, datatype=DataType.BITS)]
        discrete = [SimData(0, values=DISCRETE_INPUTS[unit], datatype=DataType.BITS)]
        holding = [SimData(0, values=IDENT[unit], datatype=DataType.REGISTERS),
                   SimData(HOLDING_WRITE_AREA, count=200, values=SENTINEL, datatype=DataType.REGISTERS)]
        inputs = [SimData(0, values=INPUT_IDENT[unit], datatype=DataType.REGISTERS)]
        base, models = SUNSPEC[unit]
        holding.append(SimData(base, values=sunspec_chain(models), datatype=DataType.REGISTERS))
        if unit == 1:
            for type_ in TYPES:
                holding_value, input_value = POINT_VALUES[type_]
                for order in ORDERS:
                    holding.append(typed_simdata(type_, order, holding_value, point_address(type_, order)))
                    inputs.append(typed_simdata(type_, order, input_value, point_address(type_, order)))
            string_end = point_address("string", "big") + string_register_count(POINT_VALUES["string"][0])
            holding += [
                SimData(string_end, count=point_address("string", "little") - string_end, values=0,
                        datatype=DataType.REGISTERS),
                SimData(U32_LITTLE_LIST_ADDRESS, datatype=DataType.REGISTERS,
                        values=[w for v in U32_LIST for w in expected_registers("u32", v, "little")]),
                SimData(F32_LIST_ADDRESS, values=F32_LIST, datatype=DataType.FLOAT32),
                SimData(READ_ONLY_REGISTER, values=0x0BAD, datatype=DataType.REGISTERS, readonly=True),
            ]
            inputs.append(SimData(I16_INPUT_LIST_ADDRESS, values=I16_LIST, datatype=DataType.INT16))
        devices.append(SimDevice(id=unit, simdata=(coils, discrete, holding, inputs)))
    return devices


# ---------------------------------------------------------------------------------------------
# Fixtures
# ---------------------------------------------------------------------------------------------

@pytest.fixture(scope="module", params=["tcp", "rtu"])
def peer(request, tmp_path_factory):
    """pymodbus serving units 1 and 2, over TCP or over RTU on a socat PTY pair."""
    if request.param == "tcp":
        with PymodbusDevice(build_devices(), tcp_port=0) as device:
            device.transport = "tcp"
            yield device
    else:
        with SocatPair(tmp_path_factory.mktemp("rtu")) as line:
            with PymodbusDevice(build_devices(), serial_port=line.a, client_port=line.b) as device:
                device.transport = "rtu"
                yield device


@pytest.fixture
def modbus(peer, stationctl):
    """Runs `stationctl modbus SUBCOMMAND <peer connection> ARGS...`."""

    def run(subcommand: str, *args, unit: int = 1, timeout_ms: int = 1000):
        return stationctl(subcommand, *peer.cli_args, "--unit", unit, "--timeout-ms", timeout_ms, *args)

    return run


def assert_failed(result, *fragments: str, status: int = 1) -> None:
    assert result.returncode == status, str(result)
    assert result.stderr.startswith("Error: "), str(result)
    for fragment in fragments:
        assert fragment in result.stderr, str(result)


# ---------------------------------------------------------------------------------------------
# Reads: FC1, FC2, FC3, FC4
# ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("table", ["coil", "discrete_input"])
@pytest.mark.parametrize("address,count", [(0, 32), (5, 11), (31, 1)])
def test_read_bits_fc1_fc2(peer, modbus, table, address, count):
    pattern = (COILS if table == "coil" else DISCRETE_INPUTS)[1]
    mark = len(peer.requests)
    report = modbus("read", "--json", "--table", table, "--address", address, "--count", count).json()

    assert report["table"] == table and report["unit"] == 1
    assert [v["address"] for v in report["values"]] == list(range(address, address + count))
    assert [v["value"] for v in report["values"]] == pattern[address:address + count]
    assert [v["raw"] for v in report["values"]] == [[int(b)] for b in pattern[address:address + count]]
    seen = peer.requests_since(mark)
    assert [(r.unit, r.function_code, r.address, r.count) for r in seen] == \
        [(1, FUNCTION_CODE[table], address, count)]


@pytest.mark.parametrize("table", ["holding", "input"])
def test_read_registers_fc3_fc4(peer, modbus, table):
    expected = (IDENT if table == "holding" else INPUT_IDENT)[1]
    mark = len(peer.requests)
    report = modbus("read", "--json", "--table", table, "--address", 0, "--count", 4).json()

    assert report["type"] == "u16"
    assert [v["raw"] for v in report["values"]] == [[w] for w in expected]
    assert [v["value"] for v in report["values"]] == expected
    seen = peer.requests_since(mark)
    assert [(r.unit, r.function_code, r.address, r.count) for r in seen] == [(1, FUNCTION_CODE[table], 0, 4)]


def test_read_table_output(modbus):
    result = modbus("read", "--address", point_address("u16", "big"))
    assert result.returncode == 0, str(result)
    assert "0xC822" in result.stdout and "51234" in result.stdout


# ---------------------------------------------------------------------------------------------
# Types and word orders, placed by pymodbus
# ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("order", ORDERS)
@pytest.mark.parametrize("type_", TYPES)
@pytest.mark.parametrize("table", ["holding", "input"])
def test_read_typed_value(peer, modbus, table, type_, order):
    value = POINT_VALUES[type_][0 if table == "holding" else 1]
    address = point_address(type_, order)
    regs = expected_registers(type_, value, order)
    # pymodbus placed what struct says (guards the test's own expectation).
    assert peer.get(1, table, address, len(regs)) == regs

    args = ["read", "--json", "--table", table, "--address", address, "--type", type_, "--word-order", order]
    if type_ == "string":
        args += ["--length", len(regs)]
    report = modbus(*args).json()

    assert report["type"] == type_ and report["word_order"] == order and report["table"] == table
    [entry] = report["values"]
    assert entry["address"] == address
    assert entry["raw"] == regs
    assert entry["value"] == expected_value(type_, value)


def test_read_string_longer_than_text_stops_at_nul(peer, modbus):
    """An 11-register string read as 16 registers: the NUL padding and the next (zero) registers end it."""
    text = POINT_VALUES["string"][0]
    address = point_address("string", "big")
    report = modbus("read", "--json", "--address", address, "--type", "string", "--length", 16).json()
    [entry] = report["values"]
    assert entry["raw"] == peer.get(1, "holding", address, 16)
    assert entry["value"] == text


def test_read_many_u32_little(modbus):
    report = modbus("read", "--json", "--address", U32_LITTLE_LIST_ADDRESS, "--type", "u32",
                    "--word-order", "little", "--count", len(U32_LIST)).json()
    assert [v["value"] for v in report["values"]] == U32_LIST
    assert [v["address"] for v in report["values"]] == [U32_LITTLE_LIST_ADDRESS + 2 * i for i in range(len(U32_LIST))]
    assert [v["raw"] for v in report["values"]] == [expected_registers("u32", v, "little") for v in U32_LIST]


def test_read_many_f32_big(modbus):
    report = modbus("read", "--json", "--address", F32_LIST_ADDRESS, "--type", "f32", "--count", len(F32_LIST)).json()
    assert [v["value"] for v in report["values"]] == [expected_value("f32", v) for v in F32_LIST]
    assert [v["raw"] for v in report["values"]] == [expected_registers("f32", v, "big") for v in F32_LIST]


def test_read_many_i16_input_scaled(modbus):
    report = modbus("read", "--json", "--table", "input", "--address", I16_INPUT_LIST_ADDRESS, "--type", "i16",
                    "--count", len(I16_LIST), "--scale", "0.5").json()
    assert [v["value"] for v in report["values"]] == I16_LIST
    assert [v["scaled"] for v in report["values"]] == [v * 0.5 for v in I16_LIST]


# ---------------------------------------------------------------------------------------------
# Writes: FC5, FC6, FC15, FC16, checked in pymodbus' datastore
# ---------------------------------------------------------------------------------------------

def test_write_single_coil_fc5(peer, modbus):
    address = COIL_WRITE_AREA
    for value, expected in (("true", True), ("off", False), ("1", True)):
        mark = len(peer.requests)
        report = modbus("write", "--json", "--table", "coil", "--address", address, value).json()
        assert report["written"] is True and report["table"] == "coil" and report["address"] == address
        assert [(r.unit, r.function_code, r.address) for r in peer.requests_since(mark)] == [(1, 5, address)]
        assert peer.get(1, "coil", address - 1, 3) == [False, expected, False]


def test_write_multiple_coils_fc15(peer, modbus):
    address = COIL_WRITE_AREA + 6           # crosses a byte and a 16-bit boundary
    pattern = [True, False, True, True, False, False, True, False, True, True, True]
    mark = len(peer.requests)
    modbus("write", "--json", "--table", "coil", "--address", address, *("1" if b else "0" for b in pattern)).json()

    seen = peer.requests_since(mark)
    assert [(r.unit, r.function_code, r.address) for r in seen] == [(1, 15, address)]
    assert peer.get(1, "coil", address, len(pattern)) == pattern
    assert peer.get(1, "coil", address - 1, 1) == [False]
    assert peer.get(1, "coil", address + len(pattern), 1) == [False]
    # and our client reads back the same bits (FC1)
    report = modbus("read", "--json", "--table", "coil", "--address", address, "--count", len(pattern)).json()
    assert [v["value"] for v in report["values"]] == pattern


WRITE_VALUES = {"u16": 40000, "i16": -2, "u32": 4_000_000_000, "i32": -2, "f32": 0.1, "string": "EVSE-07"}
WRITE_STRING_LENGTH = 6


def write_slot(type_: str, order: str) -> int:
    return HOLDING_WRITE_AREA + 8 * (2 * TYPES.index(type_) + ORDERS.index(order))


@pytest.mark.parametrize("order", ORDERS)
@pytest.mark.parametrize("type_", TYPES)
def test_write_typed_value_fc6_fc16(peer, modbus, type_, order):
    value = WRITE_VALUES[type_]
    address = write_slot(type_, order)
    length = WRITE_STRING_LENGTH if type_ == "string" else None
    regs = expected_registers(type_, value, order, length)
    args = ["--address", address, "--type", type_, "--word-order", order]
    if length:
        args += ["--length", length]

    mark = len(peer.requests)
    # "--" ends the options, so that negative numbers are taken as values.
    report = modbus("write", "--json", *args, "--", str(value)).json()
    assert report["written"] is True and report["raw"] == regs

    # pymodbus saw the right function code and stored exactly these registers, nothing more.
    function_code = 6 if len(regs) == 1 else 16
    seen = peer.requests_since(mark)
    assert [(r.unit, r.function_code, r.address) for r in seen] == [(1, function_code, address)]
    assert list(seen[0].registers) == regs
    assert peer.get(1, "holding", address, len(regs) + 1) == regs + [SENTINEL]

    # and reads back through our client.
    [entry] = modbus("read", "--json", *args).json()["values"]
    assert entry["raw"] == regs and entry["value"] == expected_value(type_, value)


def test_write_negative_value_without_separator(peer, modbus):
    address = HOLDING_WRITE_AREA + 110
    result = modbus("write", "--json", "--address", address, "--type", "i16", "-5")
    assert result.returncode == 0, str(result)
    assert peer.get(1, "holding", address) == expected_registers("i16", -5, "big")


def test_write_multiple_registers_fc16(peer, modbus):
    address = HOLDING_WRITE_AREA + 120
    values = [1, 2, 3, 65535]
    mark = len(peer.requests)
    modbus("write", "--json", "--address", address, *map(str, values)).json()
    seen = peer.requests_since(mark)
    assert [(r.function_code, r.address, list(r.registers)) for r in seen] == [(16, address, values)]
    assert peer.get(1, "holding", address, 5) == values + [SENTINEL]


def test_write_several_i32_little_fc16(peer, modbus):
    address = HOLDING_WRITE_AREA + 130
    values = [-1, 70000, -2_147_483_648]
    regs = [w for v in values for w in expected_registers("i32", v, "little")]
    mark = len(peer.requests)
    modbus("write", "--json", "--address", address, "--type", "i32", "--word-order", "little",
           "--", *map(str, values)).json()
    assert [(r.function_code, r.address) for r in peer.requests_since(mark)] == [(16, address)]
    assert peer.get(1, "holding", address, len(regs) + 1) == regs + [SENTINEL]


# ---------------------------------------------------------------------------------------------
# Exception responses from pymodbus
# ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("table", ["coil", "discrete_input", "holding", "input"])
def test_read_undefined_address_is_illegal_data_address(peer, modbus, table):
    mark = len(peer.requests)
    result = modbus("read", "--table", table, "--address", UNDEFINED_ADDRESS)
    assert_failed(result, "exception 2", "illegal data address", str(UNDEFINED_ADDRESS))
    assert [(r.function_code, r.address) for r in peer.requests_since(mark)] == \
        [(FUNCTION_CODE[table], UNDEFINED_ADDRESS)]


def test_read_running_past_defined_registers_is_illegal_data_address(modbus):
    end = HOLDING_WRITE_AREA + 200   # first register after the write area
    assert_failed(modbus("read", "--address", end - 2, "--count", 4), "illegal data address")


@pytest.mark.parametrize("table,address,value", [
    ("coil", UNDEFINED_ADDRESS, "1"),
    ("holding", UNDEFINED_ADDRESS, "1"),
    ("holding", READ_ONLY_REGISTER, "7"),
])
def test_write_refused_is_illegal_data_address(peer, modbus, table, address, value):
    result = modbus("write", "--table", table, "--address", address, value)
    assert_failed(result, "illegal data address")
    if address == READ_ONLY_REGISTER:
        assert peer.get(1, "holding", READ_ONLY_REGISTER) == [0x0BAD]


def test_write_to_read_only_table_is_usage_error(peer, modbus):
    mark = len(peer.requests)
    result = modbus("write", "--table", "input", "--address", 0, "5")
    assert result.returncode == 64, str(result)
    assert peer.requests_since(mark) == []


# ---------------------------------------------------------------------------------------------
# Several unit ids on one line
# ---------------------------------------------------------------------------------------------

def test_units_each_get_their_own_values(peer, modbus):
    for unit in (1, 2, 1, 2):
        regs = modbus("read", "--json", "--address", 0, "--count", 4, unit=unit).json()
        assert regs["unit"] == unit
        assert [v["value"] for v in regs["values"]] == IDENT[unit]
        coils = modbus("read", "--json", "--table", "coil", "--address", 0, "--count", 32, unit=unit).json()
        assert [v["value"] for v in coils["values"]] == COILS[unit]
        inputs = modbus("read", "--json", "--table", "input", "--address", 0, "--count", 4, unit=unit).json()
        assert [v["value"] for v in inputs["values"]] == INPUT_IDENT[unit]


def test_write_reaches_only_the_addressed_unit(peer, modbus):
    address = HOLDING_WRITE_AREA + 190
    modbus("write", "--json", "--address", address, "4321", unit=2).json()
    assert peer.get(2, "holding", address) == [4321]
    assert peer.get(1, "holding", address) == [SENTINEL]


@pytest.mark.parametrize("peer", ["rtu"], indirect=True)
def test_rtu_unit_nobody_serves_times_out_and_line_recovers(peer, modbus):
    mark = len(peer.requests)
    result = modbus("read", "--address", 0, unit=3, timeout_ms=300)
    assert_failed(result, "timeout", "unit 3")
    assert result.elapsed < 15.0, str(result)  # bounded, not hung (a process start on a busy machine included)
    # The request was on the line; nobody answered it.
    assert [(r.unit, r.function_code) for r in peer.requests_since(mark)] == [(3, 3)]

    report = modbus("read", "--json", "--address", 0, "--count", 4, unit=2).json()
    assert [v["value"] for v in report["values"]] == IDENT[2]
    report = modbus("read", "--json", "--address", 0, "--count", 4, unit=1).json()
    assert [v["value"] for v in report["values"]] == IDENT[1]


@pytest.mark.parametrize("peer", ["tcp"], indirect=True)
def test_tcp_unit_nobody_serves_is_gateway_exception(peer, modbus):
    """Over TCP pymodbus acts as a gateway: a unit it does not serve gets exception 11."""
    result = modbus("read", "--address", 0, unit=3, timeout_ms=300)
    assert_failed(result, "exception 11", "gateway target device failed to respond")
    report = modbus("read", "--json", "--address", 0, "--count", 4, unit=2).json()
    assert [v["value"] for v in report["values"]] == IDENT[2]


# ---------------------------------------------------------------------------------------------
# SunSpec discovery
# ---------------------------------------------------------------------------------------------

def expected_models(unit: int) -> list[dict]:
    base, models = SUNSPEC[unit]
    names = {1: "common", 203: "meter (three phase wye)", 701: "DER AC measurement"}
    result, header = [], base + 2
    for model_id, data in models:
        result.append({"id": model_id, "name": names[model_id], "address": header + 2, "length": len(data)})
        header += 2 + len(data)
    return result


def test_sunspec_chain_at_40000(modbus):
    report = modbus("sunspec", "--json").json()
    assert report["base"] == 40000 and report["unit"] == 1
    assert report["models"] == expected_models(1)
    assert [(m["id"], m["address"], m["length"]) for m in report["models"]] == [(1, 40004, 66), (203, 40072, 105)]
    # The common model's manufacturer string at its data address.
    [entry] = modbus("read", "--json", "--address", 40004, "--type", "string", "--length", 16).json()["values"]
    assert entry["value"] == "Stationmaster"


def test_sunspec_explicit_base(modbus):
    report = modbus("sunspec", "--json", "--base", 40000).json()
    assert report["models"] == expected_models(1)


def test_sunspec_found_at_later_default_base(modbus):
    """Unit 2: 40000 is undefined (exception), 0 holds other data, the chain starts at 50000."""
    report = modbus("sunspec", "--json", unit=2).json()
    assert report["base"] == 50000
    assert report["models"] == expected_models(2)
    assert [(m["id"], m["address"], m["length"]) for m in report["models"]] == [(1, 50004, 66), (701, 50072, 153)]


def test_sunspec_without_marker_fails(modbus):
    assert_failed(modbus("sunspec", "--json", "--base", 0), "SunS")


# ---------------------------------------------------------------------------------------------
# Peers that go away
# ---------------------------------------------------------------------------------------------

def test_tcp_peer_stopped_is_connection_refused_then_restart_works(stationctl):
    first = PymodbusDevice(build_devices(), tcp_port=0).start()
    port = first.tcp_port
    try:
        args = ["--tcp", f"127.0.0.1:{port}", "--timeout-ms", "1000", "--json", "--address", "0", "--count", "4"]
        assert [v["value"] for v in stationctl("read", *args).json()["values"]] == IDENT[1]
    finally:
        first.stop()

    refused = stationctl("read", *args)
    assert_failed(refused, "connection refused", f"127.0.0.1:{port}")

    devices = build_devices()
    devices[0] = SimDevice(id=1, simdata=[SimData(0, values=[7, 8, 9, 10], datatype=DataType.REGISTERS)])
    with PymodbusDevice(devices, tcp_port=port) as second:
        assert second.tcp_port == port
        assert [v["value"] for v in stationctl("read", *args).json()["values"]] == [7, 8, 9, 10]

    assert_failed(stationctl("read", *args), "connection refused")


def test_rtu_serial_device_missing_fails_clearly(stationctl, tmp_path):
    result = stationctl("read", "--rtu", str(tmp_path / "no-such-tty"), "--timeout-ms", "300", "--address", "0")
    assert_failed(result, "No such file or directory")
    assert result.elapsed < 15.0  # fails fast rather than hanging


def test_rtu_line_settings_19200_two_stop_bits(stationctl, tmp_path):
    """A PTY ignores the baud rate and refuses parity (pyserial: EINVAL), so only the accepted settings are
    checked here: the options reach the line and the device still answers."""
    with SocatPair(tmp_path / "line") as line, \
            PymodbusDevice(build_devices(), serial_port=line.a, client_port=line.b,
                           baudrate=19200, stopbits=2) as device:
        report = stationctl("read", *device.cli_args, "--baud", "19200", "--parity", "none", "--data-bits", "8",
                            "--stop-bits", "2", "--unit", "2", "--json", "--address", "0", "--count", "4").json()
        assert report["endpoint"].endswith("19200/8N2")
        assert [v["value"] for v in report["values"]] == IDENT[2]
