public import Foundation

/// Who may take a socket out of service. A socket is enabled only if every source agrees.
public enum AvailabilitySource: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    /// Emergency stop, device faults: overrides everything, takes effect at once.
    case safety
    /// The technician on site: key switch or `stationctl`; takes effect at once.
    case technician
    /// The CPMS (portal, OCPI, OCPP ChangeAvailability); waits for a running session to end.
    case central
    /// A planned maintenance slot; waits for a running session to end.
    case schedule

    /// Whether disabling from this source stops a running session rather than waiting for it to end.
    public var interruptsSessions: Bool { self == .safety || self == .technician }

    /// Authority: safety first.
    private var rank: Int {
        switch self {
        case .safety: return 0
        case .technician: return 1
        case .central: return 2
        case .schedule: return 3
        }
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rank < rhs.rank }
}

/// One recorded change of a source's say on a socket: who, when, why.
public struct AvailabilityChange: Sendable, Hashable, Codable {
    public var socket: SocketID
    public var source: AvailabilitySource
    public var enabled: Bool
    /// The person or system that made the change (technician name, "key-switch", "cpms", ...).
    public var actor: String
    public var reason: String
    public var at: Date

    public init(socket: SocketID, source: AvailabilitySource, enabled: Bool, actor: String, reason: String, at: Date) {
        self.socket = socket
        self.source = source
        self.enabled = enabled
        self.actor = actor
        self.reason = reason
        self.at = at
    }
}

/// The sources' votes on one socket.
public struct SocketAvailability: Sendable, Hashable {
    /// The sources that currently disable the socket, with the change that did it.
    public private(set) var disabledBy: [AvailabilitySource: AvailabilityChange] = [:]

    public init() {}

    public var isEnabled: Bool { disabledBy.isEmpty }

    /// The most authoritative source holding the socket out of service.
    public var governingSource: AvailabilitySource? { disabledBy.keys.min() }

    /// Records a source's vote; returns false if it changed nothing.
    @discardableResult
    public mutating func apply(_ change: AvailabilityChange) -> Bool {
        let wasDisabled = disabledBy[change.source] != nil
        if change.enabled {
            guard wasDisabled else { return false }
            disabledBy[change.source] = nil
        } else {
            guard !wasDisabled else { return false }
            disabledBy[change.source] = change
        }
        return true
    }
}
