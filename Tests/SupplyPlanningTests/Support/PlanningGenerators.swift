import Foundation
import PropertyBased
import SupplyPlanning
import Tariffs

/// Generated planning inputs, built from small integers so that equal prices, shares at the minimum, full
/// suppliers and groups without a contract come up often. Up to 6 groups of 1-4 stations, 1-4 suppliers,
/// 1-6 windows; a window's offer may be missing (fallback price), stale or fresh, with or without a
/// renewable share, CO2, capacity and a limit for one group.
enum PlanningGen {
    static let stationLimitsW: [Double] = [3_700, 7_400, 11_000, 22_000, 50_000]
    static let maxWindows = 6

    static let offer = zip(
        Gen.int(in: -5...40),  // price, cents per kWh
        Gen.int(in: 0...4).optional,  // renewable share, quarters
        Gen.int(in: 0...8).optional,  // CO2, 100 g/kWh
        Gen.int(in: 0...8).optional,  // capacity in the window, 10 kW
        zip(Gen.int(in: 0...5), Gen.int(in: 0...6)).optional,  // a limit of (group, 5 kW steps)
        Gen.int(in: 0...2)  // quality
    ).map { price, share, carbon, capacity, groupLimit, quality in
        WindowOffer(
            pricePerKWh: Decimal(price) / 100, renewableShare: share.map { Double($0) / 4 }, carbonGramsPerKWh: carbon.map { Double($0 * 100) },
            capacityW: capacity.map { Double($0 * 10_000) },
            groupCapacityW: groupLimit.map { ["g\($0.0)": Double($0.1 * 5_000)] } ?? [:],
            quality: [OfferQuality.fresh, .stale, .fallback][quality], source: "generated", age: quality == 1 ? 7_200 : nil)
    }

    static let supplier = zip(
        Gen.int(in: 0...63),  // the groups its contract covers, one bit per group
        Gen.bool(0.15),  // in another currency
        Gen.int(in: 0...12),  // contract capacity, 10 kW
        Gen.int(in: 5...40),  // fallback price, cents
        offer.optional(valueRate: 0.8).array(of: maxWindows),
        zip(Gen.int(in: 0...4), Gen.int(in: 0...8).optional).optional  // contract mix: renewable quarters, CO2 100 g
    ).map { mask, foreign, capacity, fallback, offers, mix in
        SupplierDraft(mask: mask, foreign: foreign, capacityW: Double(capacity * 10_000), fallback: Decimal(fallback) / 100, offers: offers, mix: mix)
    }

    static let group = zip(
        Gen.int(in: 0...4).array(of: 1...4),  // station limits
        Gen.int(in: 0...3)  // group connection limit: the sum, half, 1.5 times, none
    ).map { limits, connection in (limits.map { stationLimitsW[$0] }, connection) }

    /// An input planned under `.cheapest`; tests set the policy.
    static let input = zip(group.array(of: 1...6), supplier.array(of: 1...4), Gen.int(in: 1...maxWindows)).map {
        groups, suppliers, windowCount in
        let windows = Fixture.windows(windowCount)
        let stationGroups = groups.enumerated().map { index, group in
            let sum = group.0.reduce(0, +)
            return StationGroup(
                id: "g\(index)",
                members: group.0.enumerated().map { StationGroup.Member(station: "g\(index)-s\($0.offset)", connectionLimitW: $0.element) },
                connectionLimitW: [sum, sum / 2, sum * 1.5, 0][group.1])
        }
        return PlanningInput(
            windows: windows, groups: stationGroups,
            suppliers: suppliers.enumerated().map { $0.element.offer(id: "dso\($0.offset)", windows: windows) },
            policy: .cheapest, currency: "EUR", unsuppliedPricePerKWh: Decimal(string: "0.33") ?? 0)
    }
}

struct SupplierDraft: Sendable {
    var mask: Int
    var foreign: Bool
    var capacityW: Double
    var fallback: Decimal
    var offers: [WindowOffer?]
    var mix: (Int, Int?)?

    func offer(id: String, windows: [SupplyWindow]) -> SupplierOffer {
        var byWindow: [SupplyWindow: WindowOffer] = [:]
        for (window, offer) in zip(windows, offers) { byWindow[window] = offer }
        let energyMix = mix.map { renewable, carbon in
            EnergyMix(
                isGreenEnergy: renewable == 4,
                energySources: [
                    EnergySource(source: .wind, percentage: Decimal(renewable * 25)),
                    EnergySource(source: .coal, percentage: Decimal(100 - renewable * 25)),
                ],
                environImpact: carbon.map { [EnvironmentalImpact(category: .carbonDioxide, amount: Decimal($0 * 100))] })
        }
        return SupplierOffer(
            id: id, currency: foreign ? "CHF" : "EUR", groups: Set((0..<6).filter { mask & (1 << $0) != 0 }.map { "g\($0)" }),
            contractCapacityW: capacityW, fallbackPricePerKWh: fallback, energyMix: energyMix, windows: byWindow)
    }
}
