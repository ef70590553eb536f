public import Foundation

/// A half-open span of time [start, end).
public struct TimeWindow: Sendable, Hashable, Codable, CustomStringConvertible {
    public var start: Date
    public var end: Date

    public init(start: Date, end: Date) {
        self.start = start
        self.end = end
    }

    public init(start: Date, duration: TimeInterval) {
        self.init(start: start, end: start.addingTimeInterval(duration))
    }

    public var duration: TimeInterval { end.timeIntervalSince(start) }

    public func contains(_ instant: Date) -> Bool { start <= instant && instant < end }

    public var description: String {
        "[\(start.formatted(.iso8601)), \(end.formatted(.iso8601)))"
    }
}

/// Whole seconds since 1970: the calendar's internal time, so sorting and alignment are exact.
typealias Seconds = Int64

extension Date {
    /// This instant in whole seconds, or nil when it has a fraction of a second (or is out of range).
    var wholeSeconds: Seconds? {
        let value = timeIntervalSince1970
        guard value.isFinite, value.rounded() == value, abs(value) < 1e15 else { return nil }
        return Seconds(value)
    }

    init(seconds: Seconds) { self.init(timeIntervalSince1970: TimeInterval(seconds)) }
}
