public import Foundation
public import SQLKit
import OCPP

/// One change made in the portal or with `cpms user`: who, when, what, before and after.
public struct AuditEntry: Sendable, Equatable {
    public let id: String
    public let at: Date
    public let actor: String
    public let role: String
    public let action: String
    public let target: String
    public let beforeJSON: String?
    public let afterJSON: String?
    public let clientAddress: String?
}

/// The audit log (`portal_audit_log`). Every change is recorded through `record`, in the same transaction as
/// the change where the caller has one (pass its connection).
public struct AuditLog: Sendable {
    let database: any CPMSDatabase

    public init(database: any CPMSDatabase) {
        self.database = database
    }

    /// Who made a change: a portal session's user, or the command line.
    public struct Actor: Sendable, Equatable {
        public let name: String
        public let role: String
        public let clientAddress: String?

        public init(name: String, role: String, clientAddress: String? = nil) {
            self.name = name
            self.role = role
            self.clientAddress = clientAddress
        }

        public init(_ session: PortalSession) {
            self.init(name: session.user, role: session.role.rawValue, clientAddress: session.clientAddress)
        }

        /// `cpms user ...` run on the server.
        public static let commandLine = Actor(name: "cpms-cli", role: "command-line")
    }

    /// Records a change; `before` and `after` are encoded as JSON (nil: nothing before / after).
    ///
    /// `action` is a dotted verb (`user.add`, `tariff.update`), `target` what it changed (`user:alice`).
    public func record<Before: Encodable & Sendable, After: Encodable & Sendable>(
        actor: Actor, action: String, target: String, before: Before?, after: After?, at time: Date, on connection: (any SQLDatabase)? = nil
    ) async throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(StoredTime.text(date))
        }
        let beforeJSON = try before.map { String(decoding: try encoder.encode($0), as: UTF8.self) }
        let afterJSON = try after.map { String(decoding: try encoder.encode($0), as: UTF8.self) }
        let id = StoredTime.text(time) + "-" + Secrets.random(bytes: 6)
        let insert: @Sendable (any SQLDatabase) async throws -> Void = { connection in
            try await connection.insert(into: "portal_audit_log")
                .columns("id", "at", "actor", "role", "action", "target", "before_json", "after_json", "client_address")
                .values(id, StoredTime.text(time), actor.name, actor.role, action, target, beforeJSON, afterJSON, actor.clientAddress).run()
        }
        if let connection { try await insert(connection) } else { try await database.withConnection(insert) }
    }

    /// One page of the log, newest first, and whether an older page exists.
    public func page(offset: Int, limit: Int) async throws -> (entries: [AuditEntry], more: Bool) {
        let rows = try await database.withConnection { connection in
            try await connection.select()
                .columns("id", "at", "actor", "role", "action", "target", "before_json", "after_json", "client_address")
                .from("portal_audit_log").orderBy("at", .descending).orderBy("id", .descending)
                .limit(limit + 1).offset(offset).all()
        }
        let entries = rows.compactMap { row -> AuditEntry? in
            guard let at = (try? row.decode(column: "at", as: String.self)).flatMap(OCPPDateTime.parse) else { return nil }
            return try? AuditEntry(
                id: row.decode(column: "id", as: String.self), at: at, actor: row.decode(column: "actor", as: String.self),
                role: row.decode(column: "role", as: String.self), action: row.decode(column: "action", as: String.self),
                target: row.decode(column: "target", as: String.self), beforeJSON: row.decode(column: "before_json", as: String?.self),
                afterJSON: row.decode(column: "after_json", as: String?.self), clientAddress: row.decode(column: "client_address", as: String?.self))
        }
        return (Array(entries.prefix(limit)), rows.count > limit)
    }
}
