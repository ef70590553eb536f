import Foundation

/// The four Modbus data tables.
public enum ModbusTable: String, Sendable, Hashable, CaseIterable, Codable {
    case coil
    case discreteInput = "discrete_input"
    case holdingRegister = "holding"
    case inputRegister = "input"

    /// Whether the table holds single bits rather than 16-bit registers.
    public var isBitTable: Bool { self == .coil || self == .discreteInput }

    /// Whether a master may write to the table.
    public var isWritable: Bool { self == .coil || self == .holdingRegister }

    /// Accepts the spellings installers meet in vendor documents (`holding`, `holding_register`, `hr`, `4x`...).
    public init?(spelling: String) {
        switch spelling.lowercased().replacingOccurrences(of: "-", with: "_") {
        case "coil", "coils", "0x": self = .coil
        case "discrete_input", "discrete_inputs", "discrete", "di", "1x": self = .discreteInput
        case "holding", "holding_register", "holding_registers", "hr", "4x": self = .holdingRegister
        case "input", "input_register", "input_registers", "ir", "3x": self = .inputRegister
        default: return nil
        }
    }
}

/// How the 16-bit words of a 32-bit value are ordered on the wire.
///
/// Bytes inside a register are always big-endian, as the Modbus specification says.
public enum WordOrder: String, Sendable, Hashable, CaseIterable, Codable {
    /// High word first (`ABCD`), the Modbus and SunSpec convention.
    case highFirst = "big"
    /// Low word first (`CDAB`), common in meters and PLCs.
    case lowFirst = "little"

    public init?(spelling: String) {
        switch spelling.lowercased() {
        case "big", "high_first", "abcd", "msw": self = .highFirst
        case "little", "low_first", "cdab", "lsw", "swapped": self = .lowFirst
        default: return nil
        }
    }
}

/// The type of a value stored in one or more registers (or one bit).
public enum ModbusValueType: Sendable, Hashable {
    case bool
    case u16
    case i16
    case u32
    case i32
    case f32
    /// ASCII, two characters a register, high byte first, padded with NUL or space.
    case string(registers: Int)

    /// Registers (or bits, for `.bool`) the value occupies.
    public var registerCount: Int {
        switch self {
        case .bool, .u16, .i16: return 1
        case .u32, .i32, .f32: return 2
        case .string(let registers): return registers
        }
    }

    /// Accepts `u16`, `uint16`, `int32`, `float32`, `acc32`, `sunssf`, `string`, `bool`...
    /// A string's length comes separately, so `string` parses to a one-register string.
    public init?(spelling: String) {
        switch spelling.lowercased() {
        case "bool", "bit", "coil": self = .bool
        case "u16", "uint16", "enum16", "bitfield16", "acc16": self = .u16
        case "i16", "int16", "sunssf": self = .i16
        case "u32", "uint32", "acc32", "enum32", "bitfield32": self = .u32
        case "i32", "int32": self = .i32
        case "f32", "float", "float32": self = .f32
        case "string", "str", "ascii": self = .string(registers: 1)
        default: return nil
        }
    }

    /// The canonical spelling, as written in profiles and accepted by `init(spelling:)`.
    public var spelling: String {
        switch self {
        case .bool: return "bool"
        case .u16: return "u16"
        case .i16: return "i16"
        case .u32: return "u32"
        case .i32: return "i32"
        case .f32: return "f32"
        case .string: return "string"
        }
    }
}

/// A decoded Modbus value.
public enum ModbusValue: Sendable, Hashable, CustomStringConvertible {
    case bool(Bool)
    case u16(UInt16)
    case i16(Int16)
    case u32(UInt32)
    case i32(Int32)
    case f32(Float)
    case string(String)

    /// The value as a number, if it is one (`true` is 1).
    public var number: Double? {
        switch self {
        case .bool(let v): return v ? 1 : 0
        case .u16(let v): return Double(v)
        case .i16(let v): return Double(v)
        case .u32(let v): return Double(v)
        case .i32(let v): return Double(v)
        case .f32(let v): return Double(v)
        case .string: return nil
        }
    }

    public var description: String {
        switch self {
        case .bool(let v): return v ? "true" : "false"
        case .u16(let v): return String(v)
        case .i16(let v): return String(v)
        case .u32(let v): return String(v)
        case .i32(let v): return String(v)
        case .f32(let v): return String(v)
        case .string(let v): return v
        }
    }
}
