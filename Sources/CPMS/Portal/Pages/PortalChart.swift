import Foundation

/// A chart as `/portal/static/charts.js` draws it with chart.js: time on the x axis (milliseconds since 1970,
/// shown in UTC), one or two value axes, lines or steps. Pages serve their charts as JSON (`PortalCharts`).
struct PortalChart: Sendable, Encodable {
    struct Point: Sendable, Encodable, Equatable {
        let x: Double
        /// nil breaks the line (a gap in the data).
        let y: Double?

        init(_ date: Date, _ value: Double?) {
            x = (date.timeIntervalSince1970 * 1000).rounded()
            y = value.flatMap { $0.isFinite ? ($0 * 1000).rounded() / 1000 : nil }
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.unkeyedContainer()
            try container.encode(x)
            try container.encode(y)
        }
    }

    struct Series: Sendable, Encodable {
        let label: String
        let color: String
        /// A value that holds until the next one (a plan's window), drawn as steps.
        var stepped = false
        /// `y` (left) or `y2` (right).
        var axis = "y"
        var dashed = false
        let points: [Point]
    }

    let id: String
    let title: String
    let unit: String
    /// The right axis's unit, when a series uses it.
    var rightUnit: String?
    /// The right axis's range (a percentage: 0 to 100).
    var rightMax: Double?
    /// Said instead of the chart when no series has a value.
    let empty: String
    let from: Double
    let to: Double
    /// Where the chart marks "now" (the plan's values go on after it).
    let now: Double
    let series: [Series]

    init(
        id: String, title: String, unit: String, rightUnit: String? = nil, rightMax: Double? = nil, empty: String, from: Date, to: Date, now: Date,
        series: [Series]
    ) {
        self.id = id
        self.title = title
        self.unit = unit
        self.rightUnit = rightUnit
        self.rightMax = rightMax
        self.empty = empty
        self.from = (from.timeIntervalSince1970 * 1000).rounded()
        self.to = (to.timeIntervalSince1970 * 1000).rounded()
        self.now = (now.timeIntervalSince1970 * 1000).rounded()
        self.series = series
    }
}

/// The charts of one page, as its JSON endpoint answers.
struct PortalCharts: Sendable, Encodable {
    let charts: [PortalChart]
}

/// Turning samples into a chart's points.
enum ChartPoints {
    /// Samples (in time order) as a line: averaged per `bucket` seconds when there are more than `maxPoints`, and
    /// broken where two samples are further apart than `gap` seconds or four times the median spacing, whichever
    /// is more (the device said nothing there; a device that reports rarely still gets a line).
    static func line(_ samples: [(at: Date, value: Double)], gap: TimeInterval = 900, maxPoints: Int = 1500, bucket: TimeInterval = 60) -> [PortalChart.Point] {
        var reduced = samples.filter { $0.value.isFinite }
        if reduced.count > maxPoints {
            var buckets: [(at: Date, sum: Double, count: Int)] = []
            for sample in reduced {
                let start = Date(timeIntervalSince1970: (sample.at.timeIntervalSince1970 / bucket).rounded(.down) * bucket)
                if let last = buckets.last, last.at == start {
                    buckets[buckets.count - 1].sum += sample.value
                    buckets[buckets.count - 1].count += 1
                } else {
                    buckets.append((start, sample.value, 1))
                }
            }
            reduced = buckets.map { ($0.at, $0.sum / Double($0.count)) }
        }
        let spacings = zip(reduced.dropFirst(), reduced).map { $0.at.timeIntervalSince($1.at) }.sorted()
        let gap = max(gap, 4 * (spacings.isEmpty ? 0 : spacings[spacings.count / 2]))
        var points: [PortalChart.Point] = []
        var previous: Date?
        for sample in reduced {
            if let previous, sample.at.timeIntervalSince(previous) > gap {
                points.append(PortalChart.Point(previous.addingTimeInterval(1), nil))
            }
            points.append(PortalChart.Point(sample.at, sample.value))
            previous = sample.at
        }
        return points
    }

    /// Values that hold over windows (in time order) as steps: a point at each window's start, one at the last
    /// window's end, and a break where windows are missing.
    static func steps(_ windows: [(start: Date, end: Date, value: Double?)]) -> [PortalChart.Point] {
        var points: [PortalChart.Point] = []
        var previousEnd: Date?
        for window in windows {
            if let previousEnd, window.start > previousEnd { points.append(PortalChart.Point(previousEnd, nil)) }
            points.append(PortalChart.Point(window.start, window.value))
            previousEnd = window.end
        }
        if let last = windows.last { points.append(PortalChart.Point(last.end, last.value)) }
        return points
    }
}
