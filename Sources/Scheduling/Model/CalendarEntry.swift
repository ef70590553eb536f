public import Foundation

/// One row of an EVSE's calendar: a booking or a maintenance block, with its history in `status`.
///
/// Every change makes a new `version`, so a store can update the row with optimistic locking.
public struct CalendarEntry: Sendable, Hashable, Codable, Identifiable {
    public var id: EntryID
    public var evse: EVSEID
    public var window: TimeWindow
    public var purpose: Purpose
    public var status: Status
    public var version: Int
    public var createdAt: Date

    public init(id: EntryID, evse: EVSEID, window: TimeWindow, purpose: Purpose, status: Status = .scheduled, version: Int = 1, createdAt: Date) {
        self.id = id
        self.evse = evse
        self.window = window
        self.purpose = purpose
        self.status = status
        self.version = version
        self.createdAt = createdAt
    }

    public enum Purpose: Sendable, Hashable, Codable {
        /// A driver's booking, made by an eMSP or an admin.
        case booking(Booking)
        /// A maintenance block planned by a technician.
        case maintenance(Maintenance)
    }

    public struct Booking: Sendable, Hashable, Codable {
        /// Who made the booking: an eMSP (bound by the terms) or an admin.
        public var bookedBy: Actor
        public var token: DriverToken
        public var requirement: ConnectorRequirement

        public init(bookedBy: Actor, token: DriverToken, requirement: ConnectorRequirement = .any) {
            self.bookedBy = bookedBy
            self.token = token
            self.requirement = requirement
        }
    }

    public struct Maintenance: Sendable, Hashable, Codable {
        public var technician: String
        public var reason: String

        public init(technician: String, reason: String) {
            self.technician = technician
            self.reason = reason
        }
    }

    public enum Status: Sendable, Hashable, Codable {
        /// Holds its window.
        case scheduled
        /// The booked token started charging: the booking holds its window and is not released.
        case used(at: Date)
        /// Gone: frees its window.
        case cancelled(Cancellation)
        /// Not used by its no-show time: frees its window.
        case released(at: Date)
    }

    /// Whether the entry holds its window in the calendar.
    public var holdsTime: Bool {
        switch status {
        case .scheduled, .used: true
        case .cancelled, .released: false
        }
    }

    public var isBooking: Bool {
        if case .booking = purpose { true } else { false }
    }

    public var booking: Booking? {
        if case .booking(let booking) = purpose { booking } else { nil }
    }

    public var maintenance: Maintenance? {
        if case .maintenance(let maintenance) = purpose { maintenance } else { nil }
    }

    public var cancellation: Cancellation? {
        if case .cancelled(let cancellation) = status { cancellation } else { nil }
    }
}

/// Why and by whom an entry was cancelled; an eMSP can be told the reason.
public struct Cancellation: Sendable, Hashable, Codable {
    public var at: Date
    public var by: Actor
    public var reason: String
    /// The maintenance block that displaced a booking, when that was the cause.
    public var displacedBy: EntryID?

    public init(at: Date, by: Actor, reason: String, displacedBy: EntryID? = nil) {
        self.at = at
        self.by = by
        self.reason = reason
        self.displacedBy = displacedBy
    }
}
