public import Foundation
public import Logging
import SQLiteNIO
import Synchronization

/// The station's durable outbox: every message owed to the CSMS, in order, on disk before anything depends
/// on it, deleted only after the CSMS acknowledged it.
///
/// Producers stage changes synchronously (`stage(_:)`); `flush()` writes everything staged so far in one
/// SQLite transaction and returns once it is durable. The file is in WAL mode with `synchronous=FULL`: every
/// commit syncs the WAL, so a flushed message survives `kill -9` and power loss alike, and a torn write can
/// only lose a commit that had not returned yet. One commit per flush, not per message, keeps that affordable.
///
/// Acknowledgements are applied in memory at once and made durable with the next read or flush, so a crash can
/// resend a few acknowledged messages; a CSMS recognises them (transaction events by transaction id and
/// seqNo) and stores nothing twice.
public actor Outbox {
    /// A change to write with the next flush.
    public enum Change: Sendable, Hashable {
        case append(OutboxMessage)
        case openTransaction(OpenTransactionRecord)
        case closeTransaction(id: String)
    }

    public nonisolated let path: String
    /// Messages held before thinnable ones are thinned.
    public nonisolated let capacity: Int
    let connection: SQLiteConnection
    let logger: Logger
    private nonisolated let staged = Mutex<[Change]>([])
    private nonisolated let queued = Atomic<Int>(0)
    /// The last sequence acknowledged by the CSMS, in memory.
    private nonisolated let acknowledged: Atomic<Int64>
    private var acknowledgedThrough: Int64 { acknowledged.load(ordering: .acquiring) }
    /// The last acknowledged sequence whose deletion is on disk.
    private var deletedThrough: Int64
    private var arrivalSignals: [UUID: AsyncStream<Void>.Continuation] = [:]
    /// How many messages the full-outbox policy has dropped since opening.
    public private(set) var thinnedCount = 0

    init(path: String, capacity: Int, connection: SQLiteConnection, count: Int, lastSequence: Int64, logger: Logger) {
        self.path = path
        self.capacity = capacity
        self.connection = connection
        self.logger = logger
        acknowledged = Atomic(lastSequence)
        deletedThrough = lastSequence
        queued.store(count, ordering: .relaxed)
    }

    /// Opens (or creates) the outbox file; fails with a message naming the file when it cannot.
    public static func open(path: String, capacity: Int = 100_000, logger: Logger = Logger(label: "stationd.outbox")) async throws
        -> Outbox
    {
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty, !FileManager.default.fileExists(atPath: directory) {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
        let connection: SQLiteConnection
        do {
            connection = try await SQLiteConnection.open(storage: .file(path: path), logger: logger)
        } catch {
            throw OutboxError(path: path, message: "cannot open: \(error)")
        }
        do {
            try await OutboxSchema.prepare(connection)
            let count = try await OutboxSchema.count(connection)
            let first = try await OutboxSchema.firstSequence(connection)
            logger.info("outbox \(path): \(count) messages waiting")
            return Outbox(
                path: path, capacity: capacity, connection: connection, count: count, lastSequence: (first ?? 1) - 1,
                logger: logger)
        } catch {
            try? await connection.close()
            throw OutboxError(path: path, message: "\(error)")
        }
    }

    // MARK: Writing

    /// Queues changes for the next flush, in call order.
    public nonisolated func stage(_ changes: [Change]) {
        guard !changes.isEmpty else { return }
        staged.withLock { $0 += changes }
    }

    /// How many messages are waiting to be sent, staged ones included.
    public nonisolated var queuedCount: Int {
        queued.load(ordering: .relaxed) + staged.withLock { $0.count { if case .append = $0 { true } else { false } } }
    }

    /// Whether the outbox holds as many messages as its capacity.
    public nonisolated var isFull: Bool { queuedCount >= capacity }

    /// Writes everything staged so far in one transaction; durable when it returns.
    public func flush() async throws {
        let changes = staged.withLock { pending in
            defer { pending = [] }
            return pending
        }
        let appends = changes.count { if case .append = $0 { true } else { false } }
        guard !changes.isEmpty || deletedThrough < acknowledgedThrough else { return }
        try await execute("BEGIN IMMEDIATE")
        do {
            try await deleteAcknowledged()
            if appends > 0, queued.load(ordering: .relaxed) + appends > capacity { try await thin(toFit: appends) }
            try await write(changes)
            try await execute("COMMIT")
        } catch {
            try? await execute("ROLLBACK")
            staged.withLock { $0 = changes + $0 }
            throw OutboxError(path: path, message: "write failed: \(error)")
        }
        if appends > 0 {
            queued.add(appends, ordering: .relaxed)
            for signal in arrivalSignals.values { signal.yield() }
        }
    }

    private func write(_ changes: [Change]) async throws {
        var rows: [OutboxMessage] = []
        for change in changes {
            switch change {
            case .append(let message):
                rows.append(message)
            case .openTransaction(let record):
                try await insert(rows)
                rows = []
                let json = String(decoding: try JSONEncoder().encode(record), as: UTF8.self)
                try await execute(
                    "INSERT INTO open_transactions (id, record) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET record = excluded.record",
                    [.text(record.session.id), .text(json)])
            case .closeTransaction(let id):
                try await insert(rows)
                rows = []
                try await execute("DELETE FROM open_transactions WHERE id = ?", [.text(id)])
            }
        }
        try await insert(rows)
    }

    /// One multi-row INSERT per 200 messages.
    private func insert(_ messages: [OutboxMessage]) async throws {
        for start in stride(from: 0, to: messages.count, by: 200) {
            let chunk = messages[start..<min(start + 200, messages.count)]
            let placeholders = Array(repeating: "(?, ?, ?, ?)", count: chunk.count).joined(separator: ", ")
            var binds: [SQLiteData] = []
            binds.reserveCapacity(chunk.count * 4)
            for message in chunk {
                binds += [
                    .text(message.action), .text(message.payload), .integer(message.kind.rawValue),
                    .float(message.createdAt.timeIntervalSince1970),
                ]
            }
            try await execute("INSERT INTO outbox (action, payload, kind, created_at) VALUES \(placeholders)", binds)
        }
    }

    /// Drops every second thinnable message among the oldest ones until `incoming` more fit, if they can.
    private func thin(toFit incoming: Int) async throws {
        let thinnable = OutboxMessage.Kind.allCases.filter(\.isThinnable).map { String($0.rawValue) }.joined(separator: ", ")
        let excess = queued.load(ordering: .relaxed) + incoming - capacity
        let window = max(2 * excess, capacity / 10)
        var dropped = 0
        try await connection.query(
            """
            DELETE FROM outbox WHERE seq IN (
              SELECT seq FROM (
                SELECT seq, ROW_NUMBER() OVER (ORDER BY seq) AS n FROM outbox WHERE kind IN (\(thinnable)) AND seq > ?
                ORDER BY seq LIMIT ?)
              WHERE n % 2 = 0)
            RETURNING seq
            """, [.integer(Int(acknowledgedThrough)), .integer(window)]
        ) { _ in }
        dropped = try await OutboxSchema.changes(connection)
        guard dropped > 0 else {
            logger.warning("outbox full (\(capacity)) with nothing left to thin: keeping everything")
            return
        }
        queued.subtract(dropped, ordering: .relaxed)
        thinnedCount += dropped
        logger.warning("outbox full: thinned \(dropped) meter values and telemetry messages")
    }

    // MARK: Reading and acknowledging

    /// The oldest messages not yet acknowledged, in sending order.
    public func pending(limit: Int = 200) async throws -> [OutboxEntry] {
        if deletedThrough < acknowledgedThrough { try await flush() }
        var entries: [OutboxEntry] = []
        let rows = try await connection.query(
            "SELECT seq, action, payload, kind, created_at FROM outbox WHERE seq > ? ORDER BY seq LIMIT ?",
            [.integer(Int(acknowledgedThrough)), .integer(limit)])
        for row in rows {
            guard let sequence = row.column("seq")?.integer, let action = row.column("action")?.string,
                let payload = row.column("payload")?.string
            else { continue }
            let kind = row.column("kind")?.integer.flatMap(OutboxMessage.Kind.init(rawValue:)) ?? .notice
            let created = Date(timeIntervalSince1970: row.column("created_at")?.double ?? 0)
            entries.append(
                OutboxEntry(
                    sequence: Int64(sequence), message: OutboxMessage(action: action, payload: payload, kind: kind, createdAt: created)))
        }
        return entries
    }

    /// Marks a message as answered by the CSMS; it is deleted with the next read or flush.
    public nonisolated func acknowledge(_ sequence: Int64) {
        var current = acknowledged.load(ordering: .acquiring)
        while sequence > current {
            let (exchanged, original) = acknowledged.compareExchange(
                expected: current, desired: sequence, ordering: .acquiringAndReleasing)
            if exchanged {
                queued.subtract(1, ordering: .relaxed)
                return
            }
            current = original
        }
    }

    /// Moves a message the CSMS keeps refusing out of the way, kept for the operator.
    public func setAside(_ entry: OutboxEntry, error: String) async throws {
        try await execute(
            "INSERT INTO dead_letters (seq, action, payload, error, set_aside_at) VALUES (?, ?, ?, ?, ?)",
            [
                .integer(Int(entry.sequence)), .text(entry.message.action), .text(entry.message.payload), .text(error),
                .float(Date().timeIntervalSince1970),
            ])
        acknowledge(entry.sequence)
        try await flush()
        logger.error("outbox: \(entry.message.action) #\(entry.sequence) set aside after repeated refusals: \(error)")
    }

    private func deleteAcknowledged() async throws {
        guard deletedThrough < acknowledgedThrough else { return }
        try await execute("DELETE FROM outbox WHERE seq <= ?", [.integer(Int(acknowledgedThrough))])
        deletedThrough = acknowledgedThrough
    }

    /// The transactions that were open at the last flush.
    public func openTransactions() async throws -> [OpenTransactionRecord] {
        let rows = try await connection.query("SELECT record FROM open_transactions", [])
        return rows.compactMap { row in
            guard let text = row.column("record")?.string else { return nil }
            return try? JSONDecoder().decode(OpenTransactionRecord.self, from: Data(text.utf8))
        }
    }

    /// Messages set aside after repeated refusals.
    public func setAsideCount() async throws -> Int {
        let rows = try await connection.query("SELECT COUNT(*) AS n FROM dead_letters", [])
        return rows.first?.column("n")?.integer ?? 0
    }

    /// A signal each time a flush adds messages.
    public func arrivals() -> AsyncStream<Void> {
        let (stream, continuation) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        let id = UUID()
        arrivalSignals[id] = continuation
        continuation.onTermination = { [weak self] _ in
            Task { await self?.removeSignal(id) }
        }
        if queuedCount > 0 { continuation.yield() }
        return stream
    }

    private func removeSignal(_ id: UUID) {
        arrivalSignals[id] = nil
    }

    /// Makes acknowledgements durable and closes the file.
    public func close() async {
        do {
            try await flush()
        } catch {
            logger.error("outbox: final flush failed: \(error)")
        }
        for signal in arrivalSignals.values { signal.finish() }
        arrivalSignals = [:]
        try? await connection.close()
    }

    private func execute(_ sql: String, _ binds: [SQLiteData] = []) async throws {
        _ = try await connection.query(sql, binds)
    }
}

/// The outbox file could not be opened or written.
public struct OutboxError: Error, CustomStringConvertible, Sendable {
    public let path: String
    public let message: String

    public var description: String { "outbox \(path): \(message)" }
}
