public import Foundation

/// Something the calendar owes a station at a time; executed once by the caller, identified by `id`.
public struct CalendarAction: Sendable, Hashable, Identifiable, CustomStringConvertible {
    /// Stable across calls and restarts: the caller stores it when done, and the calendar never offers it again.
    public var id: ActionID
    public var due: Date
    public var evse: EVSEID
    public var station: StationID
    public var stationEVSE: Int
    public var entry: EntryID
    public var kind: Kind

    public enum Kind: Sendable, Hashable {
        /// OCPP ReserveNow for the booked token on the EVSE, expiring at `expiry` (the booking's end or its
        /// no-show time). A booking changed after it was reserved is reserved again (same reservation, new expiry).
        case reserve(token: DriverToken, expiry: Date)
        /// OCPP CancelReservation: the booking was cancelled after it was reserved at the station.
        case cancelReservation(reason: String)
        /// The booking was not used by its no-show time: the booking is released (its eMSP is told); the
        /// station's reservation expires at that time by itself.
        case releaseNoShow
        /// ChangeAvailability Inoperative: a maintenance block starts.
        case makeInoperative(reason: String)
        /// ChangeAvailability Operative: a maintenance block that made the EVSE inoperative ends.
        case restore
    }

    public var description: String { "\(id) due \(due.formatted(.iso8601)) on \(evse)" }

    /// Order among actions due at the same instant: what frees a socket before what takes it.
    var rank: Int {
        switch kind {
        case .cancelReservation: 0
        case .releaseNoShow: 1
        case .restore: 2
        case .makeInoperative: 3
        case .reserve: 4
        }
    }
}

/// An action's identity, e.g. `reserve/B17/v2`, `restore/M3`.
public struct ActionID: StringIdentifier, Comparable {
    public let rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }

    static func reserve(_ entry: EntryID, version: Int) -> Self { Self("reserve/\(entry)/v\(version)") }
    static func cancelReservation(_ entry: EntryID) -> Self { Self("cancel-reservation/\(entry)") }
    static func release(_ entry: EntryID) -> Self { Self("release/\(entry)") }
    static func inoperative(_ entry: EntryID) -> Self { Self("inoperative/\(entry)") }
    static func restore(_ entry: EntryID) -> Self { Self("restore/\(entry)") }
}
