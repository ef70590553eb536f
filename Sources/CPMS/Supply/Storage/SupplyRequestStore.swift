public import Foundation
import SQLKit

/// A supply request owed to a DSO, as a durable job.
public struct SupplyRequestJob: Sendable, Equatable {
    public enum State: String, Sendable, Codable {
        case pending, delivered, refused
    }

    public var id: String
    public var request: SupplyRequest
    /// `plan` (a shortfall of the plan) or `manual` (the API).
    public var origin: String
    public var state: State
    /// The DSO's refusal, or the last reason it could not be delivered.
    public var outcome: String?
    public var attempts: Int
    public var nextAttemptAt: Date
    public var createdAt: Date
    public var updatedAt: Date
}

/// `supply_requests`: written first, claimed with a lease (`FOR UPDATE SKIP LOCKED` on PostgreSQL, so several
/// cpms nodes share the queue), retried with backoff, kept with their outcome once delivered or refused.
public struct SupplyRequestStore: Sendable {
    let database: any CPMSDatabase

    public init(database: any CPMSDatabase) {
        self.database = database
    }

    /// Queues a request; a plan's request for a span already queued is not queued twice. Returns the job's id,
    /// nil when it was already queued.
    @discardableResult
    public func enqueue(_ request: SupplyRequest, origin: String, at time: Date) async throws -> String? {
        let id = UUID().uuidString.lowercased()
        let now = StoredTime.text(time)
        return try await database.withConnection { connection in
            let inserted = try await connection.raw(
                """
                INSERT INTO supply_requests (id, dso, grp, span_start, span_end, capacity_w, reason, origin, state, attempts, next_attempt_at, created_at, updated_at)
                VALUES (\(bind: id), \(bind: request.dso), \(bind: request.group), \(bind: StoredTime.text(request.start)), \(bind: StoredTime.text(request.end)),
                \(bind: request.capacityW), \(bind: String(request.reason.prefix(1000))), \(bind: origin), 'pending', 0, \(bind: now), \(bind: now), \(bind: now))
                ON CONFLICT DO NOTHING RETURNING id
                """
            ).all()
            return inserted.isEmpty ? nil : id
        }
    }

    /// Leases up to `limit` due pending jobs to `owner` until `leaseUntil`, oldest due first.
    public func claim(limit: Int, at now: Date, leaseUntil: Date, owner: String) async throws -> [SupplyRequestJob] {
        let now = StoredTime.text(now)
        let lock: SQLQueryString = database.kind == .postgres ? " FOR UPDATE SKIP LOCKED" : ""
        return try await database.transaction { connection in
            let rows = try await connection.raw(
                """
                SELECT * FROM supply_requests WHERE state = 'pending' AND next_attempt_at <= \(bind: now)
                AND (leased_until IS NULL OR leased_until <= \(bind: now)) ORDER BY next_attempt_at, id LIMIT \(bind: limit)\(lock)
                """
            ).all()
            let jobs = try rows.map(Self.job)
            guard !jobs.isEmpty else { return [] }
            try await connection.update("supply_requests")
                .set("leased_until", to: StoredTime.text(leaseUntil)).set("lease_owner", to: owner)
                .where("id", .in, jobs.map(\.id)).run()
            return jobs
        }
    }

    /// The job's final outcome (delivered, or refused with the reason), stored while `owner` holds its lease.
    @discardableResult
    public func finish(_ id: String, state: SupplyRequestJob.State, outcome: String?, owner: String, at time: Date) async throws -> Bool {
        try await database.withConnection { connection in
            try await connection.update("supply_requests")
                .set("state", to: state.rawValue).set("outcome", to: SQLBind(outcome.map { String($0.prefix(1000)) }))
                .set(SQLIdentifier("attempts"), to: SQLBinaryExpression(SQLIdentifier("attempts"), .add, SQLBind(1)))
                .set("updated_at", to: StoredTime.text(time)).set("leased_until", to: SQLLiteral.null).set("lease_owner", to: SQLLiteral.null)
                .where("id", .equal, id).where("lease_owner", .equal, owner).returning("id").all()
        }.isEmpty == false
    }

    /// Not delivered this time: counted, the reason kept, due again at `next`.
    @discardableResult
    public func retry(_ id: String, reason: String, owner: String, at time: Date, next: Date) async throws -> Bool {
        try await database.withConnection { connection in
            try await connection.update("supply_requests")
                .set("outcome", to: String(reason.prefix(1000)))
                .set(SQLIdentifier("attempts"), to: SQLBinaryExpression(SQLIdentifier("attempts"), .add, SQLBind(1)))
                .set("next_attempt_at", to: StoredTime.text(next)).set("updated_at", to: StoredTime.text(time))
                .set("leased_until", to: SQLLiteral.null).set("lease_owner", to: SQLLiteral.null)
                .where("id", .equal, id).where("lease_owner", .equal, owner).returning("id").all()
        }.isEmpty == false
    }

    /// The earliest time a pending job is due, nil when none is pending.
    public func nextDue() async throws -> Date? {
        try await database.withConnection { connection in
            try await connection.raw("SELECT MIN(next_attempt_at) AS due FROM supply_requests WHERE state = 'pending'").first()
                .flatMap { StoredTime.date(try $0.decode(column: "due", as: String?.self)) }
        }
    }

    /// Jobs newest first, optionally of one state.
    public func list(state: SupplyRequestJob.State? = nil, limit: Int = 500) async throws -> [SupplyRequestJob] {
        try await database.withConnection { connection in
            var query = connection.select().column("*").from("supply_requests")
            if let state { query = query.where("state", .equal, state.rawValue) }
            return try await query.orderBy("created_at", .descending).orderBy("id").limit(limit).all().map(Self.job)
        }
    }

    private static func job(_ row: any SQLRow) throws -> SupplyRequestJob {
        func date(_ column: String) throws -> Date { StoredTime.date(try row.decode(column: column, as: String?.self)) ?? .distantPast }
        return SupplyRequestJob(
            id: try row.decode(column: "id", as: String.self),
            request: SupplyRequest(
                dso: try row.decode(column: "dso", as: String.self), group: try row.decode(column: "grp", as: String.self),
                start: try date("span_start"), end: try date("span_end"), capacityW: try row.decode(column: "capacity_w", as: Double.self),
                reason: try row.decode(column: "reason", as: String.self)),
            origin: try row.decode(column: "origin", as: String.self),
            state: SupplyRequestJob.State(rawValue: try row.decode(column: "state", as: String.self)) ?? .pending,
            outcome: try row.decode(column: "outcome", as: String?.self), attempts: try row.decode(column: "attempts", as: Int.self),
            nextAttemptAt: try date("next_attempt_at"), createdAt: try date("created_at"), updatedAt: try date("updated_at"))
    }
}
