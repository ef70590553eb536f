@testable import CPMS
import Foundation
import Testing

/// OSCP capacity blocks in W per span (230 V per phase) and the group mapping.
@Suite
struct OSCPCapacityTests {
    static let t0 = Date(timeIntervalSince1970: 1_796_630_400)  // 2026-12-07T10:00:00Z

    static func block(_ capacity: Double, _ unit: OSCPCapacityUnit, _ phase: OSCPPhase = .all, from: Double = 0, minutes: Double = 15) -> OSCPForecastedBlock {
        OSCPForecastedBlock(
            capacity: capacity, phase: phase, unit: unit, startTime: t0.addingTimeInterval(from * 60),
            endTime: t0.addingTimeInterval((from + minutes) * 60))
    }

    @Test func unitsBecomeWatts() {
        #expect(OSCPCapacity.watts(of: Self.block(16, .amperes, .all)) == 16 * 230 * 3)
        #expect(OSCPCapacity.watts(of: Self.block(16, .amperes, .one)) == 16 * 230)
        #expect(OSCPCapacity.watts(of: Self.block(16, .amperes, .unknown)) == 16 * 230)
        #expect(OSCPCapacity.watts(of: Self.block(11_000, .watts)) == 11_000)
        #expect(OSCPCapacity.watts(of: Self.block(22, .kilowatts)) == 22_000)
        // 2.5 kWh in 15 minutes is 10 kW on average; 500 Wh in 30 minutes 1 kW.
        #expect(OSCPCapacity.watts(of: Self.block(2.5, .kilowattHours)) == 10_000)
        #expect(OSCPCapacity.watts(of: Self.block(500, .wattHours, minutes: 30)) == 1000)
    }

    /// The rule of `OSCPCapacity.intervals` as it reads: every span against every block.
    static func referenceIntervals(of blocks: [OSCPForecastedBlock]) -> [(Date, Date, Double)] {
        let boundaries = Set(blocks.flatMap { [$0.startTime, $0.endTime] }).sorted()
        var intervals: [(Date, Date, Double)] = []
        for (start, end) in zip(boundaries, boundaries.dropFirst()) {
            let covering = blocks.filter { $0.startTime <= start && $0.endTime >= end }
            guard !covering.isEmpty else { continue }
            var perPhase: [OSCPPhase: Double] = [:]
            for block in covering {
                let phase: OSCPPhase = block.phase == .unknown ? .all : block.phase
                perPhase[phase] = min(perPhase[phase] ?? .infinity, OSCPCapacity.watts(of: block))
            }
            let phases = [OSCPPhase.one, .two, .three].compactMap { perPhase[$0] }
            let whole = perPhase[.all]
            intervals.append((start, end, whole.map { phases.isEmpty ? $0 : min($0, phases.reduce(0, +)) } ?? phases.reduce(0, +)))
        }
        return intervals
    }

    @Test func overlappingNestedAndGappedBlocksGiveWhatEverySpanAgainstEveryBlockGives() {
        var generator = SplitMix(seed: 17)
        let units: [OSCPCapacityUnit] = [.watts, .kilowatts, .amperes, .wattHours, .kilowattHours]
        let phases: [OSCPPhase] = [.all, .unknown, .one, .two, .three]
        for round in 0..<300 {
            let blocks = (0..<(1 + round % 40)).map { _ in
                Self.block(
                    Double(generator.next() % 50_000) / 10, units[Int(generator.next() % 5)], phases[Int(generator.next() % 5)],
                    from: Double(generator.next() % 48) * 15, minutes: Double(generator.next() % 12) * 15)
            }
            let intervals = OSCPCapacity.intervals(of: blocks, group: "g")
            let expected = Self.referenceIntervals(of: blocks)
            #expect(intervals.map(\.start) == expected.map(\.0), "round \(round)")
            #expect(intervals.map(\.end) == expected.map(\.1), "round \(round)")
            #expect(intervals.map(\.capacityW) == expected.map(\.2), "round \(round)")
        }
    }

    @Test func aTimeIsReadToTheMillisecondItIsWrittenWith() throws {
        let read = try #require(OSCPDateTime.parse("2026-12-07T10:05:00.5555555555Z"))
        #expect(OSCPDateTime.format(read) == "2026-12-07T10:05:00.556Z")
        #expect(OSCPDateTime.parse(OSCPDateTime.format(read)) == read)
    }

    @Test func consecutiveBlocksBecomeIntervalsOfTheGroup() {
        let intervals = OSCPCapacity.intervals(of: [Self.block(20, .kilowatts, from: 15), Self.block(10, .kilowatts, from: 0)], group: "depot")
        #expect(intervals.map(\.capacityW) == [10_000, 20_000])
        #expect(intervals.map(\.start) == [Self.t0, Self.t0.addingTimeInterval(900)])
        #expect(intervals.allSatisfy { $0.group == "depot" && $0.pricePerKWh == nil })
    }

    @Test func phasesOverTheSameSpanAddUpAndAWholeConnectionLimitCapsThem() {
        let phases = [Self.block(16, .amperes, .one), Self.block(16, .amperes, .two), Self.block(10, .amperes, .three)]
        #expect(OSCPCapacity.intervals(of: phases, group: "g").map(\.capacityW) == [42 * 230])
        let capped = phases + [Self.block(8, .kilowatts, .all)]
        #expect(OSCPCapacity.intervals(of: capped, group: "g").map(\.capacityW) == [8000])
        let twiceTheSamePhase = [Self.block(16, .amperes, .one), Self.block(6, .amperes, .one)]
        #expect(OSCPCapacity.intervals(of: twiceTheSamePhase, group: "g").map(\.capacityW) == [6 * 230])
    }

    @Test func overlappingBlocksAreSplitAtEveryBoundaryAndGapsStayEmpty() {
        // 10:00-11:00 at 30 kW, 10:15-10:30 at 12 kW, 11:30-11:45 at 5 kW.
        let blocks = [Self.block(30, .kilowatts, minutes: 60), Self.block(12, .kilowatts, from: 15), Self.block(5, .kilowatts, from: 90)]
        let intervals = OSCPCapacity.intervals(of: blocks, group: "g")
        #expect(intervals.map(\.capacityW) == [30_000, 12_000, 30_000, 5000])
        #expect(intervals.map { $0.start.timeIntervalSince(Self.t0) / 60 } == [0, 15, 30, 90])
        #expect(intervals.map { $0.end.timeIntervalSince(Self.t0) / 60 } == [15, 30, 60, 105])
    }

    @Test func groupsAreMappedBothWays() {
        let mapping = OSCPGroupMapping(oscpToCPMS: ["EAN-871": "depot", "EAN-872": "garage"])
        #expect(mapping.cpmsGroup(forOSCP: "EAN-871") == "depot")
        #expect(mapping.cpmsGroup(forOSCP: "unmapped") == "unmapped")
        #expect(mapping.oscpGroup(forCPMS: "garage") == "EAN-872")
        #expect(mapping.oscpGroup(forCPMS: "station-9") == "station-9")
    }

    @Test func intervalsFromTheCapacityProviderOrSettingsStayWithinASecondAndADay() {
        #expect(OSCPSession.clamped(seconds: 1e300) == 86_400)
        #expect(OSCPSession.clamped(seconds: .infinity) == 86_400)
        #expect(OSCPSession.clamped(seconds: -5) == 1)
        #expect(OSCPSession.clamped(seconds: .nan) == 60)
        #expect(OSCPSession.duration(seconds: 2.5) == .milliseconds(2500))
    }
}

/// A small deterministic generator for the property tests.
private struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
