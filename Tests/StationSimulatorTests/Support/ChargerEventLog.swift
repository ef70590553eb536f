import StationSimulator
import Synchronization
import Testing

/// Every event of simulated chargers, and bounded waits for the ones a test expects.
///
/// The waits are in real time because the events follow real WebSocket I/O; logic time is the manual clock.
final class ChargerEventLog: Sendable {
    private let events = Mutex<[ChargerEvent]>([])

    /// The closure to hand a charger.
    var sink: @Sendable (ChargerEvent) -> Void {
        { event in self.record(event) }
    }

    func record(_ event: ChargerEvent) {
        events.withLock { $0.append(event) }
    }

    var all: [ChargerEvent] { events.withLock { $0 } }

    func count(where predicate: (ChargerEvent) -> Bool) -> Int {
        events.withLock { $0.filter(predicate).count }
    }

    /// The first event after the first `skipping` matches of `predicate`, waiting up to `timeout` for it.
    @discardableResult
    func next(
        skipping: Int = 0, timeout: Duration = .seconds(10), sourceLocation: SourceLocation = #_sourceLocation,
        _ predicate: @escaping (ChargerEvent) -> Bool
    ) async throws -> ChargerEvent {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            let match = events.withLock { $0.filter(predicate).dropFirst(skipping).first }
            if let match { return match }
            try await Task.sleep(for: .milliseconds(5))
        }
        Issue.record("no such charger event within \(timeout); events: \(all)", sourceLocation: sourceLocation)
        throw EventTimeout()
    }
}

/// A charger event did not come in time.
struct EventTimeout: Error {}

/// Waits in real time (for real I/O) until `condition` holds; false after `timeout`.
func eventually(timeout: Duration = .seconds(10), _ condition: () async -> Bool) async throws -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if await condition() { return true }
        try await Task.sleep(for: .milliseconds(5))
    }
    return await condition()
}
