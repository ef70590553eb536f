/// A requested output line, such as a contactor coil or a status LED.
///
/// The line stays requested while the object lives; when it goes, the line is driven inactive, then released.
public protocol GPIOOutput: Sendable {
    var address: GPIOLineAddress { get }
    /// Drives the line to its active (`true`) or inactive level, honouring `address.activeLow`.
    func set(_ active: Bool) throws
    /// The level the line is driven to.
    var isActive: Bool { get throws }
}

/// A requested input line, such as a key switch or the emergency stop.
///
/// The line stays requested while the object lives; when it goes, its `changes()` streams finish.
public protocol GPIOInput: Sendable {
    var address: GPIOLineAddress { get }
    /// The line's present level, not debounced.
    func read() throws -> Bool
    /// Debounced level changes from now on; each call returns a new stream that sees every change.
    func changes() -> AsyncStream<GPIOInputChange>
}

/// A debounced change of an input line's level.
public struct GPIOInputChange: Sendable, Hashable {
    /// The new level: true when the line became active.
    public var active: Bool
    /// When the line first took the new level (the debounce delay is not included).
    public var at: ContinuousClock.Instant

    public init(active: Bool, at: ContinuousClock.Instant) {
        self.active = active
        self.at = at
    }
}
