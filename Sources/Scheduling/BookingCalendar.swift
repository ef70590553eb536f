public import Foundation

/// The booking calendar of every EVSE: bookings and maintenance blocks that never overlap, the booking
/// terms, free-slot search and the actions due at the stations.
///
/// A value type without I/O or clock: every request takes `now`, and a refused request throws a
/// `CalendarRefusal` and changes nothing. A successful one returns the rows to store. After a restart the
/// calendar is rebuilt from the stored entries and the ids of the actions already executed.
public struct BookingCalendar: Sendable {
    public let settings: CalendarSettings
    public private(set) var evses: [EVSEID: EVSEDescription]
    /// The ids of the actions done, as the caller reported them.
    public internal(set) var executed: Set<ActionID>
    var entriesByID: [EntryID: CalendarEntry] = [:]
    var timelines: [EVSEID: EVSETimeline] = [:]
    /// EVSE ids in order, so searches answer in a stable order.
    var evseOrder: [EVSEID]
    let step: Seconds
    let gap: Seconds

    public init(
        settings: CalendarSettings = CalendarSettings(), evses: [EVSEDescription], entries: [CalendarEntry] = [],
        executed: Set<ActionID> = []
    ) throws(CalendarRefusal) {
        if let problem = settings.problem { throw .invalidSettings(problem) }
        self.settings = settings
        step = Seconds(settings.slotStep)
        gap = Seconds(settings.turnaroundGap)
        self.executed = executed
        var byID: [EVSEID: EVSEDescription] = [:]
        for evse in evses { byID[evse.id] = evse }
        self.evses = byID
        evseOrder = byID.keys.sorted()
        for evse in evseOrder { timelines[evse] = EVSETimeline() }
        for stored in entries.sorted(by: { $0.window.start < $1.window.start }) {
            try restore(stored)
        }
    }

    /// Adds an EVSE or updates its description (its connectors); existing entries stay.
    public mutating func register(_ evse: EVSEDescription) {
        if evses.updateValue(evse, forKey: evse.id) == nil {
            timelines[evse.id] = EVSETimeline()
            evseOrder = evses.keys.sorted()
        }
    }

    // MARK: Reading

    public func entry(_ id: EntryID) -> CalendarEntry? { entriesByID[id] }

    /// Every entry, any status, ordered by start (then id).
    public var entries: [CalendarEntry] {
        entriesByID.values.sorted { ($0.window.start, $0.id) < ($1.window.start, $1.id) }
    }

    /// The entries of an EVSE (any status) whose window overlaps `window`, ordered by start.
    public func entries(of evse: EVSEID, overlapping window: TimeWindow) -> [CalendarEntry] {
        entriesByID.values
            .filter { $0.evse == evse && $0.window.start < window.end && window.start < $0.window.end }
            .sorted { ($0.window.start, $0.id) < ($1.window.start, $1.id) }
    }

    /// The entries of an EVSE that hold time (scheduled or in use), ordered by start.
    public func holdingEntries(of evse: EVSEID) -> [CalendarEntry] {
        (timelines[evse]?.occupations ?? []).compactMap { entriesByID[$0.entry] }
    }

    /// When an unused booking is released (and its station reservation expires): its no-show time, or its
    /// end when that comes first or no timeout is set.
    public func expiry(of window: TimeWindow) -> Date {
        guard let timeout = settings.terms.noShowTimeout else { return window.end }
        return min(window.start.addingTimeInterval(timeout), window.end)
    }

    // MARK: Rebuilding

    private mutating func restore(_ stored: CalendarEntry) throws(CalendarRefusal) {
        guard evses[stored.evse] != nil else { throw .unknownEVSE(stored.evse) }
        guard entriesByID[stored.id] == nil else { throw .inconsistentStore("entry \(stored.id) appears twice") }
        guard let start = stored.window.start.wholeSeconds, let end = stored.window.end.wholeSeconds, start < end else {
            throw .inconsistentStore("entry \(stored.id) has the window \(stored.window)")
        }
        var entry = stored
        // The release was executed but the caller had not stored the released booking yet.
        if entry.isBooking, entry.status == .scheduled, executed.contains(.release(entry.id)) {
            entry.status = .released(at: expiry(of: entry.window))
            entry.version += 1
        }
        if entry.holdsTime {
            // Only true overlaps: a turnaround gap made longer since the entries were stored is not a fault.
            if let other = timelines[entry.evse]?.conflicts(start: start, end: end, gap: 0).first {
                throw .inconsistentStore("entries \(other.entry) and \(entry.id) overlap on \(entry.evse)")
            }
            timelines[entry.evse]?.insert(.init(start: start, end: end, entry: entry.id))
        }
        entriesByID[entry.id] = entry
    }
}
