import Foundation

/// The capacity of a forecast's blocks in W, per span: what the plan's grid caps are made of.
///
/// A block in A is a current per phase at 230 V: `ALL` counts three phases, any other phase one. A block in
/// Wh or kWh is the energy over its span, taken as its average power. Blocks of different phases over the
/// same span add up; where a block for the whole connection (`ALL` or `UNKNOWN`) and per-phase blocks
/// overlap, the smaller total holds; two blocks for the same phase over the same span: the smaller holds.
enum OSCPCapacity {
    static let voltsPerPhase = 230.0
    /// The largest capacity of a block that is read, W (the JSON feed's bound too).
    static let maximumWatts = 1e12

    static func watts(of block: OSCPForecastedBlock) -> Double {
        let hours = block.endTime.timeIntervalSince(block.startTime) / 3600
        switch block.unit {
        case .watts: return block.capacity
        case .kilowatts: return block.capacity * 1000
        case .amperes: return block.capacity * voltsPerPhase * (block.phase == .all ? 3 : 1)
        case .wattHours: return block.capacity / hours
        case .kilowattHours: return block.capacity * 1000 / hours
        }
    }

    /// One interval per span between consecutive block boundaries that some block covers, in time order.
    ///
    /// Each block lowers the per-phase minimum of the spans it covers in a tree of minima (`SpanMinima`), so a
    /// forecast of n blocks costs O(n log n): comparing every block with every span was O(n²), seconds for the
    /// thousands of blocks a 1 MiB body holds.
    static func intervals(of blocks: [OSCPForecastedBlock], group: String) -> [ForecastInterval] {
        let boundaries = Set(blocks.flatMap { [$0.startTime, $0.endTime] }).sorted()
        guard boundaries.count > 1 else { return [] }
        let spans = boundaries.count - 1
        let index = Dictionary(uniqueKeysWithValues: boundaries.enumerated().map { ($1, $0) })
        var lowest: [OSCPPhase: SpanMinima] = [:]
        for block in blocks where block.startTime < block.endTime {
            guard let first = index[block.startTime], let end = index[block.endTime] else { continue }
            let phase: OSCPPhase = block.phase == .unknown ? .all : block.phase
            lowest[phase, default: SpanMinima(count: spans)].lower(from: first, to: end, to: watts(of: block))
        }
        var intervals: [ForecastInterval] = []
        for span in 0..<spans {
            let whole = lowest[.all]?.minimum(at: span)
            let phases = [OSCPPhase.one, .two, .three].compactMap { lowest[$0]?.minimum(at: span) }
            let capacity: Double
            switch (whole, phases.isEmpty) {
            case (nil, true): continue
            case (let whole?, true): capacity = whole
            case (let whole?, false): capacity = min(whole, phases.reduce(0, +))
            case (nil, false): capacity = phases.reduce(0, +)
            }
            intervals.append(ForecastInterval(start: boundaries[span], end: boundaries[span + 1], capacityW: capacity, group: group))
        }
        return intervals
    }
}

/// The smallest value given to each of `count` spans, where each value is given to a range of spans: a
/// bottom-up segment tree whose nodes keep the smallest value given to all of their spans.
struct SpanMinima {
    let count: Int
    private var nodes: [Double]

    init(count: Int) {
        self.count = count
        nodes = Array(repeating: .infinity, count: 2 * count)
    }

    /// Gives `value` to the spans `from..<to`.
    mutating func lower(from: Int, to: Int, to value: Double) {
        var low = from + count, high = to + count
        while low < high {
            if low & 1 == 1 {
                nodes[low] = Swift.min(nodes[low], value)
                low += 1
            }
            if high & 1 == 1 {
                high -= 1
                nodes[high] = Swift.min(nodes[high], value)
            }
            low >>= 1
            high >>= 1
        }
    }

    /// The smallest value given to `span`; nil when none was.
    func minimum(at span: Int) -> Double? {
        var node = span + count
        var smallest = Double.infinity
        while node >= 1 {
            smallest = Swift.min(smallest, nodes[node])
            node >>= 1
        }
        return smallest == .infinity ? nil : smallest
    }
}

/// OSCP group ids and cpms station groups: the settings' mapping, else the same name.
struct OSCPGroupMapping: Sendable {
    let oscpToCPMS: [String: String]

    func cpmsGroup(forOSCP id: String) -> String { oscpToCPMS[id] ?? id }

    func oscpGroup(forCPMS group: String) -> String {
        oscpToCPMS.filter { $0.value == group }.keys.sorted().first ?? group
    }
}
