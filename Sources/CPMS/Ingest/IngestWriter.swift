public import Logging
import Synchronization

/// Stores station messages durably before they are answered, batching the messages of many stations.
///
/// `store` returns only after the message's transaction has committed, so an OCPP answer sent after it
/// acknowledges stored data (what the station's outbox relies on). Messages that arrive while every writer
/// is busy wait and go together in the next batch, which is what makes ingestion scale with the number of
/// stations: one commit for many messages.
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

    public init(database: any CPMSDatabase, batchLimit: Int = 1_000, logger: Logger) {
        self.database = database
        self.batchLimit = batchLimit
        self.logger = logger
    }

    /// Stores one message; returns once it is committed, telling whether it was new or a replay.
    public func store(_ record: IngestRecord) async throws -> IngestOutcome {
        try await withCheckedThrowingContinuation { continuation in
            let startsWriter = state.withLock { state in
                state.pending.append(Pending(record: record, continuation: continuation))
                guard state.writers < database.concurrentWriters else { return false }
                state.writers += 1
                return true
            }
            if startsWriter { Task { await self.drain() } }
        }
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
            let records = batch.map(\.record)
            do {
                let outcomes = try await database.transaction { connection in
                    try await IngestBatch(records: records).write(on: connection)
                }
                for (pending, outcome) in zip(batch, outcomes) {
                    if outcome == .duplicate {
                        logger.debug("duplicate message ignored", metadata: ["station": "\(pending.record.station)"])
                    }
                    pending.continuation.resume(returning: outcome)
                }
            } catch {
                logger.error("storing \(batch.count) station messages failed: \(String(reflecting: error))")
                for pending in batch { pending.continuation.resume(throwing: error) }
            }
        }
    }
}
