/// Names one simulated device of a station: a socket's controller, the battery inverter or the grid meter.
public enum SimulatedDeviceID: Sendable, Hashable, Comparable, CustomStringConvertible {
    case socket(Int)
    case battery
    case gridMeter

    /// Accepts `grid_meter`, `battery` and `socket:<id>` (the spelling of scenarios and the command line).
    public init?(spelling: String) {
        switch spelling {
        case "grid_meter": self = .gridMeter
        case "battery": self = .battery
        default:
            guard spelling.hasPrefix("socket:"), let id = Int(spelling.dropFirst("socket:".count)) else { return nil }
            self = .socket(id)
        }
    }

    /// `grid_meter`, `battery` or `socket:<id>`.
    public var description: String {
        switch self {
        case .socket(let id): return "socket:\(id)"
        case .battery: return "battery"
        case .gridMeter: return "grid_meter"
        }
    }

    private var order: (Int, Int) {
        switch self {
        case .socket(let id): return (0, id)
        case .battery: return (1, 0)
        case .gridMeter: return (2, 0)
        }
    }

    public static func < (lhs: SimulatedDeviceID, rhs: SimulatedDeviceID) -> Bool { lhs.order < rhs.order }
}
