import Synchronization

/// A transaction as a simulated charger knows it.
struct ChargerTransaction: Sendable {
    /// 1.6: the central system's transactionId as text; 2.0.1: the charger's own transaction id.
    let id: String
    let idTag: String
    /// 2.0.1 counts every TransactionEvent of a transaction from 0 (`seqNo`); the counter survives reconnects.
    let sequence = SequenceCounter()
}

/// Numbers 0, 1, 2... handed out across tasks.
final class SequenceCounter: Sendable {
    private let next = Mutex(0)

    /// The next number.
    func take() -> Int {
        next.withLock { value in
            defer { value += 1 }
            return value
        }
    }
}

/// What the central system said to a transaction start.
struct TransactionStart: Sendable {
    let transaction: ChargerTransaction
    let accepted: Bool
}

/// Why a simulated charger ends a transaction.
enum TransactionStopCause: Sendable, Hashable {
    /// The driver ended the session (the script's session time is over).
    case local
    /// The central system refused the token when the transaction started.
    case deauthorized
    /// The connector was made inoperative.
    case inoperative
}

/// Whether the central system registered the charger, and when to send the next Heartbeat or boot again.
struct BootOutcome: Sendable, Hashable {
    let accepted: Bool
    /// The status as the central system named it.
    let status: String
    let interval: Duration
}

/// A charging rate limit as a profile gives it.
enum ChargingRate: Sendable, Hashable {
    case amperes(Double)
    /// Watts over `phases` phases (nil: the connector's phases).
    case watts(Double, phases: Int?)
}
