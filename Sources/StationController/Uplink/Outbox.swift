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
/// Every use of the file runs in the outbox's own operation queue, one after the other, each in a task of its
/// own: cancelling a caller (the uplink's task when its connection closes) only stops it waiting, never a
/// transaction half-way. Staged changes leave memory only once their commit returned; a failed write keeps
/// them staged for the next flush and shows in `health`.
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
        /// Keeps (or, with nil, forgets) one of the CSMS's inputs to the station's planning (`CentralInputs`).
        case centralInput(name: String, value: String?)
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
    /// The last operation on the file; the next one starts after it.
    private var lastOperation: Task<Void, Never>?
    /// Whether a transaction may still be open on the connection (a ROLLBACK that failed).
    private var transactionMayBeOpen = false
    private nonisolated let healthState: Mutex<OutboxHealth>
    /// The creation time of the oldest stored message not yet acknowledged, with its sequence.
    private nonisolated let oldestStored = Mutex<(sequence: Int64, createdAt: Date)?>(nil)

    init(
        path: String, capacity: Int, connection: SQLiteConnection, count: Int, lastSequence: Int64, deadLetters: Int,
        logger: Logger
    ) {
        self.path = path
        self.capacity = capacity
        self.connection = connection
        self.logger = logger
        acknowledged = Atomic(lastSequence)
        deletedThrough = lastSequence
        queued.store(count, ordering: .relaxed)
        healthState = Mutex(OutboxHealth(deadLetters: deadLetters))
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
            let deadLetters = try await OutboxSchema.deadLetterCount(connection)
            logger.info("outbox \(path): \(count) messages waiting")
            let outbox = Outbox(
                path: path, capacity: capacity, connection: connection, count: count, lastSequence: (first ?? 1) - 1,
                deadLetters: deadLetters, logger: logger)
            try await outbox.refreshOldest()
            return outbox
        } catch {
            try? await connection.close()
            throw OutboxError(path: path, message: "\(error)")
        }
    }

    /// Runs `body` after every earlier operation on the file, in a task of its own that a cancelled caller
    /// cannot cancel: the caller waits for it either way.
    private func serialized<Result: Sendable>(_ body: @escaping @Sendable (isolated Outbox) async throws -> Result) async throws -> Result {
        let previous = lastOperation
        let operation = Task<Result, any Error> {
            await previous?.value
            return try await body(self)
        }
        lastOperation = Task { _ = await operation.result }
        return try await operation.value
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

    /// How writing goes: failures, the oldest message not yet sent, messages set aside.
    public nonisolated var health: OutboxHealth {
        var health = healthState.withLock { $0 }
        let stagedOldest = staged.withLock { changes in
            changes.lazy.compactMap { if case .append(let message) = $0 { message.createdAt } else { nil } }.first
        }
        // Between reads the stored oldest may already be acknowledged: then it is a bound, at most one batch off.
        let stored = queued.load(ordering: .relaxed) > 0 ? oldestStored.withLock { $0?.createdAt } : nil
        health.oldestUnsentAt = [stagedOldest, stored].compactMap { $0 }.min()
        health.staged = staged.withLock { $0.count }
        health.thinned = thinnedTotal.load(ordering: .relaxed)
        return health
    }
    private nonisolated let thinnedTotal = Atomic<Int>(0)

    /// Writes everything staged so far in one transaction; durable when it returns. On failure the changes stay
    /// staged (the next flush tries again) and the error is thrown.
    public func flush() async throws {
        try await serialized { outbox in try await outbox.writeStaged() }
    }

    private func writeStaged() async throws {
        let changes = staged.withLock { $0 }
        let deleteThrough = acknowledgedThrough
        guard !changes.isEmpty || deletedThrough < deleteThrough else { return }
        let appends = changes.count { if case .append = $0 { true } else { false } }
        var dropped = 0
        do {
            if transactionMayBeOpen { try await rollBack() }
            try await execute("BEGIN IMMEDIATE")
            transactionMayBeOpen = true
            if deletedThrough < deleteThrough {
                try await execute("DELETE FROM outbox WHERE seq <= ?", [.integer(Int(deleteThrough))])
            }
            if appends > 0, queued.load(ordering: .relaxed) + appends > capacity { dropped = try await thin(toFit: appends) }
            try await write(changes)
            try await execute("COMMIT")
            transactionMayBeOpen = false
        } catch {
            if transactionMayBeOpen { try? await rollBack() }
            let failure = OutboxError(path: path, message: "write failed, \(changes.count) changes kept for the next try: \(error)")
            healthState.withLock { $0.recordFailure("\(error)", at: Date()) }
            throw failure
        }
        staged.withLock { $0.removeFirst(changes.count) }
        deletedThrough = deleteThrough
        let recovered = healthState.withLock { $0.recordSuccess() }
        if let recovered { logger.notice("outbox \(path): writing again after \(recovered) failed writes") }
        if dropped > 0 {
            queued.subtract(dropped, ordering: .relaxed)
            thinnedCount += dropped
            thinnedTotal.add(dropped, ordering: .relaxed)
            logger.warning("outbox full: thinned \(dropped) meter values and telemetry messages")
        }
        if appends > 0 {
            queued.add(appends, ordering: .relaxed)
            if oldestStored.withLock({ $0 == nil }) || dropped > 0 { try? await refreshOldest() }
            for signal in arrivalSignals.values { signal.yield() }
        }
    }

    /// Ends a transaction a failed write left open; only "no transaction is active" counts as done too.
    private func rollBack() async throws {
        do {
            try await execute("ROLLBACK")
        } catch {
            guard "\(error)".contains("no transaction is active") else {
                logger.error("outbox \(path): rollback failed, trying again with the next write: \(error)")
                throw error
            }
        }
        transactionMayBeOpen = false
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
            case .centralInput(let name, let value?):
                try await execute(
                    "INSERT INTO central_inputs (name, value) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET value = excluded.value",
                    [.text(name), .text(value)])
            case .centralInput(let name, nil):
                try await execute("DELETE FROM central_inputs WHERE name = ?", [.text(name)])
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

    /// Drops every second thinnable message among the oldest ones until `incoming` more fit, if they can;
    /// returns how many it dropped (in the open transaction: they count once it commits).
    private func thin(toFit incoming: Int) async throws -> Int {
        let thinnable = OutboxMessage.Kind.allCases.filter(\.isThinnable).map { String($0.rawValue) }.joined(separator: ", ")
        let excess = queued.load(ordering: .relaxed) + incoming - capacity
        let window = max(2 * excess, capacity / 10)
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
        let dropped = try await OutboxSchema.changes(connection)
        if dropped == 0 { logger.warning("outbox full (\(capacity)) with nothing left to thin: keeping everything") }
        return dropped
    }

    // MARK: Reading and acknowledging

    /// The oldest messages not yet acknowledged, in sending order. Acknowledgements are written first; when
    /// that write fails the messages are read all the same (the write is tried again later).
    public func pending(limit: Int = 200) async throws -> [OutboxEntry] {
        try await serialized { outbox in try await outbox.readPending(limit: limit) }
    }

    private func readPending(limit: Int) async throws -> [OutboxEntry] {
        if deletedThrough < acknowledgedThrough {
            do {
                try await writeStaged()
            } catch {
                logger.error("\(error)")
            }
        }
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
        oldestStored.withLock { $0 = entries.first.map { ($0.sequence, $0.message.createdAt) } }
        return entries
    }

    /// Reads the oldest stored message not yet acknowledged, for `health`.
    private func refreshOldest() async throws {
        let row = try await connection.query(
            "SELECT seq, created_at FROM outbox WHERE seq > ? ORDER BY seq LIMIT 1", [.integer(Int(acknowledgedThrough))]
        ).first
        let oldest = row.flatMap { row in
            row.column("seq")?.integer.map { (Int64($0), Date(timeIntervalSince1970: row.column("created_at")?.double ?? 0)) }
        }
        oldestStored.withLock { $0 = oldest }
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
        try await serialized { outbox in
            try await outbox.execute(
                "INSERT OR REPLACE INTO dead_letters (seq, action, payload, error, set_aside_at) VALUES (?, ?, ?, ?, ?)",
                [
                    .integer(Int(entry.sequence)), .text(entry.message.action), .text(entry.message.payload), .text(error),
                    .float(Date().timeIntervalSince1970),
                ])
            outbox.healthState.withLock { $0.deadLetters += 1 }
        }
        acknowledge(entry.sequence)
        try await flush()
        logger.error("outbox: \(entry.message.action) #\(entry.sequence) set aside after repeated refusals: \(error)")
    }

    /// The transactions that were open at the last flush.
    public func openTransactions() async throws -> [OpenTransactionRecord] {
        let rows = try await serialized { outbox in try await outbox.connection.query("SELECT record FROM open_transactions", []) }
        return rows.compactMap { row in
            guard let text = row.column("record")?.string else { return nil }
            return try? JSONDecoder().decode(OpenTransactionRecord.self, from: Data(text.utf8))
        }
    }

    /// The CSMS's planning inputs kept with `Change.centralInput`, by name.
    public func centralInputs() async throws -> [String: String] {
        let rows = try await serialized { outbox in try await outbox.connection.query("SELECT name, value FROM central_inputs", []) }
        var inputs: [String: String] = [:]
        for row in rows {
            guard let name = row.column("name")?.string, let value = row.column("value")?.string else { continue }
            inputs[name] = value
        }
        return inputs
    }

    /// Messages set aside after repeated refusals.
    public func setAsideCount() async throws -> Int {
        try await serialized { outbox in try await OutboxSchema.deadLetterCount(outbox.connection) }
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
        try? await serialized { outbox in try await outbox.connection.close() }
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
