public import Foundation
public import Scheduling
import OCPP
public import SQLKit

/// The booking calendar's rows: EVSE connectors, entries (one row each, with its version), executed actions,
/// and one calendar-wide revision that every write increments.
///
/// Writes are checked against what the writer last read: an entry row is updated only from the version the
/// writer knows, and the revision only from the one it loaded, so two cpms processes sharing the database
/// never overwrite each other's calendar; the loser's transaction changes nothing.
public struct CalendarStore: Sendable {
    let database: any CPMSDatabase

    public init(database: any CPMSDatabase) {
        self.database = database
    }

    /// Everything the calendar is rebuilt from.
    public struct Snapshot: Sendable {
        public var revision: Int
        public var connectors: [EVSEConnector]
        public var entries: [CalendarEntry]
        public var executed: Set<ActionID>
    }

    /// An action the scheduler executed, with the station's answer.
    public struct ExecutedAction: Sendable, Hashable {
        public var id: ActionID
        public var entry: EntryID
        /// `reserve`, `cancel-reservation`, `release`, `inoperative` or `restore`.
        public var kind: String
        public var station: String
        public var evse: Int
        public var due: Date
        public var executedAt: Date
        public var outcome: String
    }

    /// What one write carries: the calendar's change, the versions the rows had when the writer read them,
    /// an executed action, a connector description.
    public struct Write: Sendable {
        public var change = CalendarChange()
        /// The stored version of every entry the change updates; an entry missing here is inserted.
        public var storedVersions: [EntryID: Int] = [:]
        public var executed: ExecutedAction?
        public var connector: EVSEConnector?

        public init(change: CalendarChange = CalendarChange(), storedVersions: [EntryID: Int] = [:], executed: ExecutedAction? = nil, connector: EVSEConnector? = nil) {
            self.change = change
            self.storedVersions = storedVersions
            self.executed = executed
            self.connector = connector
        }
    }

    public func load() async throws -> Snapshot {
        try await database.transaction { connection in
            let revision = try await Self.revision(connection)
            let connectors = try await connection.select().column("*").from("evse_connectors").orderBy("station").orderBy("evse")
                .orderBy("connector").all().map(Self.connector)
            let entries = try await connection.select().columns("id", "entry_json").from("calendar_entries").all().map(Self.entry)
            let executed = try await connection.select().column("action_id").from("calendar_actions").all()
                .map { ActionID(try $0.decode(column: "action_id", as: String.self)) }
            return Snapshot(revision: revision, connectors: connectors, entries: entries, executed: Set(executed))
        }
    }

    /// Stores a write in one transaction if the calendar is still at `revision`; returns the new revision.
    ///
    /// Throws `CalendarStoreError.changedElsewhere` (the revision moved) or `.staleEntry` (a row is not at the
    /// version the writer knew) and then nothing is stored.
    /// `alongside` runs last in the same transaction (what must commit with the change).
    public func save(
        _ write: Write, revision: Int, at time: Date, alongside: (@Sendable (any SQLDatabase) async throws -> Void)? = nil
    ) async throws -> Int {
        try await database.transaction { connection in
            let bumped = try await connection.update("calendar_revision")
                .set(SQLIdentifier("revision"), to: SQLRaw("revision + 1"))
                .where("id", .equal, 1).where("revision", .equal, revision)
                .returning(SQLIdentifier("revision")).all()
            guard let row = bumped.first else { throw CalendarStoreError.changedElsewhere }
            let now = StoredTime.text(time)
            if let connector = write.connector { try await Self.upsert(connector, at: now, connection) }
            for entry in write.change.saved {
                try await Self.store(entry, storedVersion: write.storedVersions[entry.id], at: now, connection)
            }
            if let executed = write.executed { try await Self.insert(executed, connection) }
            try await alongside?(connection)
            return try row.decode(column: "revision", as: Int.self)
        }
    }

    /// Executed actions, newest first: of one station (or all), executed in `[from, to)`.
    public func executedActions(station: String? = nil, from: Date? = nil, to: Date? = nil, limit: Int = 1_000) async throws -> [ExecutedAction] {
        try await database.withConnection { connection in
            let query = connection.select().column("*").from("calendar_actions")
            if let station { query.where("station", .equal, station) }
            if let from { query.where("executed_at", .greaterThanOrEqual, StoredTime.text(from)) }
            if let to { query.where("executed_at", .lessThan, StoredTime.text(to)) }
            return try await query.orderBy("executed_at", .descending).orderBy("action_id").limit(limit).all().map(Self.executedAction)
        }
    }

    // MARK: Rows

    private static func revision(_ connection: any SQLDatabase) async throws -> Int {
        guard let row = try await connection.select().column("revision").from("calendar_revision").where("id", .equal, 1).first() else {
            throw CalendarStoreError.corrupt("calendar_revision has no row")
        }
        return try row.decode(column: "revision", as: Int.self)
    }

    private static func upsert(_ connector: EVSEConnector, at now: String, _ connection: any SQLDatabase) async throws {
        try await connection.delete(from: "evse_connectors").where("station", .equal, connector.station)
            .where("evse", .equal, connector.evse).where("connector", .equal, connector.connector).run()
        try await connection.insert(into: "evse_connectors")
            .columns("station", "evse", "connector", "standard", "format", "power_type", "max_voltage", "max_amperage", "max_electric_power", "updated_at")
            .values(
                connector.station, connector.evse, connector.connector, connector.standard.rawValue, connector.format.rawValue,
                connector.powerType.rawValue, connector.maxVoltage, connector.maxAmperage, connector.maxElectricPower, now
            ).run()
    }

