public import Logging
import Synchronization

/// Stores station messages durably before they are answered, batching the messages of many stations.
///
/// `store` returns only after the message's transaction has committed, so an OCPP answer sent after it
/// acknowledges stored data (what the station's outbox relies on). Messages that arrive while every writer
/// is busy wait and go together in the next batch, which is what makes ingestion scale with the number of
/// stations: one commit for many messages.
///
/// A message arriving while a writer is free is written at once on the caller's own task (no task is started
/// and nothing is handed between threads for it), which is what a single station's serial stream sees; only
/// the messages that queued up meanwhile are handed to a writer task.
public final class IngestWriter: Sendable {
    struct Pending {
        let record: IngestRecord
        let continuation: CheckedContinuation<IngestOutcome, any Error>
    }

    struct State {
        var pending: [Pending] = []
        var writers = 0
    }

    let database: any CPMSDatabase
    let logger: Logger
    let batchLimit: Int
    private let state = Mutex(State())
    /// Transactions known to have their `transactions` row, so that their Updated events are one INSERT.
    private let summarised = Mutex(Set<String>())
    /// Bound on `summarised`; forgetting an entry only costs the next event of that transaction an upsert.
    static let summarisedLimit = 100_000

    public init(database: any CPMSDatabase, batchLimit: Int = 1_000, logger: Logger) {
        self.database = database
        self.batchLimit = batchLimit
        self.logger = logger
    }

    /// Stores one message; returns once it is committed, telling whether it was new or a replay.
    public func store(_ record: IngestRecord) async throws -> IngestOutcome {
        let writesAtOnce = state.withLock { state in
            guard state.pending.isEmpty, state.writers < database.concurrentWriters else { return false }
            state.writers += 1
            return true
        }
        if writesAtOnce {
            let outcome: Result<IngestOutcome, any Error>
            do {
                outcome = .success(try await write([record])[0])
            } catch {
                outcome = .failure(error)
            }
            writerFinished()
            return try outcome.get()
        }
        return try await withCheckedThrowingContinuation { continuation in
            let startsWriter = state.withLock { state in
                state.pending.append(Pending(record: record, continuation: continuation))
                guard state.writers < database.concurrentWriters else { return false }
                state.writers += 1
                return true
            }
            if startsWriter { Task { await self.drain() } }
        }
    }

    /// Hands the messages that queued up during a write on the caller's task to a writer task.
    private func writerFinished() {
        let continues = state.withLock { state in
            guard !state.pending.isEmpty else {
                state.writers -= 1
                return false
            }
            return true
        }
        if continues { Task { await self.drain() } }
    }

    /// Writes batches until nothing is pending.
    private func drain() async {
        while true {
            let batch = state.withLock { state -> [Pending] in
                guard !state.pending.isEmpty else {
                    state.writers -= 1
                    return []
                }
                let count = min(batchLimit, state.pending.count)
                let batch = Array(state.pending.prefix(count))
                state.pending.removeFirst(count)
                return batch
            }
            guard !batch.isEmpty else { return }
            do {
                let outcomes = try await write(batch.map(\.record))
                for (pending, outcome) in zip(batch, outcomes) { pending.continuation.resume(returning: outcome) }
            } catch {
                for pending in batch { pending.continuation.resume(throwing: error) }
            }
        }
    }

    /// Writes one batch: in one transaction, or as its single statement when that is all it needs.
    private func write(_ records: [IngestRecord]) async throws -> [IngestOutcome] {
        let transactions = records.compactMap { record -> String? in
            guard case .transactionEvent(let event) = record else { return nil }
            return IngestBatch.key(event.station, event.transactionId)
        }
        let known = transactions.isEmpty ? [] : summarised.withLock { set in Set(transactions.filter { set.contains($0) }) }
        let batch = IngestBatch(records: records, summarised: known)
        let outcomes: [IngestOutcome]
        do {
            if batch.isSingleStatement {
                outcomes = try await database.withConnection { try await batch.write(on: $0) }
            } else {
                outcomes = try await database.transaction { try await batch.write(on: $0) }
            }
        } catch {
            logger.error("storing \(records.count) station messages failed: \(String(reflecting: error))")
            throw error
        }
        // Every stored event's transaction has its row now (created with the first event stored).
        if !transactions.isEmpty, transactions.contains(where: { !known.contains($0) }) {
            summarised.withLock { set in
                if set.count + transactions.count > Self.summarisedLimit { set.removeAll(keepingCapacity: true) }
                set.formUnion(transactions)
            }
        }
        if logger.logLevel <= .debug {
            for (record, outcome) in zip(records, outcomes) where outcome == .duplicate {
                logger.debug("duplicate message ignored", metadata: ["station": "\(record.station)"])
            }
        }
        return outcomes
    }
}
