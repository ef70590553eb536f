public import Foundation
public import OCPI
import OCPP
public import SQLKit

/// The eMSPs in `ocpi_parties`. Tokens that call cpms are kept only as their SHA-256.
public struct OCPIPartyStore: Sendable {
    let database: any CPMSDatabase

    public init(database: any CPMSDatabase) {
        self.database = database
    }

    /// What a token presented to cpms grants.
    public enum Grant: Sendable, Equatable {
        /// Token A, or cpms's token B while its own registration at the eMSP is under way: versions and credentials only.
        case registration
        /// The token of a registered eMSP: every module.
        case registered
    }

    /// Adds a pending eMSP and returns its token A (for its registration only); nil when the name is taken.
    public func add(name: String, at time: Date) async throws -> String? {
        let token = Secrets.random(bytes: 32)
        let inserted = try await database.withConnection { connection in
            try await connection.insert(into: "ocpi_parties")
                .columns("name", "status", "registration_token_sha256", "endpoints_json", "roles_json", "created_at", "updated_at")
                .values(name, OCPIPartyStatus.pending.rawValue, Secrets.sha256Hex(token), "[]", "[]", StoredTime.text(time), StoredTime.text(time))
                .ignoringConflicts(with: ["name"]).returning("name").all()
        }
        return inserted.isEmpty ? nil : token
    }

    /// The eMSP a token presented to cpms belongs to, and what it grants; nil for an unknown or spent token.
    public func authenticate(token: String) async throws -> (party: OCPIParty, grant: Grant)? {
        let digest = Secrets.sha256Hex(token)
        let row = try await database.withConnection { connection in
            try await connection.select().column("*").from("ocpi_parties")
                .where("incoming_token_sha256", .equal, digest).orWhere("registration_token_sha256", .equal, digest).first()
        }
        guard let row else { return nil }
        let party = try Self.party(row)
        let incoming = try row.decodeNil(column: "incoming_token_sha256") ? nil : try row.decode(column: "incoming_token_sha256", as: String.self)
        switch party.status {
        case .registered where incoming == digest: return (party, .registered)
        case .pending: return (party, .registration)
        default: return nil
        }
    }

    public func party(named name: String) async throws -> OCPIParty? {
        try await database.withConnection { connection in
            try await connection.select().column("*").from("ocpi_parties").where("name", .equal, name).first()
        }.map(Self.party)
    }

    public func all() async throws -> [OCPIParty] {
        try await database.withConnection { connection in
            try await connection.select().column("*").from("ocpi_parties").orderBy("name").all()
        }.map(Self.party)
    }

    /// The registered eMSPs, for modules that push to every one.
    public func registered() async throws -> [OCPIParty] {
        try await all().filter { $0.status == .registered }
    }

    /// Removes the eMSP; false when there was none.
    public func remove(name: String) async throws -> Bool {
        try await database.withConnection { connection in
            try await connection.delete(from: "ocpi_parties").where("name", .equal, name).returning("name").all()
        }.isEmpty == false
    }

    /// cpms starts registering at an eMSP: the party (created when new, otherwise made pending again) will call
    /// cpms with `incomingToken` (token B) while the handshake runs. False when the name is a registered eMSP.
    public func beginOwnRegistration(name: String, versionsURL: String, incomingToken: String, at time: Date) async throws -> Bool {
        let digest = Secrets.sha256Hex(incomingToken)
        return try await database.transaction { connection in
            let existing = try await connection.select().column("status").from("ocpi_parties").where("name", .equal, name).first()
            if let existing {
                guard try existing.decode(column: "status", as: String.self) != OCPIPartyStatus.registered.rawValue else { return false }
                try await connection.update("ocpi_parties")
                    .set("status", to: OCPIPartyStatus.pending.rawValue).set("registration_token_sha256", to: SQLLiteral.null)
                    .set("incoming_token_sha256", to: digest).set("versions_url", to: versionsURL).set("updated_at", to: StoredTime.text(time))
                    .where("name", .equal, name).run()
            } else {
                try await connection.insert(into: "ocpi_parties")
                    .columns("name", "status", "incoming_token_sha256", "versions_url", "endpoints_json", "roles_json", "created_at", "updated_at")
                    .values(name, OCPIPartyStatus.pending.rawValue, digest, versionsURL, "[]", "[]", StoredTime.text(time), StoredTime.text(time))
                    .run()
            }
            return true
        }
    }

    /// What a completed handshake (or a credentials update) stores.
    public struct Registration: Sendable {
        public var incomingToken: String
        public var outgoingToken: String
        public var versionsURL: String
        public var version: VersionNumber
        public var endpoints: [Endpoint]
        public var roles: [CredentialsRole]

