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
    static func intervals(of blocks: [OSCPForecastedBlock], group: String) -> [ForecastInterval] {
        let boundaries = Set(blocks.flatMap { [$0.startTime, $0.endTime] }).sorted()
        var intervals: [ForecastInterval] = []
        for (start, end) in zip(boundaries, boundaries.dropFirst()) {
            let covering = blocks.filter { $0.startTime <= start && $0.endTime >= end }
            guard !covering.isEmpty else { continue }
            var perPhase: [OSCPPhase: Double] = [:]
            for block in covering {
                let phase: OSCPPhase = block.phase == .unknown ? .all : block.phase
                perPhase[phase] = min(perPhase[phase] ?? .infinity, watts(of: block))
            }
            let phases = [OSCPPhase.one, .two, .three].compactMap { perPhase[$0] }
            let capacity: Double
            switch (perPhase[.all], phases.isEmpty) {
            case (let whole?, true): capacity = whole
            case (let whole?, false): capacity = min(whole, phases.reduce(0, +))
            case (nil, _): capacity = phases.reduce(0, +)
            }
            intervals.append(ForecastInterval(start: start, end: end, capacityW: capacity, group: group))
        }
        return intervals
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
