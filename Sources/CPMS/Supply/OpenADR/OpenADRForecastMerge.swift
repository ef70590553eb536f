public import Foundation

/// What the VTN's events, taken together, say about a span: the forecast update that replaces the feed's
/// earlier word on it.
///
/// A price event and a load-control event may overlap, and a modified or cancelled event must take back what
/// its earlier version said; so a change is never sent as the changed event's intervals alone but as the span
/// it touches (old and new extent) cut at every boundary, each piece carrying the price of the latest event
/// that prices it and the lowest cap any event sets, per group. A piece no event speaks for is sent without
/// figures: the feed withdraws what it said there.
public enum OpenADRForecastMerge {
    /// One event's current intervals, with the order it was handled in (later prices win).
    public struct EventForecast: Sendable, Equatable {
        public var sequence: Int
        public var intervals: [ForecastInterval]

        public init(sequence: Int, intervals: [ForecastInterval]) {
            self.sequence = sequence
            self.intervals = intervals
        }
    }

    /// The intervals for `start..<end`: one without a group (price, and the contract-wide cap) per piece, and one
    /// per group of `groups` (and any group an event names) carrying that group's cap.
    public static func intervals(from start: Date, to end: Date, events: [EventForecast], groups: [String]) -> [ForecastInterval] {
        guard start < end else { return [] }
        let ordered = events.sorted { $0.sequence < $1.sequence }
        let relevant = ordered.flatMap(\.intervals).filter { $0.end > start && $0.start < end }
        var cuts: Set<Date> = [start, end]
        for interval in relevant {
            if interval.start > start && interval.start < end { cuts.insert(interval.start) }
            if interval.end > start && interval.end < end { cuts.insert(interval.end) }
        }
        var allGroups = groups
        for group in relevant.compactMap(\.group) where !allGroups.contains(group) { allGroups.append(group) }
        let points = cuts.sorted()
        var result: [ForecastInterval] = []
        for (from, to) in zip(points, points.dropFirst()) {
            let covering = ordered.map { event in event.intervals.filter { $0.start <= from && $0.end >= to } }
            let priced = covering.joined().filter { $0.pricePerKWh != nil }.last
            var piece = ForecastInterval(start: from, end: to, pricePerKWh: priced?.pricePerKWh, currency: priced?.currency)
            piece.capacityW = covering.joined().filter { $0.group == nil }.compactMap(\.capacityW).min()
            result.append(piece)
            for group in allGroups {
                let cap = covering.joined().filter { $0.group == group }.compactMap(\.capacityW).min()
                result.append(ForecastInterval(start: from, end: to, capacityW: cap, group: group))
            }
        }
        return result
    }
}
