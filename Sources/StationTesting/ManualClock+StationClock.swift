public import Foundation
public import StationCore

extension ManualClock: StationClock {
    /// The wall time at uptime zero: 2027-01-15T08:00:00Z.
    public static let wallTimeOrigin = Date(timeIntervalSince1970: 1_800_000_000)

    public var uptime: Duration { now.offset }

    public var wallTime: Date {
        let (seconds, attoseconds) = now.offset.components
        return Self.wallTimeOrigin.addingTimeInterval(Double(seconds) + Double(attoseconds) / 1e18)
    }

    public func sleep(until deadline: Duration) async throws {
        try await sleep(until: Instant(offset: deadline), tolerance: nil)
    }
}
