public import Foundation
public import Logging
public import Scheduling
public import StationCore

/// The booking calendar running in cpms: the stored calendar in memory, changed one request at a time.
///
/// Every change is applied to a copy, stored in one transaction, and only then becomes the calendar and is
/// answered: a refused request or a failed store leaves the calendar as it was. Each stored change is
/// announced on `changes`. If another cpms process sharing the database changed the calendar meanwhile, the
/// store refuses the write; the service then reloads the stored calendar and tries the request once more on it.
public actor CalendarService {
    public nonisolated let changes: AsyncStream<Void>
    private let announce: AsyncStream<Void>.Continuation
    private let store: CalendarStore
    private let clock: any StationClock
    private let logger: Logger
    public nonisolated let settings: CalendarSettings
    private var calendar: BookingCalendar
    private var connectors: [ConnectorKey: EVSEConnector]
    private var revision: Int
    /// The version each entry has in its row.
    private var storedVersions: [EntryID: Int]
    private var writing = false
    private var listener: (any CalendarChangeListener)?
    /// Called with the stations whose entries or EVSE descriptions a stored change touched (their published
    /// Locations: EVSEs, status_schedule).
    private let stationsChanged: @Sendable ([String]) async -> Void
    private var waitingWriters: [CheckedContinuation<Void, Never>] = []

    private struct ConnectorKey: Hashable {
        let station: String
        let evse: Int
        let connector: Int
    }

    /// Loads the stored calendar (entries and executed actions) and the EVSEs' descriptions.
    public init(
        store: CalendarStore, settings: CalendarSettings, clock: any StationClock, logger: Logger,
        stationsChanged: @escaping @Sendable ([String]) async -> Void = { _ in }
    ) async throws {
        if let problem = settings.problem { throw CalendarSettingsError(description: "calendar settings: \(problem)") }
        let snapshot = try await store.load()
        self.stationsChanged = stationsChanged
        self.store = store
        self.settings = settings
        self.clock = clock
        self.logger = logger
        (changes, announce) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        (calendar, connectors, revision, storedVersions) = try Self.rebuild(snapshot, settings: settings)
    }

    private static func rebuild(
        _ snapshot: CalendarStore.Snapshot, settings: CalendarSettings
    ) throws -> (BookingCalendar, [ConnectorKey: EVSEConnector], Int, [EntryID: Int]) {
        var connectors: [ConnectorKey: EVSEConnector] = [:]
        for connector in snapshot.connectors {
            connectors[ConnectorKey(station: connector.station, evse: connector.evse, connector: connector.connector)] = connector
        }
        let calendar: BookingCalendar
        do {
            calendar = try BookingCalendar(
                settings: settings, evses: CalendarEVSE.descriptions(snapshot.connectors), entries: snapshot.entries,
                executed: snapshot.executed)
        } catch {
            throw CalendarStoreError.corrupt(error.reason)
        }
        var versions: [EntryID: Int] = [:]
        for entry in snapshot.entries { versions[entry.id] = entry.version }
        return (calendar, connectors, snapshot.revision, versions)
    }

    /// Tells `listener` of every change stored from now on (inside its transaction, then after the commit).
    public func setListener(_ listener: any CalendarChangeListener) {
        self.listener = listener
    }

    // MARK: Requests

    /// Books a window for a driver's token; throws `CalendarRefusal` when the calendar refuses.
    @discardableResult
    public func book(_ request: BookingRequest) async throws -> CalendarChange {
        try await perform { calendar, now throws(CalendarRefusal) in try calendar.book(request, now: now) }
    }

    /// Plans a maintenance block (forced: cancelling the scheduled bookings in the way).
    @discardableResult
    public func scheduleMaintenance(_ request: MaintenanceRequest) async throws -> CalendarChange {
        try await perform { calendar, now throws(CalendarRefusal) in try calendar.scheduleMaintenance(request, now: now) }
    }

    /// Moves or extends an entry; `expectedVersion` refuses the change if the entry changed since the caller read it.
    @discardableResult
    public func modify(_ id: EntryID, to change: EntryChange, by actor: Actor, expectedVersion: Int? = nil) async throws -> CalendarChange {
        try await perform { calendar, now throws(CalendarRefusal) in
            try calendar.modify(id, to: change, by: actor, now: now, expectedVersion: expectedVersion)
        }
    }

    @discardableResult
    public func cancel(_ id: EntryID, by actor: Actor, reason: String, expectedVersion: Int? = nil) async throws -> CalendarChange {
        try await perform { calendar, now throws(CalendarRefusal) in
            try calendar.cancel(id, by: actor, reason: reason, now: now, expectedVersion: expectedVersion)
        }
    }

    /// Records that the booked token started charging at `instant`: the booking is kept, not released as a no-show.
    @discardableResult
    public func recordUse(of id: EntryID, at instant: Date) async throws -> CalendarChange {
        try await perform { calendar, _ throws(CalendarRefusal) in try calendar.recordUse(of: id, at: instant) }
    }

    /// Records a use by what the station reports: the scheduled booking of `tokenUID` on the station's EVSE whose
    /// window holds `instant`. Returns the booking, nil when there is none (the token had no booking there).
    @discardableResult
    public func recordUse(station: String, evse: Int, tokenUID: String, at instant: Date) async throws -> EntryID? {
        let booking = calendar.holdingEntries(of: CalendarEVSE.id(station: station, evse: evse)).first {
            $0.status == .scheduled && $0.booking?.token.uid == tokenUID && $0.window.contains(instant)
        }
        guard let booking else { return nil }
        try await recordUse(of: booking.id, at: instant)
        return booking.id
    }

    /// Describes (or describes again) one connector of an EVSE; the EVSE is bookable from then on.
    public func describe(_ connector: EVSEConnector) async throws {
        let key = ConnectorKey(station: connector.station, evse: connector.evse, connector: connector.connector)
        try await perform(connector: connector) { calendar, _ throws(CalendarRefusal) in
            var updated = connectors
            updated[key] = connector
            for description in CalendarEVSE.descriptions(updated.values.filter { $0.station == connector.station && $0.evse == connector.evse }) {
                calendar.register(description)
            }
            return CalendarChange()
        }
        connectors[key] = connector
    }

    // MARK: Reading

    public func entry(_ id: EntryID) -> CalendarEntry? { calendar.entry(id) }

    /// Entries (any status) of a station or one of its EVSEs (or all), overlapping `window` when given; by start.
    public func entries(station: String? = nil, evse: Int? = nil, overlapping window: TimeWindow? = nil) -> [CalendarEntry] {
        let wanted = station.map { station in evse.map { CalendarEVSE.id(station: station, evse: $0) } }
        return calendar.entries.filter { entry in
            if let window, !(entry.window.start < window.end && window.start < entry.window.end) { return false }
            guard let station else { return true }
            if let wanted = wanted ?? nil { return entry.evse == wanted }
            return calendar.evses[entry.evse]?.station.rawValue == station
        }
    }

    public func freeSlots(_ query: FreeSlotQuery) -> [FreeSlot] { calendar.freeSlots(query) }

    /// The described connectors, by station, EVSE and connector.
    public func describedConnectors(station: String? = nil) -> [EVSEConnector] {
        connectors.values.filter { station == nil || $0.station == station }
            .sorted { ($0.station, $0.evse, $0.connector) < ($1.station, $1.evse, $1.connector) }
    }

    public func isDescribed(station: String, evse: Int) -> Bool { calendar.evses[CalendarEVSE.id(station: station, evse: evse)] != nil }

    /// The actions executed at the stations, newest first, with the stations' answers.
    public func executedActions(station: String? = nil, from: Date? = nil, to: Date? = nil, limit: Int = 1_000) async throws -> [CalendarStore.ExecutedAction] {
        try await store.executedActions(station: station, from: from, to: to, limit: limit)
    }

    // MARK: Writing

    /// Applies a request to a copy of the calendar, stores the change, then makes the copy the calendar.
    @discardableResult
    private func perform(
        connector: EVSEConnector? = nil, executed: CalendarStore.ExecutedAction? = nil,
        _ apply: (inout BookingCalendar, Date) throws(CalendarRefusal) -> CalendarChange
    ) async throws -> CalendarChange {
        await startWriting()
        defer { finishWriting() }
        var retried = false
        while true {
            let now = clock.wallTime
            var copy = calendar
            let change = try apply(&copy, now)
            var write = CalendarStore.Write(change: change, executed: executed, connector: connector)
            for entry in change.saved { write.storedVersions[entry.id] = storedVersions[entry.id] }
            do {
                let listener = listener
                revision = try await store.save(write, revision: revision, at: now) { connection in
                    try await listener?.storing(change, on: connection, at: now)
                }
            } catch let error as CalendarStoreError {
                if case .corrupt = error { throw error }
                logger.notice("calendar: \(error); reloading the stored calendar")
                try await reload()
                // Only a calendar changed elsewhere deserves a second try; a stale row means someone edited the table.
                guard error == .changedElsewhere, !retried else { throw error }
                retried = true
                continue
            }
            calendar = copy
            for entry in change.saved { storedVersions[entry.id] = entry.version }
            announce.yield()
            await listener?.stored(change)
            let stations = change.saved.compactMap { calendar.evses[$0.evse]?.station.rawValue } + (connector.map { [$0.station] } ?? [])
            if !stations.isEmpty { await stationsChanged(stations) }
            return change
        }
    }

    private func reload() async throws {
        (calendar, connectors, revision, storedVersions) = try Self.rebuild(try await store.load(), settings: settings)
    }

    private func startWriting() async {
        guard writing else {
            writing = true
            return
        }
        await withCheckedContinuation { waitingWriters.append($0) }
    }

    private func finishWriting() {
        if waitingWriters.isEmpty {
            writing = false
        } else {
            waitingWriters.removeFirst().resume()
        }
    }
}

extension CalendarService: CalendarActionSource {
    func dueActions(at now: Date) async throws -> [CalendarAction] { calendar.dueActions(at: now) }

    func markExecuted(_ action: CalendarAction, at: Date, outcome: String) async throws {
        let record = CalendarStore.ExecutedAction(
            id: action.id, entry: action.entry, kind: action.kind.name, station: action.station.rawValue, evse: action.stationEVSE,
            due: action.due, executedAt: at, outcome: outcome)
        try await perform(executed: record) { calendar, _ throws(CalendarRefusal) in calendar.markExecuted(action) }
    }

    func nextActionTime(after now: Date) async -> Date? { calendar.nextActionTime(after: now) }
}

extension CalendarAction.Kind {
    /// How the executed-actions table names the kind.
    var name: String {
        switch self {
        case .reserve: "reserve"
        case .cancelReservation: "cancel-reservation"
        case .releaseNoShow: "release"
        case .makeInoperative: "inoperative"
        case .restore: "restore"
        }
    }
}

/// The calendar settings cpms was given cannot be used.
public struct CalendarSettingsError: Error, CustomStringConvertible, Sendable {
    public let description: String
}
