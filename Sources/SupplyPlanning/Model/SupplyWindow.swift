public import Foundation

/// One 15-minute window of the supply plan, aligned to the quarter hours of UTC (as electricity markets are).
public struct SupplyWindow: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public static let length: TimeInterval = 900

    /// The window's start, a multiple of 15 minutes since 1970 (UTC).
    public let start: Date

    /// The window that holds `time`.
    public init(containing time: Date) {
        start = Date(timeIntervalSince1970: (time.timeIntervalSince1970 / Self.length).rounded(.down) * Self.length)
    }

    public var end: Date { start.addingTimeInterval(Self.length) }
    public var next: SupplyWindow { SupplyWindow(containing: end) }

    /// `count` consecutive windows from the one that holds `time`.
    public static func windows(from time: Date, count: Int) -> [SupplyWindow] {
        let first = SupplyWindow(containing: time)
        return (0..<max(0, count)).map { SupplyWindow(containing: first.start.addingTimeInterval(Double($0) * length)) }
    }

    public static func < (lhs: SupplyWindow, rhs: SupplyWindow) -> Bool { lhs.start < rhs.start }

    public var description: String { start.formatted(.iso8601) }
}
