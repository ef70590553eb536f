import Foundation

/// A request for a new booking.
public struct BookingRequest: Sendable, Hashable {
    public var id: EntryID
    public var evse: EVSEID
    public var window: TimeWindow
    /// An eMSP (for its driver) or an admin.
    public var by: Actor
    public var token: DriverToken
    public var requirement: ConnectorRequirement

    public init(id: EntryID, evse: EVSEID, window: TimeWindow, by: Actor, token: DriverToken, requirement: ConnectorRequirement = .any) {
        self.id = id
        self.evse = evse
        self.window = window
        self.by = by
        self.token = token
        self.requirement = requirement
    }
}

/// A request for a maintenance block.
public struct MaintenanceRequest: Sendable, Hashable {
    public var id: EntryID
    public var evse: EVSEID
    public var window: TimeWindow
    /// A technician or an admin.
    public var by: Actor
    public var reason: String
    /// Cancel the bookings in the way (their eMSPs are told why) instead of refusing.
    public var force: Bool

    public init(id: EntryID, evse: EVSEID, window: TimeWindow, by: Actor, reason: String, force: Bool = false) {
        self.id = id
        self.evse = evse
        self.window = window
        self.by = by
        self.reason = reason
        self.force = force
    }
}

/// A move or extension of an entry: its new window, and optionally another EVSE.
public struct EntryChange: Sendable, Hashable {
    public var window: TimeWindow
    public var evse: EVSEID?

    public init(window: TimeWindow, evse: EVSEID? = nil) {
        self.window = window
        self.evse = evse
    }
}
