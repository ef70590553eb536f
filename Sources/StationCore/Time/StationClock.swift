public import Foundation

/// Station time: monotonic uptime for ages and deadlines, wall time for records.
///
/// Logic takes its time from here, so tests drive it with a manual clock and never sleep.
public protocol StationClock: Sendable {
    /// Monotonic time since an arbitrary origin; never jumps.
    var uptime: Duration { get }
    /// UTC wall time, for records and price slots.
    var wallTime: Date { get }
    /// Suspends until `uptime` reaches `deadline`.
    func sleep(until deadline: Duration) async throws
}

extension StationClock {
    public func sleep(for duration: Duration) async throws {
        try await sleep(until: uptime + duration)
    }
}

/// The real clock: `ContinuousClock` for uptime, the system clock for wall time.
public struct SystemStationClock: StationClock {
    private let origin: ContinuousClock.Instant

    public init() {
        origin = ContinuousClock.now
    }

    public var uptime: Duration { ContinuousClock.now - origin }
    public var wallTime: Date { Date() }

    public func sleep(until deadline: Duration) async throws {
        try await ContinuousClock().sleep(until: origin + deadline, tolerance: .milliseconds(1))
    }
}
