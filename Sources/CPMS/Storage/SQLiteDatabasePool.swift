import Foundation
import Logging
import NIOCore
import NIOPosix
import SQLiteKit

/// SQLite through sqlite-kit's source and async-kit's `EventLoopConnectionPool`, with one connection.
///
/// SQLite has one writer at a time, and sqlite-nio runs every statement on NIO's small blocking thread pool:
/// with several connections, writers waiting in SQLite's busy handler occupy those threads while the
/// connection that holds the lock waits for one to commit (seen under load as 10 s stalls and "database is
/// locked"). One connection serialises cpms's own statements in the process instead; WAL mode still lets
/// other processes (the CLI) read beside it, and `busy_timeout` makes their writes wait for the lock.
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
            source: source, maxConnections: 1, requestTimeout: .seconds(30), pruneInterval: nil, logger: logger,
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
