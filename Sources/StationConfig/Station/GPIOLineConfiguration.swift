/// One GPIO line: which chip and line, which way, and its polarity.
public struct GPIOLineConfiguration: Sendable, Equatable {
    /// The chip by name (`gpiochip0`), label or path (`/dev/gpiochip0`).
    public var chip: String
    public var line: GPIOLineSelector
    /// Set by the line's role (contactor: output, key switch: input...).
    public var direction: GPIODirection
    /// Whether the line is active at low level.
    public var activeLow: Bool
    /// How long an input must be stable before a change counts; `nil` for outputs and undebounced inputs.
    public var debounce: Duration?

    public static let defaultChip = "gpiochip0"

    public init(chip: String = GPIOLineConfiguration.defaultChip, line: GPIOLineSelector, direction: GPIODirection, activeLow: Bool = false, debounce: Duration? = nil) {
        self.chip = chip
        self.line = line
        self.direction = direction
        self.activeLow = activeLow
        self.debounce = debounce
    }
}

/// A line by offset on its chip, or by the name the device tree gives it.
public enum GPIOLineSelector: Sendable, Hashable, CustomStringConvertible {
    case offset(Int)
    case name(String)

    public var description: String {
        switch self {
        case .offset(let offset): return String(offset)
        case .name(let name): return "\"\(name)\""
        }
    }
}

/// Whether the station reads or drives a line.
public enum GPIODirection: String, Sendable, Hashable {
    case input
    case output
}

/// Station-wide GPIO lines; each is optional.
public struct StationGPIOConfiguration: Sendable, Equatable {
    /// Input from the emergency stop circuit.
    public var emergencyStop: GPIOLineConfiguration?
    /// Output for the station's status LED.
    public var statusLED: GPIOLineConfiguration?

    public init(emergencyStop: GPIOLineConfiguration? = nil, statusLED: GPIOLineConfiguration? = nil) {
        self.emergencyStop = emergencyStop
        self.statusLED = statusLED
    }
}
