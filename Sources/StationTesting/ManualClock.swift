import Synchronization

/// A clock that stands still until the test advances it; sleepers wake when time passes their deadline.
///
/// Share one instance between the code under test and the test. Sleeping honours task cancellation.
public final class ManualClock: Clock {
    /// A point on the manual clock: how far it is from the clock's start.
    public struct Instant: InstantProtocol, CustomStringConvertible {
        public var offset: Duration

        public init(offset: Duration) {
            self.offset = offset
        }

        public func advanced(by duration: Duration) -> Instant {
            Instant(offset: offset + duration)
        }

        public func duration(to other: Instant) -> Duration {
            other.offset - offset
        }

        public static func < (lhs: Instant, rhs: Instant) -> Bool {
            lhs.offset < rhs.offset
        }

        public var description: String { "ManualClock.Instant(\(offset))" }
    }

    private typealias Waiter = CheckedContinuation<Void, any Error>

    private struct Sleeper {
        var deadline: Instant
        var continuation: Waiter
    }

    private struct SleeperWatch {
        var count: Int
        var continuation: Waiter
    }

    private struct State {
        var now: Instant
        var nextID: UInt64 = 0
        var sleepers: [UInt64: Sleeper] = [:]
        var watches: [UInt64: SleeperWatch] = [:]

        mutating func makeID() -> UInt64 {
            defer { nextID += 1 }
            return nextID
        }

        /// Removes and returns the watches satisfied by the present number of sleepers.
        mutating func takeSatisfiedWatches() -> [Waiter] {
            let satisfied = watches.filter { $0.value.count <= sleepers.count }
            for id in satisfied.keys { watches[id] = nil }
            return satisfied.values.map(\.continuation)
        }
    }

    private let state: Mutex<State>

    public init(now: Instant = Instant(offset: .zero)) {
        state = Mutex(State(now: now))
    }

    public var now: Instant {
        state.withLock { $0.now }
    }

    public var minimumResolution: Duration { .nanoseconds(1) }

    /// How many tasks are sleeping on this clock.
    public var sleeperCount: Int {
        state.withLock { $0.sleepers.count }
    }

    /// The earliest deadline any sleeper waits for.
    public var nextDeadline: Instant? {
        state.withLock { $0.sleepers.values.map(\.deadline).min() }
    }

    /// Suspends until `advance` moves the clock to `deadline` or past it; throws `CancellationError` if cancelled.
    public func sleep(until deadline: Instant, tolerance: Duration? = nil) async throws {
        let id = state.withLock { $0.makeID() }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: Waiter) in
                enum Outcome { case sleeping([Waiter]), woke, cancelled }
                let outcome: Outcome = state.withLock { state in
                    if Task.isCancelled { return .cancelled }
                    if deadline <= state.now { return .woke }
                    state.sleepers[id] = Sleeper(deadline: deadline, continuation: continuation)
                    return .sleeping(state.takeSatisfiedWatches())
                }
                switch outcome {
                case .sleeping(let watches): watches.forEach { $0.resume() }
                case .woke: continuation.resume()
                case .cancelled: continuation.resume(throwing: CancellationError())
                }
            }
        } onCancel: {
            state.withLock { $0.sleepers.removeValue(forKey: id) }?.continuation.resume(throwing: CancellationError())
        }
    }

    /// Moves the clock forward and wakes every sleeper whose deadline is now reached.
    public func advance(by duration: Duration) {
        advance(to: now.advanced(by: duration))
    }

    /// Moves the clock to `instant` (never backwards) and wakes every sleeper whose deadline is reached.
    public func advance(to instant: Instant) {
        let woken = state.withLock { state in
            state.now = max(state.now, instant)
            let due = state.sleepers.filter { $0.value.deadline <= state.now }
            for id in due.keys { state.sleepers[id] = nil }
            return due.values.sorted { $0.deadline < $1.deadline }.map(\.continuation)
        }
        woken.forEach { $0.resume() }
    }

    /// Returns once at least `count` tasks sleep on this clock; throws `CancellationError` if cancelled.
    public func waitForSleepers(count: Int = 1) async throws {
        let id = state.withLock { $0.makeID() }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: Waiter) in
                enum Outcome { case waiting, ready, cancelled }
                let outcome: Outcome = state.withLock { state in
                    if Task.isCancelled { return .cancelled }
                    if state.sleepers.count >= count { return .ready }
                    state.watches[id] = SleeperWatch(count: count, continuation: continuation)
                    return .waiting
                }
                switch outcome {
                case .waiting: break
                case .ready: continuation.resume()
                case .cancelled: continuation.resume(throwing: CancellationError())
                }
            }
        } onCancel: {
            state.withLock { $0.watches.removeValue(forKey: id) }?.continuation.resume(throwing: CancellationError())
        }
    }
}
