import Foundation
import Logging
import NIOCore
import NIOPosix
import SQLiteKit

/// SQLite through sqlite-kit's source and async-kit's `EventLoopConnectionPool` on one event loop.
///
/// SQLite has one writer at a time, so ingestion writes one batch at a time (`concurrentWriters` 1) while the
/// API reads on the other connections; WAL mode lets those reads run beside the write, and `busy_timeout`
/// makes a rare second writer (a CLI command, say) wait for the lock instead of failing.
/// The pool is `@unchecked Sendable` as async-kit's own group pool is: it confines its state to its event loop
/// and hops there from any thread.
final class SQLiteDatabasePool: CPMSDatabase, @unchecked Sendable {
    let kind = DatabaseKind.sqlite
    let concurrentWriters = 1
    private let pool: EventLoopConnectionPool<WALSQLiteSource>

    private init(pool: EventLoopConnectionPool<WALSQLiteSource>) {
        self.pool = pool
    }

    static func open(path: String, logger: Logger) async throws -> SQLiteDatabasePool {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        let directory = (absolute as NSString).deletingLastPathComponent
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw DatabaseOpenError(description: "sqlite://\(path): the directory \(directory) does not exist")
        }
        let source = WALSQLiteSource(source: SQLiteConnectionSource(configuration: .init(storage: .file(path: absolute))))
        let pool = EventLoopConnectionPool(
            source: source, maxConnections: 4, requestTimeout: .seconds(30), pruneInterval: nil, logger: logger,
            on: MultiThreadedEventLoopGroup.singleton.next())
        return SQLiteDatabasePool(pool: pool)
    }

    func withConnection<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        let connection = try await pool.requestConnection().get()
        defer { pool.releaseConnection(connection) }
        return try await body(connection.sql())
    }

    func shutdown() async {
        try? await pool.close().get()
    }
}

/// sqlite-kit's connection source, with WAL and a busy timeout set on every new connection.
struct WALSQLiteSource: ConnectionPoolSource {
    let source: SQLiteConnectionSource

    func makeConnection(logger: Logger, on eventLoop: any EventLoop) -> EventLoopFuture<SQLiteConnection> {
        source.makeConnection(logger: logger, on: eventLoop).flatMap { connection in
            connection.query("PRAGMA journal_mode = WAL")
                .flatMap { _ in connection.query("PRAGMA busy_timeout = 10000") }
                .flatMap { _ in connection.query("PRAGMA synchronous = NORMAL") }
                .map { _ in connection }
        }
    }
}
