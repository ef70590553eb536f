public import Foundation
import OCPI
public import SQLKit

/// The durable per-eMSP queue of pushes (`ocpi_push_queue`, migration 7): the enqueuing side.
///
/// A producer enqueues in the same transaction as the change it pushes (`enqueue(_:for:on:at:)`), so a change
/// is never stored without its pushes nor pushed without being stored. `wake` is called after the producer's
/// transaction has committed, so delivery starts at once rather than at its next poll.
public struct OCPIPushQueue: Sendable {
    let database: any CPMSDatabase
    /// Tells delivery that something was enqueued; set by the delivery service.
    public var wake: @Sendable () -> Void

    public init(database: any CPMSDatabase, wake: @escaping @Sendable () -> Void = {}) {
        self.database = database
        self.wake = wake
    }

    /// Enqueues `pushes`, in order, for each eMSP platform named in `parties` (`ocpi_parties.name`), inside the
    /// caller's transaction `connection`. Call `wake()` once that transaction has committed.
    ///
    /// A registered eMSP gets only the pushes it can take: those for a module it has a RECEIVER endpoint for, and
    /// those to an absolute URL. A pending one gets all of them (its endpoints come with its registration).
    public static func enqueue(_ pushes: [OCPIPush], for parties: [String], on connection: any SQLDatabase, at time: Date) async throws {
        guard !pushes.isEmpty else { return }
        let now = StoredTime.text(time)
        for party in parties {
            let receivers = try await receivingModules(of: party, on: connection)
            let pushes = pushes.filter { push in
                guard let receivers, case .module(let module, _) = push.target else { return true }
                return receivers.contains(module)
            }
            guard !pushes.isEmpty else { continue }
            var seq = try await reserve(pushes.count, for: party, on: connection)
            for push in pushes {
                var path: String?, url: String?, module: String?
                switch push.target {
                case .module(let id, let segments):
                    module = id.rawValue
                    path = String(decoding: try JSONEncoder().encode(segments), as: UTF8.self)
                case .url(let absolute):
                    url = absolute
                }
                try await connection.insert(into: "ocpi_push_queue")
                    .columns(
                        "party", "seq", "object_key", "module", "path_json", "url", "method", "body", "request_id", "enqueued_at",
                        "attempts", "next_attempt_at")
                    .values(
                        SQLBind(party), SQLBind(seq), SQLBind(push.objectKey), SQLBind(module), SQLBind(path), SQLBind(url),
                        SQLBind(push.method.rawValue), SQLBind(push.body.map { String(decoding: $0, as: UTF8.self) }),
                        SQLBind(UUID().uuidString.lowercased()), SQLBind(now), SQLBind(0), SQLBind(now))
                    .run()
                seq += 1
            }
        }
    }

    /// Enqueues `pushes` for `parties` in a transaction of its own, then wakes delivery.
    public func enqueue(_ pushes: [OCPIPush], for parties: [String], at time: Date) async throws {
        guard !pushes.isEmpty, !parties.isEmpty else { return }
        try await database.transaction { connection in
            try await Self.enqueue(pushes, for: parties, on: connection, at: time)
        }
        wake()
    }

    /// The names of the registered eMSPs, the audience of what cpms publishes to all (locations, tariffs).
    public static func registeredParties(on connection: any SQLDatabase) async throws -> [String] {
        try await connection.select().column("name").from("ocpi_parties")
            .where("status", .equal, OCPIPartyStatus.registered.rawValue).orderBy("name").all()
            .map { try $0.decode(column: "name", as: String.self) }
    }

    /// The modules a registered eMSP has a RECEIVER endpoint for; nil when it is not registered (or unknown).
    static func receivingModules(of party: String, on connection: any SQLDatabase) async throws -> Set<ModuleID>? {
        let row = try await connection.select().columns("status", "endpoints_json").from("ocpi_parties").where("name", .equal, party).first()
        guard let row, try row.decode(column: "status", as: String.self) == OCPIPartyStatus.registered.rawValue else { return nil }
        let endpoints = try JSONDecoder().decode([Endpoint].self, from: Data(try row.decode(column: "endpoints_json", as: String.self).utf8))
        return Set(endpoints.filter { $0.role == .receiver }.map(\.identifier))
    }

    /// Takes `count` sequence numbers for `party`; the counter's row lock orders concurrent enqueues.
    static func reserve(_ count: Int, for party: String, on connection: any SQLDatabase) async throws -> Int64 {
        let updated = try await connection.update("ocpi_push_counters")
            .set(SQLIdentifier("next_seq"), to: SQLBinaryExpression(SQLIdentifier("next_seq"), .add, SQLBind(count)))
            .where("party", .equal, party).returning("next_seq").first()
        if let updated { return try updated.decode(column: "next_seq", as: Int64.self) - Int64(count) }
        try await connection.insert(into: "ocpi_push_counters").columns("party", "next_seq").values(SQLBind(party), SQLBind(Int64(count) + 1))
            .onConflict(with: ["party"]) { $0.set(SQLIdentifier("next_seq"), to: SQLBinaryExpression(SQLColumn("next_seq", table: "ocpi_push_counters"), .add, SQLBind(count))) }
            .run()
        let row = try await connection.select().column("next_seq").from("ocpi_push_counters").where("party", .equal, party).first()
        guard let row else { throw OCPIPushQueueError(message: "no push counter for \(party)") }
        return try row.decode(column: "next_seq", as: Int64.self) - Int64(count)
    }
}

public struct OCPIPushQueueError: Error, Sendable, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}