        public init(incomingToken: String, outgoingToken: String, versionsURL: String, version: VersionNumber, endpoints: [Endpoint], roles: [CredentialsRole]) {
            self.incomingToken = incomingToken
            self.outgoingToken = outgoingToken
            self.versionsURL = versionsURL
            self.version = version
            self.endpoints = endpoints
            self.roles = roles
        }
    }

    /// Stores a registration of the eMSP `name` if it is still `from` (pending, or registered for an update)
    /// and still known by `presentedToken`: the token A or B it used is spent. False when something else won.
    ///
    /// `then` runs in the same transaction once the registration is stored, with the endpoints the eMSP had before
    /// as far as pushes go (none unless it was registered already): it enqueues what the eMSP is owed.
    public func register(
        name: String, from status: OCPIPartyStatus, presentedToken: String, _ registration: Registration, at time: Date,
        then: (@Sendable (_ connection: any SQLDatabase, _ endpointsBefore: [Endpoint]) async throws -> Void)? = nil
    ) async throws -> Bool {
        let presented = Secrets.sha256Hex(presentedToken)
        let endpoints = String(decoding: try OCPICoding.encode(registration.endpoints), as: UTF8.self)
        let roles = String(decoding: try OCPICoding.encode(registration.roles), as: UTF8.self)
        return try await database.transaction { connection in
            let row = try await connection.select().column("*").from("ocpi_parties").where("name", .equal, name).first()
            guard let row, try row.decode(column: "status", as: String.self) == status.rawValue else { return false }
            let tokens = try ["registration_token_sha256", "incoming_token_sha256"].map { column in
                try row.decodeNil(column: column) ? nil : try row.decode(column: column, as: String.self)
            }
            guard tokens.contains(presented) else { return false }
            try await connection.update("ocpi_parties")
                .set("status", to: OCPIPartyStatus.registered.rawValue).set("registration_token_sha256", to: SQLLiteral.null)
                .set("incoming_token_sha256", to: Secrets.sha256Hex(registration.incomingToken))
                .set("outgoing_token", to: registration.outgoingToken).set("versions_url", to: registration.versionsURL)
                .set("version", to: registration.version.rawValue).set("endpoints_json", to: endpoints).set("roles_json", to: roles)
                .set("updated_at", to: StoredTime.text(time))
                .where("name", .equal, name).run()
            if let then {
                let before = status == .registered ? try Self.party(row).endpoints : []
                try await then(connection, before)
            }
            return true
        }
    }

    /// Ends the eMSP's registration: its tokens stop working and cpms forgets the one it called it with.
    /// False when it was not registered.
    public func unregister(name: String, at time: Date) async throws -> Bool {
        try await database.withConnection { connection in
            try await connection.update("ocpi_parties")
                .set("status", to: OCPIPartyStatus.unregistered.rawValue).set("registration_token_sha256", to: SQLLiteral.null)
                .set("incoming_token_sha256", to: SQLLiteral.null).set("outgoing_token", to: SQLLiteral.null)
                .set("updated_at", to: StoredTime.text(time))
                .where("name", .equal, name).where("status", .equal, OCPIPartyStatus.registered.rawValue)
                .returning("name").all()
        }.isEmpty == false
    }

    /// Sets a pending own registration that failed back: the token B it offered no longer works.
    public func abandonOwnRegistration(name: String, incomingToken: String, at time: Date) async throws {
        try await database.withConnection { connection in
            try await connection.update("ocpi_parties")
                .set("incoming_token_sha256", to: SQLLiteral.null).set("updated_at", to: StoredTime.text(time))
                .where("name", .equal, name).where("incoming_token_sha256", .equal, Secrets.sha256Hex(incomingToken))
                .where("status", .equal, OCPIPartyStatus.pending.rawValue).run()
        }
    }

    static func party(_ row: any SQLRow) throws -> OCPIParty {
        func optional(_ column: String) throws -> String? {
            try row.decodeNil(column: column) ? nil : try row.decode(column: column, as: String.self)
        }
        let statusText = try row.decode(column: "status", as: String.self)
        let endpoints = try JSONDecoder().decode([Endpoint].self, from: Data(try row.decode(column: "endpoints_json", as: String.self).utf8))
        let roles = try JSONDecoder().decode([CredentialsRole].self, from: Data(try row.decode(column: "roles_json", as: String.self).utf8))
        return OCPIParty(
            name: try row.decode(column: "name", as: String.self), status: OCPIPartyStatus(rawValue: statusText) ?? .unregistered,
            roles: roles, versionsURL: try optional("versions_url"), version: try optional("version").map(VersionNumber.init(rawValue:)),
            endpoints: endpoints, outgoingToken: try optional("outgoing_token"),
            createdAt: OCPPDateTime.parse(try row.decode(column: "created_at", as: String.self)) ?? .distantPast,
            updatedAt: OCPPDateTime.parse(try row.decode(column: "updated_at", as: String.self)) ?? .distantPast)
    }
}
