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
