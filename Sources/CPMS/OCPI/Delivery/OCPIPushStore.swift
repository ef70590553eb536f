public import Foundation
import SQLKit

/// Delivery's side of `ocpi_push_queue`: claiming due rows with a lease, and storing each attempt's outcome.
///
/// A row is claimable when it is due, not leased (or its lease has run out: the worker that held it is gone)
/// and is its object's head: no row of the same eMSP and object key with a lower `seq` is left. So an object's
/// next push waits until the previous one was taken or set aside, and nothing else waits for it. An outcome is
/// stored only by the worker that still holds the row's lease.
public struct OCPIPushStore: Sendable {
    let database: any CPMSDatabase

    public init(database: any CPMSDatabase) {
        self.database = database
    }

    private static let columns = "q.party, q.seq, q.object_key, q.module, q.path_json, q.url, q.method, q.body, q.request_id, q.enqueued_at, q.attempts, q.last_error"

    private static func claimable(at now: String) -> SQLQueryString {
        """
        q.next_attempt_at <= \(bind: now) AND (q.leased_until IS NULL OR q.leased_until <= \(bind: now))
        AND NOT EXISTS (SELECT 1 FROM ocpi_push_queue p WHERE p.party = q.party AND p.object_key = q.object_key AND p.seq < q.seq)
        """
    }

    /// The eMSPs with a push that could be claimed at `now`.
    public func partiesWithClaimablePushes(at now: Date) async throws -> [String] {
        let condition = Self.claimable(at: StoredTime.text(now))
        return try await database.withConnection { connection in
            try await connection.raw("SELECT DISTINCT q.party FROM ocpi_push_queue q WHERE \(condition) ORDER BY q.party").all()
                .map { try $0.decode(column: "party", as: String.self) }
        }
    }

    /// Leases up to `limit` of `party`'s claimable pushes to `owner` until `leaseUntil`, oldest first.
    public func claim(party: String, limit: Int, at now: Date, leaseUntil: Date, owner: String) async throws -> [OCPIQueuedPush] {
        guard limit > 0 else { return [] }
        let condition = Self.claimable(at: StoredTime.text(now))
        let lock: SQLQueryString = database.kind == .postgres ? " FOR UPDATE SKIP LOCKED" : ""
        let until = StoredTime.text(leaseUntil)
        return try await database.transaction { connection in
            let rows = try await connection.raw(
                "SELECT \(unsafeRaw: Self.columns) FROM ocpi_push_queue q WHERE q.party = \(bind: party) AND \(condition) ORDER BY q.seq LIMIT \(bind: limit)\(lock)"
            ).all()
            let pushes = try rows.map(OCPIQueuedPush.init(row:))
            guard !pushes.isEmpty else { return [] }
            try await connection.update("ocpi_push_queue")
                .set("leased_until", to: SQLBind(until)).set("lease_owner", to: SQLBind(owner))
                .where("party", .equal, party).where("seq", .in, pushes.map(\.seq))
                .run()
            return pushes
        }
    }

    /// The eMSP took the push (or it was dropped): its row goes. False when `owner` no longer held the lease.
    @discardableResult
    public func delivered(_ push: OCPIQueuedPush, owner: String) async throws -> Bool {
        try await database.withConnection { connection in
            try await connection.delete(from: "ocpi_push_queue")
                .where("party", .equal, push.party).where("seq", .equal, push.seq).where("lease_owner", .equal, owner)
                .returning("seq").all()
        }.isEmpty == false
    }

    /// The attempt failed and may succeed later: counted, the error kept, due again at `next`.
    @discardableResult
    public func retry(_ push: OCPIQueuedPush, owner: String, error: String, at time: Date, next: Date) async throws -> Bool {
        try await database.withConnection { connection in
            try await connection.update("ocpi_push_queue")
                .set(SQLIdentifier("attempts"), to: SQLBinaryExpression(SQLIdentifier("attempts"), .add, SQLBind(1)))
                .set("last_error", to: SQLBind(String(error.prefix(1000))))
                .set("next_attempt_at", to: SQLBind(StoredTime.text(next)))
                .set("last_attempt_at", to: SQLBind(StoredTime.text(time)))
                .set("leased_until", to: SQLLiteral.null).set("lease_owner", to: SQLLiteral.null)
                .where("party", .equal, push.party).where("seq", .equal, push.seq).where("lease_owner", .equal, owner)
                .returning("seq").all()
        }.isEmpty == false
    }

    /// The attempt was cut short (cpms is stopping): the lease is given back, nothing counted.
    public func release(_ push: OCPIQueuedPush, owner: String) async throws {
        try await database.withConnection { connection in
            try await connection.update("ocpi_push_queue")
                .set("leased_until", to: SQLLiteral.null).set("lease_owner", to: SQLLiteral.null)
                .where("party", .equal, push.party).where("seq", .equal, push.seq).where("lease_owner", .equal, owner)
                .run()
        }
    }

    /// Trying again cannot help: the push moves to `ocpi_push_dead_letters` with `reason`, out of its object's way.
    @discardableResult
    public func deadLetter(_ push: OCPIQueuedPush, owner: String, reason: String, at time: Date) async throws -> Bool {
        let now = StoredTime.text(time)
        let reason = String(reason.prefix(1000))
        return try await database.transaction { connection in
            try await connection.raw(
                """
                INSERT INTO ocpi_push_dead_letters (party, seq, object_key, module, path_json, url, method, body, request_id, enqueued_at, attempts, last_error, reason, dead_at)
                SELECT party, seq, object_key, module, path_json, url, method, body, request_id, enqueued_at, attempts + 1, \(bind: reason), \(bind: reason), \(bind: now)
                FROM ocpi_push_queue WHERE party = \(bind: push.party) AND seq = \(bind: push.seq) AND lease_owner = \(bind: owner)
                """
            ).run()
            return try await connection.delete(from: "ocpi_push_queue")
                .where("party", .equal, push.party).where("seq", .equal, push.seq).where("lease_owner", .equal, owner)
                .returning("seq").all().isEmpty == false
        }
    }
}
