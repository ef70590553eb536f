public import Modbus

/// One named value of a device: where it lives, how it is encoded and how to scale it.
public struct PointDefinition: Sendable, Equatable {
    public var name: String
    public var table: ModbusTable
    public var location: PointLocation
    /// The value type; strings carry their register count.
    public var type: ModbusValueType
    /// Word order of 32-bit values (the profile's default unless the point overrides it).
    public var wordOrder: WordOrder
    public var scaling: PointScaling
    public var unit: PointUnit
    public var access: PointAccess
    /// Names for raw values, e.g. 65 -> "A" for a control pilot state; empty when the point has none.
    public var enumeration: [Int: String]

    public init(
        name: String, table: ModbusTable, location: PointLocation, type: ModbusValueType,
        wordOrder: WordOrder = .highFirst, scaling: PointScaling = .none, unit: PointUnit = .none,
        access: PointAccess = .read, enumeration: [Int: String] = [:]
    ) {
        self.name = name
        self.table = table
        self.location = location
        self.type = type
        self.wordOrder = wordOrder
        self.scaling = scaling
        self.unit = unit
        self.access = access
        self.enumeration = enumeration
    }

    /// Registers (or bits) the point occupies.
    public var registerCount: Int { type.registerCount }
}

/// Where a point lives on the device.
public enum PointLocation: Sendable, Hashable {
    /// An absolute, 0-based protocol address in the point's table.
    case address(Int)
    /// A SunSpec point: `offset` registers after the ID and L registers of the first instance of `model`.
    ///
    /// The absolute address is `headerAddress(model) + 2 + offset`, where the header address is found by
    /// walking the model chain from the SunSpec base (after "SunS").
    case sunSpec(model: Int, offset: Int)
}

/// How a raw register value becomes a value in the point's unit.
public enum PointScaling: Sendable, Hashable {
    /// The raw value is the value.
    case none
    /// value = raw × multiplier.
    case multiplier(Double)
    /// value = raw × 10^sf, where sf is read from the named point (a SunSpec `sunssf` register).
    case scaleFactor(point: String)

    /// The value in the point's unit from a raw number; `exponent` is the scale factor's value when one applies.
    public func value(fromRaw raw: Double, exponent: Int? = nil) -> Double {
        switch self {
        case .none: return raw
        case .multiplier(let multiplier): return raw * multiplier
        case .scaleFactor: return raw * pow10(exponent ?? 0)
        }
    }

    /// The raw number to write for a value in the point's unit (rounding is left to the caller).
    public func raw(fromValue value: Double, exponent: Int? = nil) -> Double {
        switch self {
        case .none: return value
        case .multiplier(let multiplier): return value / multiplier
        case .scaleFactor: return value / pow10(exponent ?? 0)
        }
    }

    /// 10^exponent at once; exponents beyond ±22 (where Double stops being exact) saturate to 0 or infinity,
    /// which the drivers then refuse as implausible.
    private func pow10(_ exponent: Int) -> Double {
        let magnitude = exponent.magnitude
        guard magnitude <= 22 else { return exponent < 0 ? 0 : .infinity }
        let power = Self.exactPowersOfTen[Int(magnitude)]
        return exponent < 0 ? 1 / power : power
    }

    private static let exactPowersOfTen: [Double] = (0...22).map { exponent in
        (0..<exponent).reduce(1.0) { power, _ in power * 10 }
    }
}

/// Whether the station reads a point, writes it, or both.
public enum PointAccess: String, Sendable, Hashable, CaseIterable {
    case read
    case write
    case readWrite = "read_write"

    public var canRead: Bool { self != .write }
    public var canWrite: Bool { self != .read }
}

/// The unit of a point's value after scaling.
public enum PointUnit: String, Sendable, Hashable, CaseIterable {
    case watts = "W"
    case kilowatts = "kW"
    case wattHours = "Wh"
    case kilowattHours = "kWh"
    case amperes = "A"
    case volts = "V"
    case voltAmperes = "VA"
    case voltAmperesReactive = "var"
    case hertz = "Hz"
    case percent = "%"
    case seconds = "s"
    case milliseconds = "ms"
    case degreesCelsius = "degC"
    case none

    /// The unit a point name's suffix promises (`power_w` -> W), if it has one of the known suffixes.
    static func implied(byPointName name: String) -> PointUnit? {
        let suffixes: [(String, PointUnit)] = [
            ("_wh", .wattHours), ("_w", .watts), ("_a", .amperes), ("_v", .volts),
            ("_pct", .percent), ("_hz", .hertz), ("_ms", .milliseconds), ("_s", .seconds),
        ]
        return suffixes.first { name.hasSuffix($0.0) }?.1
    }
}
