public import Foundation
public import OCPI
import SQLKit

/// The `ocpi_sessions` table: per station and transaction, the eMSP it is reported to and the Session as last
/// reported. Each change is a conditional update on `revision`, made in the transaction that enqueues its push,
/// so two producers (the gateway and the update interval) never push an older state after a newer one.
public struct SessionStore: Sendable {
    let database: any CPMSDatabase

    public init(database: any CPMSDatabase) {
        self.database = database
    }

    /// A reported session.
    public struct Reported: Sendable, Equatable {
        public var station: String
        public var transactionId: String
        public var emsp: String
        public var session: Session
        /// The station's charging state when it was last reported.
        public var chargingState: String?
        public var revision: Int64
        public var pushedAt: Date
    }

    static let columns = [
        "session_id", "station", "transaction_id", "emsp", "status", "charging_state", "session_json", "revision", "pushed_at", "last_updated",
    ]

    public func session(station: String, transactionId: String) async throws -> Reported? {
        try await database.withConnection { connection in
            try await Self.session(station: station, transactionId: transactionId, on: connection)
        }
    }

    static func session(station: String, transactionId: String, on connection: any SQLDatabase) async throws -> Reported? {
        try await connection.select().columns(columns).from("ocpi_sessions")
            .where("station", .equal, station).where("transaction_id", .equal, transactionId).first().map(reported)
    }

    /// Sessions not completed whose last report is at or before `before`, oldest report first.
    public func open(reportedBefore before: Date, limit: Int = 500) async throws -> [Reported] {
        try await database.withConnection { connection in
            try await connection.select().columns(Self.columns).from("ocpi_sessions")
                .where("status", .notEqual, SessionStatus.completed.rawValue)
                .where("pushed_at", .lessThanOrEqual, StoredTime.text(before)).orderBy("pushed_at").limit(limit).all().map(Self.reported)
        }
    }

    /// The sessions reported to `emsp`, in a stable order (by last_updated, then id).
    public func sessions(emsp: String) async throws -> [Session] {
        try await database.withConnection { connection in
            try await connection.select().column("session_json").from("ocpi_sessions").where("emsp", .equal, emsp)
                .orderBy("last_updated").orderBy("session_id").all()
                .map { try OCPICoding.decode(Session.self, from: Data(try $0.decode(column: "session_json", as: String.self).utf8)) }
        }
    }

    /// Records the first report of a session and enqueues `push` with it; false (and nothing enqueued) when the
    /// transaction is already reported.
    func insert(
        _ session: Session, station: String, transactionId: String, emsp: String, chargingState: String?, push: OCPIPush, at now: Date
    ) async throws -> Bool {
        let json = String(decoding: try OCPICoding.encode(session), as: UTF8.self)
        return try await database.transaction { connection in
            let inserted = try await connection.insert(into: "ocpi_sessions").columns(Self.columns)
                .values(
                    SQLBind(session.id), SQLBind(station), SQLBind(transactionId), SQLBind(emsp), SQLBind(session.status.rawValue),
                    SQLBind(chargingState), SQLBind(json), SQLBind(Int64(1)), SQLBind(StoredTime.text(now)),
                    SQLBind(StoredTime.text(session.lastUpdated.date)))
                .ignoringConflicts(with: ["station", "transaction_id"]).returning(SQLIdentifier("session_id")).all()
            guard !inserted.isEmpty else { return false }
            try await OCPIPushQueue.enqueue([push], for: [emsp], on: connection, at: now)
            return true
        }
    }

    /// Replaces the reported state of `reported` (if nobody changed it since it was read) and enqueues `push`
    /// when there is one; false when it was changed meanwhile.
    func advance(_ reported: Reported, to session: Session, chargingState: String?, push: OCPIPush?, at now: Date) async throws -> Bool {
        let json = String(decoding: try OCPICoding.encode(session), as: UTF8.self)
        return try await database.transaction { connection in
            let updated = try await connection.update("ocpi_sessions")
                .set("status", to: SQLBind(session.status.rawValue)).set("charging_state", to: SQLBind(chargingState))
                .set("session_json", to: SQLBind(json)).set("revision", to: SQLBind(reported.revision + 1))
                .set("pushed_at", to: SQLBind(StoredTime.text(now))).set("last_updated", to: SQLBind(StoredTime.text(session.lastUpdated.date)))
                .where("session_id", .equal, reported.session.id).where("revision", .equal, reported.revision)
                .returning(SQLIdentifier("session_id")).all()
            guard !updated.isEmpty else { return false }
            if let push { try await OCPIPushQueue.enqueue([push], for: [reported.emsp], on: connection, at: now) }
            return true
        }
    }

    /// Marks a session looked at (nothing changed): its next interval starts now.
    func touch(_ reported: Reported, at now: Date) async throws {
        try await database.withConnection { connection in
            try await connection.update("ocpi_sessions").set("pushed_at", to: SQLBind(StoredTime.text(now)))
                .where("session_id", .equal, reported.session.id).where("revision", .equal, reported.revision).run()
        }
    }

    static func reported(_ row: any SQLRow) throws -> Reported {
        let json = try row.decode(column: "session_json", as: String.self)
        return Reported(
            station: try row.decode(column: "station", as: String.self),
            transactionId: try row.decode(column: "transaction_id", as: String.self), emsp: try row.decode(column: "emsp", as: String.self),
            session: try OCPICoding.decode(Session.self, from: Data(json.utf8)),
            chargingState: try row.decode(column: "charging_state", as: String?.self),
            revision: try row.decode(column: "revision", as: Int64.self),
            pushedAt: LocationStore.date(try row.decode(column: "pushed_at", as: String.self)))
    }
}
