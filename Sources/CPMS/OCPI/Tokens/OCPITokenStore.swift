public import Foundation
public import OCPI
import SQLKit

/// The tokens eMSPs gave cpms (`ocpi_tokens`, migration 8) and the real-time authorizations they answered
/// (`ocpi_authorizations`, migration 11).
///
/// A token is named by country code, party id, uid and type, compared without case (OCPI CiString; some eMSPs
/// lower-case what they store); the first spelling stored is kept.
public struct OCPITokenStore: Sendable {
    let database: any CPMSDatabase

    public init(database: any CPMSDatabase) {
        self.database = database
    }

    /// A stored token and the eMSP platform (`ocpi_parties.name`) that gave it.
    public struct Stored: Sendable, Equatable {
        public var token: Token
        public var emsp: String
    }

    /// The token with this identity; nil when cpms has none.
    public func token(countryCode: String, partyID: String, uid: String, type: TokenType) async throws -> Stored? {
        try await database.withConnection { connection in
            try await Self.row(countryCode: countryCode, partyID: partyID, uid: uid, type: type, on: connection).map(Self.stored)
        }
    }

    /// Every stored token with this uid (any party, any type), newest first.
    public func tokens(uid: String) async throws -> [Stored] {
        try await database.withConnection { connection in
            try await connection.select().column("*").from("ocpi_tokens")
                .where(SQLFunction("LOWER", args: SQLIdentifier("uid")), .equal, SQLBind(uid.lowercased()))
                .orderBy("last_updated", .descending).all().map(Self.stored)
        }
    }

    /// Stores `token` for `emsp`, replacing the one with the same identity.
    public func put(_ token: Token, emsp: String) async throws {
        try await database.transaction { connection in
            try await Self.put(token, emsp: emsp, on: connection)
        }
    }

    /// Changes the stored token with `change` (read and written in one transaction); nil when there is none.
    public func update(
        countryCode: String, partyID: String, uid: String, type: TokenType, emsp: String,
        _ change: @escaping @Sendable (Token) throws -> Token
    ) async throws -> Token? {
        try await database.transaction { connection in
            guard let row = try await Self.row(countryCode: countryCode, partyID: partyID, uid: uid, type: type, on: connection) else { return nil }
            let stored = try Self.stored(row)
            let changed = try change(stored.token)
            try await Self.put(changed, emsp: emsp, on: connection)
            return changed
        }
    }

    static func put(_ token: Token, emsp: String, on connection: any SQLDatabase) async throws {
        let json = String(decoding: try OCPICoding.encode(token), as: UTF8.self)
        let existing = try await row(countryCode: token.countryCode, partyID: token.partyID, uid: token.uid, type: token.type, on: connection)
        if let existing {
            try await connection.update("ocpi_tokens")
                .set("emsp", to: emsp).set("token_json", to: json).set("valid", to: token.valid ? 1 : 0)
                .set("last_updated", to: StoredTime.text(token.lastUpdated.date))
                .where("country_code", .equal, try existing.decode(column: "country_code", as: String.self))
                .where("party_id", .equal, try existing.decode(column: "party_id", as: String.self))
                .where("uid", .equal, try existing.decode(column: "uid", as: String.self))
                .where("type", .equal, token.type.rawValue)
                .run()
        } else {
            try await connection.insert(into: "ocpi_tokens")
                .columns("country_code", "party_id", "uid", "type", "emsp", "token_json", "valid", "last_updated")
                .values(
                    SQLBind(token.countryCode), SQLBind(token.partyID), SQLBind(token.uid), SQLBind(token.type.rawValue), SQLBind(emsp),
                    SQLBind(json), SQLBind(token.valid ? 1 : 0), SQLBind(StoredTime.text(token.lastUpdated.date)))
                .run()
        }
    }

    private static func row(countryCode: String, partyID: String, uid: String, type: TokenType, on connection: any SQLDatabase) async throws -> (any SQLRow)? {
        try await connection.select().column("*").from("ocpi_tokens")
            .where(SQLFunction("LOWER", args: SQLIdentifier("country_code")), .equal, SQLBind(countryCode.lowercased()))
            .where(SQLFunction("LOWER", args: SQLIdentifier("party_id")), .equal, SQLBind(partyID.lowercased()))
            .where(SQLFunction("LOWER", args: SQLIdentifier("uid")), .equal, SQLBind(uid.lowercased()))
            .where("type", .equal, type.rawValue)
            .first()
    }

    private static func stored(_ row: any SQLRow) throws -> Stored {
        let json = try row.decode(column: "token_json", as: String.self)
        return Stored(token: try OCPICoding.decode(Token.self, from: Data(json.utf8)), emsp: try row.decode(column: "emsp", as: String.self))
    }

    // MARK: Authorizations

    /// What an eMSP (or cpms for a command) decided about a token at a station.
    public struct Authorization: Sendable, Equatable {
        public var station: String
        public var idToken: String
        public var emsp: String
        public var allowed: AllowedType
        public var authorizationReference: String?
        public var at: Date

        public init(station: String, idToken: String, emsp: String, allowed: AllowedType, authorizationReference: String?, at: Date) {
            self.station = station
            self.idToken = idToken
            self.emsp = emsp
            self.allowed = allowed
            self.authorizationReference = authorizationReference
            self.at = at
        }
    }

    public func record(_ authorization: Authorization) async throws {
        try await database.withConnection { connection in
            try await Self.record(authorization, on: connection)
        }
    }

    static func record(_ authorization: Authorization, on connection: any SQLDatabase) async throws {
        try await connection.insert(into: "ocpi_authorizations")
            .columns("station", "id_token", "authorized_at", "emsp", "allowed", "authorization_reference")
            .values(
                SQLBind(authorization.station), SQLBind(authorization.idToken), SQLBind(StoredTime.text(authorization.at)),
                SQLBind(authorization.emsp), SQLBind(authorization.allowed.rawValue), SQLBind(authorization.authorizationReference))
            .onConflict(with: ["station", "id_token", "authorized_at"]) {
                $0.set(excludedValueOf: "emsp").set(excludedValueOf: "allowed").set(excludedValueOf: "authorization_reference")
            }
            .run()
    }

    /// The latest authorization of `idToken` at `station` (the token compared without case), if any.
    public func latestAuthorization(station: String, idToken: String) async throws -> Authorization? {
        let row = try await database.withConnection { connection in
            try await connection.select().column("*").from("ocpi_authorizations")
                .where("station", .equal, station)
                .where(SQLFunction("LOWER", args: SQLIdentifier("id_token")), .equal, SQLBind(idToken.lowercased()))
                .orderBy("authorized_at", .descending).first()
        }
        guard let row else { return nil }
        let allowed = try row.decode(column: "allowed", as: String.self)
        return Authorization(
            station: try row.decode(column: "station", as: String.self), idToken: try row.decode(column: "id_token", as: String.self),
            emsp: try row.decode(column: "emsp", as: String.self), allowed: AllowedType(rawValue: allowed) ?? .notAllowed,
            authorizationReference: try row.decodeNil(column: "authorization_reference")
                ? nil : try row.decode(column: "authorization_reference", as: String.self),
            at: LocationStore.date(try row.decode(column: "authorized_at", as: String.self)))
    }
}
