import Benchmark
import Foundation
import SupplyPlanning

/// Monday 2026-06-01 00:00 UTC.
private let midnight = Date(timeIntervalSince1970: 1_780_272_000)
private let windows = SupplyWindow.windows(from: midnight, count: 96)

/// A fixed pseudo-random sequence (SplitMix64), so every run plans the same day.
private struct Draws {
    private var state: UInt64 = 16

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func int(_ range: ClosedRange<Int>) -> Int { range.lowerBound + Int(next() % UInt64(range.count)) }
}

/// 500 station groups of 2-4 stations (3.7-50 kW each) and 3 DSOs over a day of 96 windows. Each DSO covers
/// about two thirds of the groups and has about half of their power: groups move to their second choice and
/// some are short. Prices follow a day curve with noise; "stadtwerk" has limits for some groups (OSCP-like),
/// "enercity" has no feed for the evening (fallback price) and no CO2 figures.
private func day(_ policy: SupplyPolicy) -> PlanningInput {
    var draws = Draws()
    let limitsW: [Double] = [3_700, 7_400, 11_000, 22_000, 50_000]
    let groups = (0..<500).map { index in
        StationGroup(
            id: "G\(index)",
            members: (0..<draws.int(2...4)).map { StationGroup.Member(station: "G\(index)-S\($0)", connectionLimitW: limitsW[draws.int(0...4)]) })
    }
    let totalW = groups.reduce(0) { $0 + $1.connectionLimitW }
    let names = ["ovag", "enercity", "stadtwerk"]
    let suppliers = names.enumerated().map { number, name in
        var offers: [SupplyWindow: WindowOffer] = [:]
        for (slot, window) in windows.enumerated() where !(name == "enercity" && slot >= 72) {
            let curve = 20 + 8 * sin(Double(slot) / 96 * 2 * .pi - Double(number))
            let cents = Int(curve.rounded()) + draws.int(-2...2)
            var groupLimits: [String: Double] = [:]
            if name == "stadtwerk" {
                for _ in 0..<20 { groupLimits["G\(draws.int(0...499))"] = Double(draws.int(1...6) * 5_000) }
            }
            offers[window] = WindowOffer(
                pricePerKWh: Decimal(cents) / 100, renewableShare: Double(draws.int(10...90)) / 100,
                carbonGramsPerKWh: name == "enercity" ? nil : Double(draws.int(50...600)),
                capacityW: totalW * Double(draws.int(40...60)) / 100, groupCapacityW: groupLimits,
                quality: slot % 24 == 23 ? .stale : .fresh, source: "\(name) feed", age: slot % 24 == 23 ? 10_800 : 600)
        }
        return SupplierOffer(
            id: name, currency: "EUR",
            groups: Set(groups.enumerated().filter { ($0.offset + number) % 3 != 0 }.map(\.element.id)),
            contractCapacityW: totalW * 0.55, fallbackPricePerKWh: Decimal(30 + number) / 100, windows: offers)
    }
    return PlanningInput(
        windows: windows, groups: groups, suppliers: suppliers, policy: policy, currency: "EUR", unsuppliedPricePerKWh: Decimal(35) / 100)
}

private func plan(_ policy: SupplyPolicy) -> (Benchmark) -> Void {
    let input = day(policy)
    return { benchmark in
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(SupplyPlanner.plan(input))
        }
        benchmark.stopMeasurement()
    }
}

let benchmarks: @Sendable () -> Void = {
    let configuration = Benchmark.Configuration(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal], timeUnits: .milliseconds, maxDuration: .seconds(10), maxIterations: 30)
    let policies: [(String, SupplyPolicy)] = [
        ("cheapest", .cheapest), ("greenest", .greenest), ("cost with CO2 at 0.10/kg", .costWithCarbonPrice(pricePerKilogram: Decimal(10) / 100)),
        ("minimum 50 % renewable", .minimumRenewableShare(0.5)),
    ]
    for (name, policy) in policies {
        Benchmark("Supply plan, 500 groups x 3 DSOs x 96 windows, \(name)", configuration: configuration, closure: plan(policy))
    }
}
