public import Foundation
public import SQLKit
import OCPP

/// The portal's accounts (`portal_users`).
public struct PortalUserStore: Sendable {
    let database: any CPMSDatabase

    public init(database: any CPMSDatabase) {
        self.database = database
    }

    /// A refused account change, with what to tell the operator.
    public struct Refusal: Error, Equatable, CustomStringConvertible, Sendable {
        public let description: String
    }

    /// Adds an account; refuses a name that exists already (disabled or not).
    public func add(name: String, role: PortalRole, passwordHash: String, at time: Date, on connection: (any SQLDatabase)? = nil) async throws {
        try await run(on: connection) { connection in
            if try await Self.row(name, on: connection) != nil { throw Refusal(description: "user \(name) exists already") }
            try await connection.insert(into: "portal_users").columns("name", "role", "password_hash", "created_at", "disabled")
                .values(name, role.rawValue, passwordHash, StoredTime.text(time), 0).run()
        }
    }

    /// Every account, by name.
    public func all() async throws -> [PortalUser] {
        try await database.withConnection { connection in
            try await connection.select().columns("name", "role", "created_at", "disabled").from("portal_users")
                .orderBy("name").all().compactMap(Self.user)
        }
    }

    public func user(_ name: String, on connection: (any SQLDatabase)? = nil) async throws -> PortalUser? {
        try await run(on: connection) { connection in try await Self.row(name, on: connection).flatMap(Self.user) }
    }

    /// The account and its password hash, for checking a login.
    func credentials(_ name: String) async throws -> (user: PortalUser, passwordHash: String)? {
        try await database.withConnection { connection in
            guard let row = try await Self.row(name, on: connection), let user = Self.user(row) else { return nil }
            return (user, try row.decode(column: "password_hash", as: String.self))
        }
    }

    /// Disables an account and ends its sessions; false when there is no such account.
    @discardableResult
    public func disable(_ name: String, on connection: (any SQLDatabase)? = nil) async throws -> Bool {
        try await run(on: connection) { connection in
            guard try await Self.row(name, on: connection) != nil else { return false }
            try await connection.update("portal_users").set("disabled", to: 1).where("name", .equal, name).run()
            try await connection.delete(from: "portal_sessions").where("user_name", .equal, name).run()
            return true
        }
    }

    /// Replaces an account's password hash and ends its sessions; false when there is no such account.
    @discardableResult
    public func setPasswordHash(_ name: String, to hash: String, on connection: (any SQLDatabase)? = nil) async throws -> Bool {
        try await run(on: connection) { connection in
            guard try await Self.row(name, on: connection) != nil else { return false }
            try await connection.update("portal_users").set("password_hash", to: hash).where("name", .equal, name).run()
            try await connection.delete(from: "portal_sessions").where("user_name", .equal, name).run()
            return true
        }
    }

    private func run<T: Sendable>(on connection: (any SQLDatabase)?, _ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        if let connection { return try await body(connection) }
        return try await database.transaction(body)
    }

    private static func row(_ name: String, on connection: any SQLDatabase) async throws -> (any SQLRow)? {
        try await connection.select().columns("name", "role", "password_hash", "created_at", "disabled").from("portal_users")
            .where("name", .equal, name).first()
    }

    private static func user(_ row: any SQLRow) -> PortalUser? {
        guard let name = try? row.decode(column: "name", as: String.self),
              let role = (try? row.decode(column: "role", as: String.self)).flatMap(PortalRole.init(rawValue:)),
              let created = (try? row.decode(column: "created_at", as: String.self)).flatMap(OCPPDateTime.parse),
              let disabled = try? row.decode(column: "disabled", as: Int.self)
        else { return nil }
        return PortalUser(name: name, role: role, createdAt: created, disabled: disabled != 0)
    }
}
