/// When each device on a bus is due: its own interval, and exponential backoff while it fails.
///
/// Pure: it is told the time. A failing device backs off alone; the others keep their rate.
public struct PollSchedule<Key: Hashable & Sendable>: Sendable {
    public struct Entry: Sendable {
        public let key: Key
        public let interval: Duration
        public fileprivate(set) var due: Duration
        public fileprivate(set) var consecutiveFailures = 0
    }

    public private(set) var entries: [Entry]
    /// The longest a failing device waits between attempts.
    public let maxBackoff: Duration

    public init(_ devices: [(key: Key, interval: Duration)], start: Duration, maxBackoff: Duration = .seconds(30)) {
        entries = devices.map { Entry(key: $0.key, interval: $0.interval, due: start) }
        self.maxBackoff = maxBackoff
    }

    /// The earliest time any device is due.
    public var nextDue: Duration? { entries.map(\.due).min() }

    /// The devices due at `now`, earliest first.
    public func due(at now: Duration) -> [Key] {
        entries.filter { $0.due <= now }.sorted { $0.due < $1.due }.map(\.key)
    }

    /// Records a poll's outcome: success keeps the interval (without drift), failure doubles the wait.
    public mutating func record(_ key: Key, succeeded: Bool, at now: Duration) {
        guard let index = entries.firstIndex(where: { $0.key == key }) else { return }
        var entry = entries[index]
        if succeeded {
            entry.consecutiveFailures = 0
            var next = entry.due + entry.interval
            if next <= now { next = now + entry.interval }
            entry.due = next
        } else {
            entry.consecutiveFailures += 1
            entry.due = now + backoff(interval: entry.interval, failures: entry.consecutiveFailures)
        }
        entries[index] = entry
    }

    /// The wait after `failures` failures in a row: the interval, then doubling, up to `maxBackoff`.
    public func backoff(interval: Duration, failures: Int) -> Duration {
        var wait = interval
        for _ in 1..<max(1, failures) {
            wait = wait * 2
            if wait >= maxBackoff { return max(maxBackoff, interval) }
        }
        return wait
    }

    public func entry(_ key: Key) -> Entry? { entries.first { $0.key == key } }
}
