public import Foundation
import OCPP
import SQLKit

/// How one eMSP's push queue stands: what waits, since when, how often it failed, and what was set aside.
public struct OCPIPushQueueSummary: Sendable, Encodable, Equatable {
    public var emsp: String
    /// Pushes waiting (in flight included).
    public var length: Int
    public var oldestEnqueuedAt: Date?
    public var oldestAgeSeconds: Double
    /// Failed attempts of the waiting pushes, summed, and the most any one has had.
    public var attempts: Int
    public var maxAttempts: Int
    /// The error of the most recent failed attempt of a waiting push.
    public var lastError: String?
    public var lastErrorAt: Date?
    public var deadLetters: Int
}

/// A push as the API lists it (a waiting one, or a dead letter with its reason).
public struct OCPIPushView: Sendable, Encodable, Equatable {
    public var emsp: String
    public var seq: Int64
    public var objectKey: String
    public var method: String
    public var module: String?
    public var path: [String]?
    public var url: String?
    public var requestId: String
    public var enqueuedAt: Date?
    public var attempts: Int
    public var nextAttemptAt: Date?
    public var lastError: String?
    public var leasedUntil: Date?
    /// Dead letters only: why, and when.
    public var reason: String?
    public var deadAt: Date?
}

extension OCPIPushStore {
    /// Every eMSP's summary: each known eMSP, and any other with pushes or dead letters.
    public func summaries(at now: Date) async throws -> [OCPIPushQueueSummary] {
        try await database.withConnection { connection in
            var byName: [String: OCPIPushQueueSummary] = [:]
            func summary(_ name: String) -> OCPIPushQueueSummary {
                byName[name] ?? OCPIPushQueueSummary(
                    emsp: name, length: 0, oldestEnqueuedAt: nil, oldestAgeSeconds: 0, attempts: 0, maxAttempts: 0, lastError: nil, lastErrorAt: nil,
                    deadLetters: 0)
            }
            for row in try await connection.select().column("name").from("ocpi_parties").all() {
                let name = try row.decode(column: "name", as: String.self)
                byName[name] = summary(name)
            }
            let waiting = try await connection.raw(
                "SELECT party, COUNT(*) AS length, MIN(enqueued_at) AS oldest, CAST(SUM(attempts) AS BIGINT) AS attempts, MAX(attempts) AS max_attempts FROM ocpi_push_queue GROUP BY party"
            ).all()
            for row in waiting {
                let name = try row.decode(column: "party", as: String.self)
                var entry = summary(name)
                entry.length = try row.decode(column: "length", as: Int.self)
                entry.oldestEnqueuedAt = OCPPDateTime.parse(try row.decode(column: "oldest", as: String.self))
                entry.oldestAgeSeconds = entry.oldestEnqueuedAt.map { max(0, now.timeIntervalSince($0)) } ?? 0
                entry.attempts = try row.decode(column: "attempts", as: Int.self)
                entry.maxAttempts = try row.decode(column: "max_attempts", as: Int.self)
                byName[name] = entry
            }
            let errors = try await connection.select().columns("party", "last_error", "last_attempt_at").from("ocpi_push_queue")
                .where(SQLIdentifier("last_attempt_at"), .isNot, SQLLiteral.null).orderBy("last_attempt_at", .descending).all()
            for row in errors {
                let name = try row.decode(column: "party", as: String.self)
                guard byName[name]?.lastErrorAt == nil else { continue }
                byName[name]?.lastError = try row.decodeNil(column: "last_error") ? nil : try row.decode(column: "last_error", as: String.self)
                byName[name]?.lastErrorAt = OCPPDateTime.parse(try row.decode(column: "last_attempt_at", as: String.self))
            }
            let dead = try await connection.raw("SELECT party, COUNT(*) AS dead FROM ocpi_push_dead_letters GROUP BY party").all()
            for row in dead {
                let name = try row.decode(column: "party", as: String.self)
                var entry = summary(name)
                entry.deadLetters = try row.decode(column: "dead", as: Int.self)
                byName[name] = entry
            }
            return byName.values.sorted { $0.emsp < $1.emsp }
        }
    }

    /// `emsp`'s waiting pushes in `seq` order, `limit` from `offset`, and how many there are.
    public func pushes(of emsp: String, offset: Int, limit: Int) async throws -> (total: Int, pushes: [OCPIPushView]) {
        try await page(table: "ocpi_push_queue", of: emsp, offset: offset, limit: limit, order: "seq")
    }

    /// `emsp`'s dead letters, newest first.
    public func deadLetters(of emsp: String, offset: Int, limit: Int) async throws -> (total: Int, pushes: [OCPIPushView]) {
        try await page(table: "ocpi_push_dead_letters", of: emsp, offset: offset, limit: limit, order: "dead_at")
    }

    private func page(table: String, of emsp: String, offset: Int, limit: Int, order: String) async throws -> (total: Int, pushes: [OCPIPushView]) {
        let dead = table == "ocpi_push_dead_letters"
        return try await database.withConnection { connection in
            let count = try await connection.raw("SELECT COUNT(*) AS n FROM \(ident: table) WHERE party = \(bind: emsp)").first()
            let total = try count?.decode(column: "n", as: Int.self) ?? 0
            let rows = try await connection.select().column("*").from(table).where("party", .equal, emsp)
                .orderBy(order, dead ? .descending : .ascending).orderBy("seq", dead ? .descending : .ascending)
                .offset(offset).limit(limit).all()
            let pushes = try rows.map { row in
                func text(_ column: String) throws -> String? {
                    try row.decodeNil(column: column) ? nil : try row.decode(column: column, as: String.self)
                }
                return OCPIPushView(
                    emsp: emsp, seq: try row.decode(column: "seq", as: Int64.self), objectKey: try row.decode(column: "object_key", as: String.self),
                    method: try row.decode(column: "method", as: String.self), module: try text("module"),
                    path: try text("path_json").flatMap { try? JSONDecoder().decode([String].self, from: Data($0.utf8)) }, url: try text("url"),
                    requestId: try row.decode(column: "request_id", as: String.self), enqueuedAt: try text("enqueued_at").flatMap(OCPPDateTime.parse),
                    attempts: try row.decode(column: "attempts", as: Int.self),
                    nextAttemptAt: dead ? nil : try text("next_attempt_at").flatMap(OCPPDateTime.parse), lastError: try text("last_error"),
                    leasedUntil: dead ? nil : try text("leased_until").flatMap(OCPPDateTime.parse),
                    reason: dead ? try text("reason") : nil, deadAt: dead ? try text("dead_at").flatMap(OCPPDateTime.parse) : nil)
            }
            return (total, pushes)
        }
    }
}
