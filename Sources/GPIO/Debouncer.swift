/// Turns raw level samples into stable level changes; pure, it never reads a clock.
///
/// A new level becomes stable once it has held for `debounce` since it was first seen;
/// a bounce back to the stable level before then is forgotten. A zero debounce passes every change through.
public struct Debouncer: Sendable, Hashable {
    public typealias Instant = ContinuousClock.Instant

    /// How long a new level must hold before it counts.
    public let debounce: Duration
    /// The last level that held long enough.
    public private(set) var stableLevel: Bool
    /// When the raw level first took `stableLevel`; nil while it is still the initial level.
    public private(set) var stableLevelSince: Instant?
    private var pending: Pending?

    private struct Pending: Sendable, Hashable {
        var level: Bool
        var since: Instant
    }

    public init(debounce: Duration, initialLevel: Bool) {
        self.debounce = max(debounce, .zero)
        self.stableLevel = initialLevel
    }

    /// The most recent raw level seen.
    public var rawLevel: Bool { pending?.level ?? stableLevel }

    /// When the pending change becomes stable, if one is pending; call `settle(at:)` then.
    public var deadline: Instant? { pending.map { $0.since + debounce } }

    /// Feeds one raw sample; returns the new stable level if this sample completes a change.
    ///
    /// A pending change whose deadline is at or before `instant` settles first, because the level held until now.
    public mutating func observe(_ level: Bool, at instant: Instant) -> Bool? {
        let settled = settle(at: instant)
        if level == stableLevel {
            pending = nil
        } else if pending == nil {
            pending = Pending(level: level, since: instant)
        }
        return settled ?? settle(at: instant)
    }

    /// Returns the new stable level if the pending change has held for `debounce` at `instant`.
    public mutating func settle(at instant: Instant) -> Bool? {
        guard let pending, instant >= pending.since + debounce else { return nil }
        self.pending = nil
        stableLevel = pending.level
        stableLevelSince = pending.since
        return pending.level
    }
}
