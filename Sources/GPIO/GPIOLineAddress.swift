/// Where a GPIO line lives: a chip, a line on it, and whether the line is active low.
public struct GPIOLineAddress: Sendable, Hashable, CustomStringConvertible {
    /// A line on a chip, by offset or by the name the device tree gives it.
    public enum Line: Sendable, Hashable, CustomStringConvertible {
        /// The line's offset on its chip, as `gpioinfo` numbers it.
        case offset(UInt32)
        /// The line's name; the first line on the chip with this name is used.
        case name(String)

        public var description: String {
            switch self {
            case .offset(let offset): "line \(offset)"
            case .name(let name): "line \"\(name)\""
            }
        }
    }

    /// The chip: a name (`gpiochip0`), a number (`0`), a label, or a path under `/dev`.
    public var chip: String
    public var line: Line
    /// When true, active means electrically low: `set(true)` drives the line low and a low input reads active.
    public var activeLow: Bool

    public init(chip: String, line: Line, activeLow: Bool = false) {
        self.chip = chip
        self.line = line
        self.activeLow = activeLow
    }

    public init(chip: String, offset: UInt32, activeLow: Bool = false) {
        self.init(chip: chip, line: .offset(offset), activeLow: activeLow)
    }

    public init(chip: String, name: String, activeLow: Bool = false) {
        self.init(chip: chip, line: .name(name), activeLow: activeLow)
    }

    public var description: String {
        "\(chip) \(line)\(activeLow ? " (active low)" : "")"
    }
}
