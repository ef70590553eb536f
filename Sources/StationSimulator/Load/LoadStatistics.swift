/// What chargers measured in a load run: answered calls, their latencies, and failed calls.
public struct LoadStatistics: Sendable, Hashable {
    /// Calls answered with a CALLRESULT while the window was open.
    public private(set) var answered = 0
    /// Calls that failed while the window was open: CALLERROR, timeout, lost connection.
    public internal(set) var errors = 0
    /// The latency of each answered call, in nanoseconds.
    public private(set) var latencies: [Int64] = []

    public init() {}

    mutating func recordAnswer(after latency: Duration) {
        answered += 1
        let (seconds, attoseconds) = latency.components
        latencies.append(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }

    /// Adds another charger's figures to these.
    public mutating func merge(_ other: LoadStatistics) {
        answered += other.answered
        errors += other.errors
        latencies += other.latencies
    }

    /// Latency percentiles in milliseconds (nearest rank), or nil when nothing was answered.
    public func latencySummary() -> LatencySummary? {
        guard !latencies.isEmpty else { return nil }
        let sorted = latencies.sorted()
        func percentile(_ p: Double) -> Double {
            let rank = Int((p / 100 * Double(sorted.count)).rounded(.up))
            return Double(sorted[min(max(rank, 1), sorted.count) - 1]) / 1e6
        }
        let mean = Double(sorted.reduce(0, +)) / Double(sorted.count) / 1e6
        return LatencySummary(
            p50: percentile(50), p90: percentile(90), p99: percentile(99), max: Double(sorted[sorted.count - 1]) / 1e6,
            mean: mean)
    }
}

/// Call latencies of a load run, in milliseconds.
public struct LatencySummary: Sendable, Hashable, Codable {
    public var p50: Double
    public var p90: Double
    public var p99: Double
    public var max: Double
    public var mean: Double
}
