public import Logging
public import SQLKit

/// The dialects cpms writes SQL for; the SQL itself is the same for both.
public enum DatabaseKind: String, Sendable {
    case sqlite
    case postgres
}

/// A pool of connections to cpms's database, SQLite or PostgreSQL.
///
/// A connection is leased for the whole of `withConnection`, so a transaction run in it sees no other
/// task's statements.
public protocol CPMSDatabase: Sendable {
    var kind: DatabaseKind { get }
    /// How many ingestion batches may be written at the same time (SQLite has one writer).
    var concurrentWriters: Int { get }
    func withConnection<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T
    /// A connection for reads only, which need not wait for the writers (the portal's pages): SQLite's own reader
    /// connection beside the one that writes; any pooled connection on PostgreSQL.
    func withReadConnection<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T
    /// Closes every connection; afterwards the pool refuses work.
    func shutdown() async
}

extension CPMSDatabase {
    public func withReadConnection<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await withConnection(body)
    }

    /// Runs `body` in one transaction: committed when it returns, rolled back when it throws.
    ///
    /// The transaction runs in a task of its own that the caller only waits for: a cancelled caller (a station's
    /// connection closing while its message is stored) cannot stop it between BEGIN and COMMIT or ROLLBACK,
    /// which would leave the pooled connection inside a transaction and fail every later BEGIN on it.
    public func transaction<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await Task {
            try await withConnection { connection in
                try await connection.raw("BEGIN").run()
                do {
                    let result = try await body(connection)
                    try await connection.raw("COMMIT").run()
                    return result
                } catch {
                    try? await connection.raw("ROLLBACK").run()
                    throw error
                }
            }
        }.value
    }
}

/// Opens the database a URL names; the connection is tried once so that a wrong URL fails here.
public func openDatabase(_ url: DatabaseURL, logger: Logger) async throws -> any CPMSDatabase {
    let database: any CPMSDatabase
    switch url {
    case .sqlite(let path):
        database = try await SQLiteDatabasePool.open(path: path, logger: logger)
    case .postgres(let text):
        database = try await PostgresDatabasePool.open(url: text, logger: logger)
    }
    do {
        try await database.withConnection { try await $0.raw("SELECT 1").run() }
    } catch {
        await database.shutdown()
        throw DatabaseOpenError(description: "cannot connect to \(url): \(String(reflecting: error))")
    }
    return database
}

/// The database could not be opened.
public struct DatabaseOpenError: Error, CustomStringConvertible, Sendable {
    public let description: String
}