    private static func store(_ entry: CalendarEntry, storedVersion: Int?, at now: String, _ connection: any SQLDatabase) async throws {
        let (station, evse) = try location(of: entry.evse)
        let json = String(decoding: try entryEncoder.encode(entry), as: UTF8.self)
        let kind = entry.isBooking ? "booking" : "maintenance"
        guard let storedVersion else {
            try await connection.insert(into: "calendar_entries")
                .columns("id", "station", "evse", "kind", "status", "starts_at", "ends_at", "version", "created_at", "updated_at", "entry_json")
                .values(
                    entry.id.rawValue, station, evse, kind, statusName(entry.status), StoredTime.text(entry.window.start),
                    StoredTime.text(entry.window.end), entry.version, StoredTime.text(entry.createdAt), now, json
                ).run()
            return
        }
        let updated = try await connection.update("calendar_entries")
            .set("station", to: station).set("evse", to: evse).set("status", to: statusName(entry.status))
            .set("starts_at", to: StoredTime.text(entry.window.start)).set("ends_at", to: StoredTime.text(entry.window.end))
            .set("version", to: entry.version).set("updated_at", to: now).set("entry_json", to: json)
            .where("id", .equal, entry.id.rawValue).where("version", .equal, storedVersion)
            .returning(SQLIdentifier("id")).all()
        guard !updated.isEmpty else { throw CalendarStoreError.staleEntry(entry.id, expected: storedVersion) }
    }

    private static func insert(_ action: ExecutedAction, _ connection: any SQLDatabase) async throws {
        try await connection.insert(into: "calendar_actions")
            .columns("action_id", "entry", "kind", "station", "evse", "due_at", "executed_at", "outcome")
            .values(
                action.id.rawValue, action.entry.rawValue, action.kind, action.station, action.evse, StoredTime.text(action.due),
                StoredTime.text(action.executedAt), action.outcome
            )
            .ignoringConflicts(with: ["action_id"]).run()
    }

    private static func connector(_ row: any SQLRow) throws -> EVSEConnector {
        do {
            return try EVSEConnector(
                station: try row.decode(column: "station", as: String.self), evse: try row.decode(column: "evse", as: Int.self),
                connector: try row.decode(column: "connector", as: Int.self), standard: try row.decode(column: "standard", as: String.self),
                format: try row.decode(column: "format", as: String.self), powerType: try row.decode(column: "power_type", as: String.self),
                maxVoltage: try row.decode(column: "max_voltage", as: Int?.self), maxAmperage: try row.decode(column: "max_amperage", as: Int?.self),
                maxElectricPower: try row.decode(column: "max_electric_power", as: Int.self))
        } catch let error as EVSEDescriptionError {
            throw CalendarStoreError.corrupt("evse_connectors: \(error)")
        }
    }

    private static func entry(_ row: any SQLRow) throws -> CalendarEntry {
        let id = try row.decode(column: "id", as: String.self)
        do {
            return try JSONDecoder().decode(CalendarEntry.self, from: Data(try row.decode(column: "entry_json", as: String.self).utf8))
        } catch {
            throw CalendarStoreError.corrupt("calendar entry \(id): \(error)")
        }
    }

    private static func executedAction(_ row: any SQLRow) throws -> ExecutedAction {
        let id = try row.decode(column: "action_id", as: String.self)
        func time(_ column: String) throws -> Date {
            let text = try row.decode(column: column, as: String.self)
            guard let date = OCPPDateTime.parse(text) else { throw CalendarStoreError.corrupt("calendar action \(id): \(column) \(text)") }
            return date
        }
        return ExecutedAction(
            id: ActionID(id), entry: EntryID(try row.decode(column: "entry", as: String.self)), kind: try row.decode(column: "kind", as: String.self),
            station: try row.decode(column: "station", as: String.self), evse: try row.decode(column: "evse", as: Int.self),
            due: try time("due_at"), executedAt: try time("executed_at"), outcome: try row.decode(column: "outcome", as: String.self))
    }

    /// The entry's JSON: Codable's own date encoding (a double), so a stored entry reads back equal to the bit.
    private static var entryEncoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }

    static func statusName(_ status: CalendarEntry.Status) -> String {
        switch status {
        case .scheduled: "scheduled"
        case .used: "used"
        case .cancelled: "cancelled"
        case .released: "released"
        }
    }

    /// The station and EVSE number of a calendar EVSE id (`STATION/EVSE`).
    static func location(of evse: EVSEID) throws -> (String, Int) {
        guard let slash = evse.rawValue.lastIndex(of: "/"), let number = Int(evse.rawValue[evse.rawValue.index(after: slash)...]) else {
            throw CalendarStoreError.corrupt("EVSE id \(evse) is not STATION/EVSE")
        }
        return (String(evse.rawValue[..<slash]), number)
    }
}

/// Why a calendar write was not stored (and changed nothing).
public enum CalendarStoreError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Another writer changed the calendar since it was loaded.
    case changedElsewhere
    /// An entry's row is not at the version the writer knew.
    case staleEntry(EntryID, expected: Int)
    case corrupt(String)

    public var description: String {
        switch self {
        case .changedElsewhere: "the stored calendar was changed by another cpms process"
        case .staleEntry(let id, let expected): "calendar entry \(id) is no longer at version \(expected) in the database"
        case .corrupt(let what): "stored calendar is unreadable: \(what)"
        }
    }
}
