public import Foundation

/// Why the calendar refused a request; `reason` is a sentence a portal or an eMSP can show.
///
/// A refused request changes nothing.
public enum CalendarRefusal: Error, Sendable, Hashable {
    case invalidSettings(String)
    case unknownEVSE(EVSEID)
    case unknownEntry(EntryID)
    case duplicateEntry(EntryID)
    /// The version the caller changed is not the current one (someone else changed the entry).
    case staleVersion(EntryID, expected: Int, current: Int)
    case emptyWindow(TimeWindow)
    /// A start or end that is not a multiple of the slot step (or has a fraction of a second).
    case notAligned(Date, step: TimeInterval)
    case startsInThePast(Date, now: Date)
    case endsInThePast(Date, now: Date)
    /// A started entry keeps its start (and its EVSE); only its end can change.
    case alreadyStarted(EntryID)
    case alreadyOver(EntryID)
    /// A use of a booking reported outside its window.
    case outsideWindow(EntryID, Date)
    /// The window (with the turnaround gap) meets another entry.
    case conflict(with: EntryID, window: TimeWindow, isMaintenance: Bool)
    case unsuitable(EVSEID, ConnectorRequirement)
    case afterChangeDeadline(EntryID, deadline: Date)
    case afterCancelDeadline(EntryID, deadline: Date)
    /// The entry is cancelled, released or used and cannot take this change.
    case notChangeable(EntryID, CalendarEntry.Status)
    case notPermitted(Actor, String)
    case missingReason(String)
    /// Stored entries that break the calendar's rules (two overlapping ones).
    case inconsistentStore(String)

    public var reason: String {
        switch self {
        case .invalidSettings(let problem): "calendar settings: \(problem)"
        case .unknownEVSE(let evse): "unknown EVSE \(evse)"
        case .unknownEntry(let id): "no booking or maintenance block \(id)"
        case .duplicateEntry(let id): "an entry \(id) already exists"
        case .staleVersion(let id, let expected, let current): "\(id) was changed meanwhile (version \(current), not \(expected))"
        case .emptyWindow(let window): "the end must be after the start: \(window)"
        case .notAligned(let instant, let step): "\(instant.formatted(.iso8601)) is not on a \(Int(step / 60))-minute slot boundary"
        case .startsInThePast(let start, let now): "the start \(start.formatted(.iso8601)) is before now (\(now.formatted(.iso8601)))"
        case .endsInThePast(let end, let now): "the end \(end.formatted(.iso8601)) is not after now (\(now.formatted(.iso8601)))"
        case .alreadyStarted(let id): "\(id) has started: only its end can change"
        case .alreadyOver(let id): "\(id) is already over"
        case .outsideWindow(let id, let instant): "\(instant.formatted(.iso8601)) is outside the window of \(id)"
        case .conflict(let other, let window, let isMaintenance):
            "the time conflicts with \(isMaintenance ? "maintenance" : "booking") \(other) \(window) (turnaround gap included)"
        case .unsuitable(let evse, let requirement): "EVSE \(evse) has no connector with \(requirement)"
        case .afterChangeDeadline(let id, let deadline): "\(id) can no longer be changed (deadline \(deadline.formatted(.iso8601)))"
        case .afterCancelDeadline(let id, let deadline): "\(id) can no longer be cancelled (deadline \(deadline.formatted(.iso8601)))"
        case .notChangeable(let id, let status): "\(id) is \(Self.describe(status))"
        case .notPermitted(let actor, let what): "\(actor) may not \(what)"
        case .missingReason(let what): "\(what) needs a reason"
        case .inconsistentStore(let problem): "stored calendar is inconsistent: \(problem)"
        }
    }

    private static func describe(_ status: CalendarEntry.Status) -> String {
        switch status {
        case .scheduled: "scheduled"
        case .used: "in use"
        case .cancelled(let cancellation): "cancelled (\(cancellation.reason))"
        case .released: "released as a no-show"
        }
    }
}

extension CalendarRefusal: CustomStringConvertible {
    public var description: String { reason }
}
