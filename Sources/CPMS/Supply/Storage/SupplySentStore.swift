public import Foundation
import SQLKit

/// What cpms last sent a station of its supply (`supply_sent`): the price schedule and the grid cap profile,
/// each with its content, when, and whether the station accepted it.
public struct SupplySentStore: Sendable {
    let database: any CPMSDatabase

    public init(database: any CPMSDatabase) {
        self.database = database
    }

    public enum Item: String, Sendable {
        case schedule, cap
    }

    /// One item as last sent.
    public struct Sent: Sendable, Equatable {
        public var hash: String
        /// The content, as the service compares it (not the OCPP payload).
        public var json: String
        public var sentAt: Date
        public var acknowledged: Bool
        /// The station's refusal, when it refused.
        public var refusal: String?
    }

    public struct Record: Sendable, Equatable {
        public var station: String
        public var schedule: Sent?
        public var scheduleVersion: Int
        public var cap: Sent?
    }

    public func record(_ station: String) async throws -> Record? {
        try await database.withConnection { connection in
            try await connection.select().column("*").from("supply_sent").where("station", .equal, station).first().map(Self.record)
        }
    }

    public func all() async throws -> [Record] {
        try await database.withConnection { connection in
            try await connection.select().column("*").from("supply_sent").orderBy("station").all().map(Self.record)
        }
    }

    /// Takes the next PriceSchedule version for the station (one more than the last sent).
    public func nextScheduleVersion(_ station: String) async throws -> Int {
        try await database.transaction { connection in
            try await connection.raw(
                "INSERT INTO supply_sent (station, schedule_version) VALUES (\(bind: station), 1) ON CONFLICT (station) DO UPDATE SET schedule_version = supply_sent.schedule_version + 1"
            ).run()
            return try await connection.select().column("schedule_version").from("supply_sent").where("station", .equal, station).first()?
                .decode(column: "schedule_version", as: Int.self) ?? 1
        }
    }

    /// Stores the station's answer to what was sent: accepted (`refusal` nil) or refused with its reason.
    public func store(_ item: Item, station: String, hash: String, json: String, at time: Date, refusal: String?) async throws {
        let prefix: SQLQueryString = item == .schedule ? "schedule" : "cap"
        try await database.withConnection { connection in
            try await connection.raw(
                """
                INSERT INTO supply_sent (station, \(prefix)_hash, \(prefix)_json, \(prefix)_sent_at, \(prefix)_acknowledged, \(prefix)_refusal)
                VALUES (\(bind: station), \(bind: hash), \(bind: json), \(bind: StoredTime.text(time)), \(bind: refusal == nil ? 1 : 0), \(bind: refusal))
                ON CONFLICT (station) DO UPDATE SET \(prefix)_hash = excluded.\(prefix)_hash, \(prefix)_json = excluded.\(prefix)_json,
                \(prefix)_sent_at = excluded.\(prefix)_sent_at, \(prefix)_acknowledged = excluded.\(prefix)_acknowledged,
                \(prefix)_refusal = excluded.\(prefix)_refusal
                """
            ).run()
        }
    }

    private static func record(_ row: any SQLRow) throws -> Record {
        func sent(_ prefix: String) throws -> Sent? {
            guard let hash = try row.decode(column: "\(prefix)_hash", as: String?.self),
                let json = try row.decode(column: "\(prefix)_json", as: String?.self),
                let sentAt = StoredTime.date(try row.decode(column: "\(prefix)_sent_at", as: String?.self))
            else { return nil }
            return Sent(
                hash: hash, json: json, sentAt: sentAt, acknowledged: try row.decode(column: "\(prefix)_acknowledged", as: Int.self) != 0,
                refusal: try row.decode(column: "\(prefix)_refusal", as: String?.self))
        }
        return Record(
            station: try row.decode(column: "station", as: String.self), schedule: try sent("schedule"),
            scheduleVersion: try row.decode(column: "schedule_version", as: Int.self), cap: try sent("cap"))
    }
}
