/// A physical quantity in one unit, so watts and amperes cannot be mixed up.
public protocol Quantity: Sendable, Hashable, Comparable, Codable, AdditiveArithmetic,
    ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral, CustomStringConvertible
{
    var value: Double { get }
    init(_ value: Double)
    static var symbol: String { get }
}

extension Quantity {
    public init(integerLiteral value: Int) { self.init(Double(value)) }
    public init(floatLiteral value: Double) { self.init(value) }
    public init(from decoder: any Decoder) throws { self.init(try decoder.singleValueContainer().decode(Double.self)) }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }

    public static var zero: Self { Self(0) }
    public static func + (lhs: Self, rhs: Self) -> Self { Self(lhs.value + rhs.value) }
    public static func - (lhs: Self, rhs: Self) -> Self { Self(lhs.value - rhs.value) }
    public static func += (lhs: inout Self, rhs: Self) { lhs = lhs + rhs }
    public static func -= (lhs: inout Self, rhs: Self) { lhs = lhs - rhs }
    public static func * (lhs: Self, rhs: Double) -> Self { Self(lhs.value * rhs) }
    public static func * (lhs: Double, rhs: Self) -> Self { Self(lhs * rhs.value) }
    public static func / (lhs: Self, rhs: Double) -> Self { Self(lhs.value / rhs) }
    public static func / (lhs: Self, rhs: Self) -> Double { lhs.value / rhs.value }
    public static prefix func - (operand: Self) -> Self { Self(-operand.value) }
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.value < rhs.value }

    public var magnitude: Self { Self(abs(value)) }

    public func clamped(to range: ClosedRange<Self>) -> Self { min(max(self, range.lowerBound), range.upperBound) }

    /// The value to a tenth, without a fraction when it is whole; any Double prints, huge and non-finite ones too.
    public var description: String {
        let rounded = (value * 10).rounded() / 10
        let text: String
        if rounded == rounded.rounded(), let whole = Int64(exactly: rounded), abs(rounded) < 1e15 {
            text = String(whole)
        } else {
            text = String(rounded.isFinite ? rounded : value)
        }
        return "\(text) \(Self.symbol)"
    }
}

/// Active power. Positive means the direction the context names (import, discharge, consumption).
public struct Watts: Quantity {
    public let value: Double
    public init(_ value: Double) { self.value = value }
    public static let symbol = "W"
    public var kilowatts: Double { value / 1000 }
}

/// Current per phase.
public struct Amperes: Quantity {
    public let value: Double
    public init(_ value: Double) { self.value = value }
    public static let symbol = "A"
}

/// Energy.
public struct WattHours: Quantity {
    public let value: Double
    public init(_ value: Double) { self.value = value }
    public static let symbol = "Wh"
    public var kilowattHours: Double { value / 1000 }
}

/// Line-to-neutral voltage.
public struct Volts: Quantity {
    public let value: Double
    public init(_ value: Double) { self.value = value }
    public static let symbol = "V"
}

/// A battery's state of charge, 0...100 %.
public struct StateOfCharge: Quantity {
    public let value: Double
    public init(_ value: Double) { self.value = value }
    public static let symbol = "%"
    public var fraction: Double { value / 100 }
}

extension Watts {
    /// Power drawn by `phases` phases at `current` each, at `voltage` line to neutral.
    public init(current: Amperes, phases: Int, voltage: Volts) {
        self.init(current.value * Double(phases) * voltage.value)
    }

    /// Energy over `duration` at this power.
    public func over(_ duration: Duration) -> WattHours {
        let (seconds, attoseconds) = duration.components
        return WattHours(value * (Double(seconds) + Double(attoseconds) / 1e18) / 3600)
    }
}

extension Amperes {
    /// The per-phase current that draws `power` over `phases` phases at `voltage`.
    public init(power: Watts, phases: Int, voltage: Volts) {
        self.init(phases > 0 && voltage.value > 0 ? power.value / (Double(phases) * voltage.value) : 0)
    }
}
