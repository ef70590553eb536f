import Foundation
import OCPP
import SQLKit

/// What the Station page shows of one station, read from the ingested tables: each socket's status with the
/// latest availability change of its EVSE (`availability_audit`: who set it, from where, why), the recent
/// availability changes, the open transactions and the latest charging records.
struct StationPageData: Sendable {
    struct Socket: Sendable {
        let evse: Int
        let connector: Int
        let status: String
        let socket: String?
        let updatedAt: Date?
    }

    struct AvailabilityChange: Sendable {
        let at: Date
        let evse: Int
        let socket: String?
        let enabled: Bool
        /// technician, central, schedule or safety.
        let source: String
        let actor: String?
        let reason: String?
    }

    let database: any CPMSDatabase

    func sockets(station: String) async throws -> [Socket] {
        try await database.withConnection { connection in
            try await connection.select().columns("evse", "connector", "status", "socket", "updated_at").from("evse_status")
                .where("station", .equal, station).orderBy("evse").orderBy("connector").all()
                .map { row in
                    Socket(
                        evse: try row.decode(column: "evse", as: Int.self), connector: try row.decode(column: "connector", as: Int.self),
                        status: try row.decode(column: "status", as: String.self), socket: try row.decode(column: "socket", as: String?.self),
                        updatedAt: OCPPDateTime.parse(try row.decode(column: "updated_at", as: String.self)))
                }
        }
    }

    /// The station's availability changes, newest first.
    func availabilityChanges(station: String, limit: Int) async throws -> [AvailabilityChange] {
        try await database.withConnection { connection in
            try await connection.select().columns("timestamp", "evse_id", "socket", "enabled", "source", "actor", "reason").from("availability_audit")
                .where("station", .equal, station).orderBy("timestamp", .descending).orderBy("evse_id").limit(limit).all()
                .compactMap { row in
                    guard let at = OCPPDateTime.parse(try row.decode(column: "timestamp", as: String.self)) else { return nil }
                    return AvailabilityChange(
                        at: at, evse: try row.decode(column: "evse_id", as: Int.self), socket: try row.decode(column: "socket", as: String?.self),
                        enabled: try row.decode(column: "enabled", as: Int.self) != 0, source: try row.decode(column: "source", as: String.self),
                        actor: try row.decode(column: "actor", as: String?.self), reason: try row.decode(column: "reason", as: String?.self))
                }
        }
    }

    /// The latest availability change of each EVSE (EVSE 0: the whole station), one query.
    func latestAvailability(station: String) async throws -> [Int: AvailabilityChange] {
        let rows = try await database.withConnection { connection in
            try await connection.raw("""
                SELECT a."timestamp", a.evse_id, a.socket, a.enabled, a.source, a.actor, a.reason FROM availability_audit a
                WHERE a.station = \(bind: station)
                  AND a."timestamp" = (SELECT MAX(x."timestamp") FROM availability_audit x WHERE x.station = a.station AND x.evse_id = a.evse_id)
                ORDER BY a.evse_id, a.source
                """).all()
        }
        var latest: [Int: AvailabilityChange] = [:]
        for row in rows {
            guard let at = OCPPDateTime.parse(try row.decode(column: "timestamp", as: String.self)) else { continue }
            let change = AvailabilityChange(
                at: at, evse: try row.decode(column: "evse_id", as: Int.self), socket: try row.decode(column: "socket", as: String?.self),
                enabled: try row.decode(column: "enabled", as: Int.self) != 0, source: try row.decode(column: "source", as: String.self),
                actor: try row.decode(column: "actor", as: String?.self), reason: try row.decode(column: "reason", as: String?.self))
            // Two sources at the same instant: a disabling one wins (the socket is off while any source says so).
            if let known = latest[change.evse], !known.enabled { continue }
            latest[change.evse] = change
        }
        return latest
    }
}
