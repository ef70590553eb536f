public import Foundation

/// How long to wait before connecting again: exponential, capped, with optional jitter.
public struct ReconnectBackoff: Sendable, Hashable {
    /// The wait after a connection that worked, and the first wait after a failure.
    public var initial: Duration
    public var maximum: Duration
    public var multiplier: Double
    /// Up to this fraction of the wait is added at random, so a fleet does not reconnect in lock-step.
    public var jitter: Double

    public init(initial: Duration = .seconds(1), maximum: Duration = .seconds(30), multiplier: Double = 2, jitter: Double = 0.2) {
        self.initial = initial
        self.maximum = maximum
        self.multiplier = multiplier
        self.jitter = jitter
    }

    /// The wait after `failures` consecutive attempts that did not get through (0 after one that did).
    public func delay(afterFailures failures: Int) -> Duration {
        let base = Self.seconds(initial) * pow(multiplier, Double(max(0, failures - 1)))
        let capped = min(base, Self.seconds(maximum))
        let spread = jitter > 0 ? capped * Double.random(in: 0...jitter) : 0
        return .milliseconds(Int64(((capped + spread) * 1000).rounded()))
    }

    private static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
