/// When a push that failed is tried again: `base` doubled for each failed attempt, at most `maximum`, with
/// part of the delay drawn at random so that pushes failed together do not return together.
public struct OCPIPushBackoff: Sendable, Equatable {
    public var base: Duration
    public var maximum: Duration
    /// The share of the delay drawn at random (0: none; 0.5: between half and the whole delay).
    public var jitter: Double

    public init(base: Duration = .seconds(1), maximum: Duration = .seconds(300), jitter: Double = 0.5) {
        self.base = base
        self.maximum = max(base, maximum)
        self.jitter = min(max(jitter, 0), 1)
    }

    /// The delay after the `attempts`-th failed attempt (1 for the first), `draw` in 0...1 picking the jitter.
    public func delay(afterAttempts attempts: Int, draw: Double) -> Duration {
        let doublings = min(max(attempts - 1, 0), 40)
        let full = min(base.inSeconds * Double(1 << UInt64(doublings)), maximum.inSeconds)
        let seconds = full * (1 - jitter * min(max(draw, 0), 1))
        return .milliseconds(Int64((seconds * 1000).rounded()))
    }
}

extension Duration {
    /// The duration in seconds, as a `Double`.
    var inSeconds: Double {
        let (whole, fraction) = components
        return Double(whole) + Double(fraction) / 1e18
    }
}
