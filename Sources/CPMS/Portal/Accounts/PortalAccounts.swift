public import Foundation

/// Account changes with their audit entries, each in one transaction: what `cpms user` and the Users page do.
public struct PortalAccounts: Sendable {
    let database: any CPMSDatabase

    public init(database: any CPMSDatabase) {
        self.database = database
    }

    /// What the audit log keeps of an account (never its password hash).
    struct Audited: Sendable, Encodable {
        let name: String
        let role: String
        let disabled: Bool
    }

    public func add(name: String, role: PortalRole, passwordHash: String, by actor: AuditLog.Actor, at time: Date) async throws {
        let users = PortalUserStore(database: database), audit = AuditLog(database: database)
        try await database.transaction { connection in
            try await users.add(name: name, role: role, passwordHash: passwordHash, at: time, on: connection)
            try await audit.record(
                actor: actor, action: "user.add", target: "user:\(name)", before: Audited?.none,
                after: Audited(name: name, role: role.rawValue, disabled: false), at: time, on: connection)
        }
    }

    /// Disables the account and ends its sessions; false when there is no such account.
    public func disable(name: String, by actor: AuditLog.Actor, at time: Date) async throws -> Bool {
        let users = PortalUserStore(database: database), audit = AuditLog(database: database)
        return try await database.transaction { connection in
            guard let before = try await users.user(name, on: connection) else { return false }
            guard !before.disabled else { return true }
            try await users.disable(name, on: connection)
            try await audit.record(
                actor: actor, action: "user.disable", target: "user:\(name)",
                before: Audited(name: name, role: before.role.rawValue, disabled: false),
                after: Audited(name: name, role: before.role.rawValue, disabled: true), at: time, on: connection)
            return true
        }
    }

    /// Replaces the password hash and ends the account's sessions; false when there is no such account.
    public func setPassword(name: String, hash: String, by actor: AuditLog.Actor, at time: Date) async throws -> Bool {
        let users = PortalUserStore(database: database), audit = AuditLog(database: database)
        return try await database.transaction { connection in
            guard try await users.setPasswordHash(name, to: hash, on: connection) else { return false }
            try await audit.record(
                actor: actor, action: "user.password", target: "user:\(name)", before: Audited?.none, after: Audited?.none, at: time,
                on: connection)
            return true
        }
    }
}
