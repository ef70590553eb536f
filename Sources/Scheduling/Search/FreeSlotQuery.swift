public import Foundation

/// Which EVSEs to search, between which times, for how long a slot.
public struct FreeSlotQuery: Sendable, Hashable {
    public enum Scope: Sendable, Hashable {
        case evse(EVSEID)
        case station(StationID)
        case all
    }

    public var scope: Scope
    /// Only EVSEs with a connector that meets this (connector type, power type, minimum power).
    public var requirement: ConnectorRequirement
    public var window: TimeWindow
    public var minimumDuration: TimeInterval

    public init(scope: Scope = .all, requirement: ConnectorRequirement = .any, window: TimeWindow, minimumDuration: TimeInterval) {
        self.scope = scope
        self.requirement = requirement
        self.window = window
        self.minimumDuration = minimumDuration
    }
}

/// A free span of an EVSE: any slot-aligned booking inside it fits (turnaround gaps already left out).
public struct FreeSlot: Sendable, Hashable, CustomStringConvertible {
    public var evse: EVSEID
    public var window: TimeWindow

    public init(evse: EVSEID, window: TimeWindow) {
        self.evse = evse
        self.window = window
    }

    public var description: String { "\(evse) \(window)" }
}
