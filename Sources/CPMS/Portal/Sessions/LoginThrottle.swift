/// The rule for failed logins: each is answered after a delay that grows with the recent failures, and
/// `limit` failures within `window` lock the user name and the client address for `lockout`.
///
/// Pure: the failures' times in, a verdict out.
public struct LoginThrottle: Sendable, Equatable {
    public var limit = 5
    public var window: Duration = .seconds(15 * 60)
    public var lockout: Duration = .seconds(15 * 60)
    /// The delay after the first recent failure; doubled for each further one, up to `maximumDelay`.
    public var baseDelay: Duration = .milliseconds(250)
    public var maximumDelay: Duration = .seconds(4)

    public init() {}

    /// How long the failures kept in storage matter: older ones can neither delay nor lock.
    public var memory: Duration { window + lockout }

    /// Until when (seconds after the epoch, as `now` is given) a subject with these failures is locked, nil when it is not.
    ///
    /// `failures` are the times of the subject's failed logins, in seconds, any order.
    public func lockedUntil(failures: [Double], now: Double) -> Double? {
        let times = failures.sorted()
        guard limit > 0, times.count >= limit else { return nil }
        var until: Double?
        for last in (limit - 1)..<times.count where times[last] - times[last - limit + 1] <= window.inSeconds {
            until = max(until ?? 0, times[last] + lockout.inSeconds)
        }
        guard let until, until > now else { return nil }
        return until
    }

    /// The delay before a failed login is answered, given the failures within the window (the new one included).
    public func delay(afterFailures count: Int) -> Duration {
        guard count > 0 else { return .zero }
        var delay = baseDelay
        for _ in 1..<min(count, 32) where delay < maximumDelay { delay *= 2 }
        return min(delay, maximumDelay)
    }
}
