/// Turns registers into typed values and back.
public enum RegisterCodec {
    /// Decodes `registers` (exactly `type.registerCount` of them) as `type`.
    public static func decode(
        _ registers: some Collection<UInt16>, as type: ModbusValueType, wordOrder: WordOrder = .highFirst
    ) throws(ModbusError) -> ModbusValue {
        guard registers.count == type.registerCount else {
            throw ModbusError(.invalidArgument, "\(type.spelling) needs \(type.registerCount) registers, got \(registers.count)")
        }
        if case .string = type { return .string(decodeString(Array(registers))) }
        var iterator = registers.makeIterator()
        let first = iterator.next() ?? 0
        let second = iterator.next() ?? 0
        switch type {
        case .bool: return .bool(first != 0)
        case .u16: return .u16(first)
        case .i16: return .i16(Int16(bitPattern: first))
        case .u32: return .u32(joined(first, second, wordOrder))
        case .i32: return .i32(Int32(bitPattern: joined(first, second, wordOrder)))
        case .f32: return .f32(Float(bitPattern: joined(first, second, wordOrder)))
        case .string: return .string(decodeString(Array(registers)))
        }
    }

    /// Encodes `value` into the registers of `type`.
    public static func encode(
        _ value: ModbusValue, as type: ModbusValueType, wordOrder: WordOrder = .highFirst
    ) throws(ModbusError) -> [UInt16] {
        switch (type, value) {
        case (.string(let count), .string(let text)):
            return try encodeString(text, registers: count)
        case (.string, _):
            throw ModbusError(.invalidArgument, "a string point needs a string value, got \(value)")
        case (_, .string(let text)):
            throw ModbusError(.invalidArgument, "\(type.spelling) needs a number, got \"\(text)\"")
        default:
            guard let number = value.number else {
                throw ModbusError(.invalidArgument, "\(type.spelling) needs a number, got \(value)")
            }
            return try encode(number: number, as: type, wordOrder: wordOrder)
        }
    }

    /// Encodes a number, rounding to the nearest integer for integer types and refusing values out of range.
    public static func encode(
        number: Double, as type: ModbusValueType, wordOrder: WordOrder = .highFirst
    ) throws(ModbusError) -> [UInt16] {
        guard number.isFinite else { throw ModbusError(.invalidArgument, "\(number) is not a finite number") }
        let rounded = number.rounded()
        func outOfRange() -> ModbusError {
            ModbusError(.invalidArgument, "\(number) is out of range for \(type.spelling)")
        }
        switch type {
        case .bool:
            return [number != 0 ? 1 : 0]
        case .u16:
            guard let v = UInt16(exactly: rounded) else { throw outOfRange() }
            return [v]
        case .i16:
            guard let v = Int16(exactly: rounded) else { throw outOfRange() }
            return [UInt16(bitPattern: v)]
        case .u32:
            guard let v = UInt32(exactly: rounded) else { throw outOfRange() }
            return split(v, wordOrder)
        case .i32:
            guard let v = Int32(exactly: rounded) else { throw outOfRange() }
            return split(UInt32(bitPattern: v), wordOrder)
        case .f32:
            let v = Float(number)
            guard v.isFinite else { throw outOfRange() }
            return split(v.bitPattern, wordOrder)
        case .string:
            throw ModbusError(.invalidArgument, "a string point needs a string value, got \(number)")
        }
    }

    private static func joined(_ first: UInt16, _ second: UInt16, _ order: WordOrder) -> UInt32 {
        let (high, low) = order == .highFirst ? (first, second) : (second, first)
        return UInt32(high) << 16 | UInt32(low)
    }

    private static func split(_ value: UInt32, _ order: WordOrder) -> [UInt16] {
        let high = UInt16(truncatingIfNeeded: value >> 16)
        let low = UInt16(truncatingIfNeeded: value)
        return order == .highFirst ? [high, low] : [low, high]
    }

    private static func decodeString(_ words: [UInt16]) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(words.count * 2)
        for word in words {
            bytes.append(UInt8(truncatingIfNeeded: word >> 8))
            bytes.append(UInt8(truncatingIfNeeded: word))
        }
        if let end = bytes.firstIndex(of: 0) { bytes.removeSubrange(end...) }
        let text = String(decoding: bytes, as: UTF8.self)
        return String(text.reversed().drop(while: { $0 == " " }).reversed())
    }

    private static func encodeString(_ text: String, registers: Int) throws(ModbusError) -> [UInt16] {
        let bytes = Array(text.utf8)
        guard bytes.count <= registers * 2 else {
            throw ModbusError(.invalidArgument, "\"\(text)\" does not fit in \(registers) registers")
        }
        let padded = bytes + Array(repeating: 0, count: registers * 2 - bytes.count)
        return stride(from: 0, to: padded.count, by: 2).map { UInt16(padded[$0]) << 8 | UInt16(padded[$0 + 1]) }
    }
}

/// A numeric point's scaling: a fixed multiplier or a SunSpec scale factor (value × 10^sf).
public enum Scaling: Sendable, Hashable {
    case none
    case multiplier(Double)
    case powerOfTen(Int16)

    /// The engineering value of a raw register value.
    public func apply(to raw: Double) -> Double {
        switch self {
        case .none: return raw
        case .multiplier(let m): return raw * m
        case .powerOfTen(let sf): return sf < 0 ? raw / pow10(-Int(sf)) : raw * pow10(Int(sf))
        }
    }

    /// The raw register value for an engineering value.
    public func unapply(_ value: Double) -> Double {
        switch self {
        case .none: return value
        case .multiplier(let m): return m == 0 ? 0 : value / m
        case .powerOfTen(let sf): return sf < 0 ? value * pow10(-Int(sf)) : value / pow10(Int(sf))
        }
    }

    /// 10^exponent for exponent >= 0, exact up to 22, infinity beyond; at once, not by a loop.
    private func pow10(_ exponent: Int) -> Double {
        guard exponent <= 22 else { return .infinity }
        return (0..<max(exponent, 0)).reduce(1.0) { power, _ in power * 10 }
    }
}
