import Foundation
import OCPP
import SQLKit

/// Portal sessions (`portal_sessions`): only the SHA-256 of a session id is stored.
public struct PortalSessionStore: Sendable {
    let database: any CPMSDatabase

    public init(database: any CPMSDatabase) {
        self.database = database
    }

    /// Opens a session for `user` and returns its id (for the cookie) and CSRF token.
    func open(user: String, at time: Date, userAgent: String?, clientAddress: String?) async throws -> (id: String, csrfToken: String) {
        let id = Secrets.random(bytes: 32)
        let csrf = Secrets.random(bytes: 32)
        try await database.withConnection { connection in
            try await connection.insert(into: "portal_sessions")
                .columns("id_sha256", "user_name", "created_at", "last_seen_at", "csrf_token", "user_agent", "client_address")
                .values(Secrets.sha256Hex(id), user, StoredTime.text(time), StoredTime.text(time), csrf, userAgent.map { String($0.prefix(300)) }, clientAddress)
                .run()
        }
        return (id, csrf)
    }

    /// The live session with this id at `time`, nil when there is none, it expired (it is then deleted) or its
    /// user is disabled. `touch` records the use (which postpones the idle expiry).
    func session(id: String, at time: Date, settings: PortalSettings, touch: Bool) async throws -> PortalSession? {
        let digest = Secrets.sha256Hex(id)
        return try await database.withConnection { connection in
            guard let row = try await connection.select()
                .columns(SQLColumn("user_name", table: "s"), SQLColumn("created_at", table: "s"), SQLColumn("last_seen_at", table: "s"),
                         SQLColumn("csrf_token", table: "s"), SQLColumn("client_address", table: "s"), SQLColumn("role", table: "u"),
                         SQLColumn("disabled", table: "u"))
                .from(SQLAlias(SQLIdentifier("portal_sessions"), as: SQLIdentifier("s")))
                .join(SQLAlias(SQLIdentifier("portal_users"), as: SQLIdentifier("u")), on: SQLColumn("name", table: "u"), .equal, SQLColumn("user_name", table: "s"))
                .where(SQLColumn("id_sha256", table: "s"), .equal, SQLBind(digest)).first()
            else { return nil }
            let user = try row.decode(column: "user_name", as: String.self)
            guard let created = OCPPDateTime.parse(try row.decode(column: "created_at", as: String.self)),
                  let lastSeen = OCPPDateTime.parse(try row.decode(column: "last_seen_at", as: String.self)),
                  let role = PortalRole(rawValue: try row.decode(column: "role", as: String.self)),
                  try row.decode(column: "disabled", as: Int.self) == 0,
                  time.timeIntervalSince(lastSeen) < settings.idleTimeout.inSeconds,
                  time.timeIntervalSince(created) < settings.absoluteTimeout.inSeconds
            else {
                try await connection.delete(from: "portal_sessions").where("id_sha256", .equal, digest).run()
                return nil
            }
            if touch {
                try await connection.update("portal_sessions").set("last_seen_at", to: StoredTime.text(time)).where("id_sha256", .equal, digest).run()
            }
            return PortalSession(
                user: user, role: role, csrfToken: try row.decode(column: "csrf_token", as: String.self), createdAt: created,
                lastSeenAt: touch ? time : lastSeen, clientAddress: try row.decode(column: "client_address", as: String?.self))
        }
    }

    /// Ends the session with this id (logout).
    func close(id: String) async throws {
        let digest = Secrets.sha256Hex(id)
        try await database.withConnection { connection in
            try await connection.delete(from: "portal_sessions").where("id_sha256", .equal, digest).run()
        }
    }

    /// Deletes every session expired at `time`; returns how many.
    @discardableResult
    func deleteExpired(at time: Date, settings: PortalSettings) async throws -> Int {
        let idle = StoredTime.text(time.addingTimeInterval(-settings.idleTimeout.inSeconds))
        let absolute = StoredTime.text(time.addingTimeInterval(-settings.absoluteTimeout.inSeconds))
        return try await database.withConnection { connection in
            let count = try await connection.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("portal_sessions")
                .where("last_seen_at", .lessThanOrEqual, idle).orWhere("created_at", .lessThanOrEqual, absolute).first()?
                .decode(column: "n", as: Int.self) ?? 0
            try await connection.delete(from: "portal_sessions")
                .where("last_seen_at", .lessThanOrEqual, idle).orWhere("created_at", .lessThanOrEqual, absolute).run()
            return count
        }
    }
}
