import Foundation
import Logging
import NIOCore
import NIOPosix
import SQLiteKit
import Synchronization

/// SQLite through one sqlite-kit connection, leased in turn.
///
/// SQLite has one writer at a time, and sqlite-nio runs every statement on NIO's small blocking thread pool:
/// with several connections, writers waiting in SQLite's busy handler occupy those threads while the
/// connection that holds the lock waits for one to commit (seen under load as 10 s stalls and "database is
/// locked"). One connection serialises cpms's own statements in the process instead; WAL mode still lets
/// other processes (the CLI) read beside it, and `busy_timeout` makes their writes wait for the lock.
/// The connection is handed out by a lock of our own rather than async-kit's `EventLoopConnectionPool`, so
/// a lease costs no trip to the event loop and back (a single station's stream leases once per message).
/// Reads that need not see a transaction of cpms's own under way (the portal's pages) have a second, read-only
/// connection: in WAL mode a reader never waits for the writer, so a page is not held up behind a supply plan
/// being rewritten or a burst of stations' messages.
final class SQLiteDatabasePool: CPMSDatabase, @unchecked Sendable {
    let kind = DatabaseKind.sqlite
    let concurrentWriters = 1
    private let source: WALSQLiteSource
    private let logger: Logger
    private let eventLoop: any EventLoop
    private let lock = LeaseLock()
    /// Only touched while holding `lock`.
    private var connection: SQLiteConnection?
    private let readLock = LeaseLock()
    /// Only touched while holding `readLock`.
    private var readConnection: SQLiteConnection?
    private var isShutDown = false
    /// Only touched while holding `readLock`.
    private var isShutDownForReads = false

    private init(source: WALSQLiteSource, logger: Logger) {
        self.source = source
        self.logger = logger
        eventLoop = MultiThreadedEventLoopGroup.singleton.next()
    }

    static func open(path: String, logger: Logger) async throws -> SQLiteDatabasePool {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        let directory = (absolute as NSString).deletingLastPathComponent
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw DatabaseOpenError(description: "sqlite://\(path): the directory \(directory) does not exist")
        }
        let source = WALSQLiteSource(source: SQLiteConnectionSource(configuration: .init(storage: .file(path: absolute))))
        return SQLiteDatabasePool(source: source, logger: logger)
    }

    func withConnection<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        await lock.acquire()
        defer { lock.release() }
        guard !isShutDown else { throw DatabaseOpenError(description: "the SQLite database is closed") }
        let leased: SQLiteConnection
        if let connection, !connection.isClosed {
            leased = connection
        } else {
            leased = try await source.makeConnection(logger: logger, on: eventLoop).get()
            connection = leased
        }
        return try await body(leased.sql())
    }

    func withReadConnection<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        await readLock.acquire()
        defer { readLock.release() }
        guard !isShutDownForReads else { throw DatabaseOpenError(description: "the SQLite database is closed") }
        let leased: SQLiteConnection
        if let readConnection, !readConnection.isClosed {
            leased = readConnection
        } else {
            leased = try await source.makeConnection(logger: logger, on: eventLoop).get()
            _ = try await leased.query("PRAGMA query_only = ON").get()
            readConnection = leased
        }
        return try await body(leased.sql())
    }

    func shutdown() async {
        await lock.acquire()
        isShutDown = true
        if let connection { try? await connection.close().get() }
        connection = nil
        lock.release()
        await readLock.acquire()
        defer { readLock.release() }
        isShutDownForReads = true
        if let readConnection { try? await readConnection.close().get() }
        readConnection = nil
    }
}

/// A FIFO lock for async code: taking a free lock is a mutex operation, a taken one waits its turn.
final class LeaseLock: Sendable {
    private struct State {
        var held = false
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    private let state = Mutex(State())

    func acquire() async {
        let taken = state.withLock { state in
            guard !state.held else { return false }
            state.held = true
            return true
        }
        if taken { return }
        await withCheckedContinuation { continuation in
            let now = state.withLock { state in
                guard state.held else {
                    state.held = true
                    return true
                }
                state.waiters.append(continuation)
                return false
            }
            if now { continuation.resume() }
        }
    }

    /// Hands the lock to the longest waiter, or frees it.
    func release() {
        let next = state.withLock { state -> CheckedContinuation<Void, Never>? in
            guard !state.waiters.isEmpty else {
                state.held = false
                return nil
            }
            return state.waiters.removeFirst()
        }
        next?.resume()
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
