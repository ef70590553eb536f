public import Foundation
import SQLKit

/// API bearer tokens: only their SHA-256 is stored.
public struct APITokenStore: Sendable {
    let database: any CPMSDatabase

    public init(database: any CPMSDatabase) {
        self.database = database
    }

    /// Creates a token named `name` and returns it; it cannot be read back later.
    public func add(name: String, at time: Date) async throws -> String {
        let token = Secrets.random(bytes: 32)
        try await database.withConnection { connection in
            try await connection.insert(into: "api_tokens").columns("token_sha256", "name", "created_at")
                .values(Secrets.sha256Hex(token), name, StoredTime.text(time)).run()
        }
        return token
    }

    /// The name of the token, nil when no such token exists.
    public func name(ofToken token: String) async throws -> String? {
        let digest = Secrets.sha256Hex(token)
        return try await database.withConnection { connection in
            try await connection.select().column("name").from("api_tokens").where("token_sha256", .equal, digest).first()?
                .decode(column: "name", as: String.self)
        }
    }
}
