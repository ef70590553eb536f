import Foundation
import SupplyPlanning
import Tariffs

/// Small builders for planner inputs: windows from a fixed quarter hour, groups, suppliers and their offers.
enum Fixture {
    /// Monday 2026-06-01 00:00 UTC.
    static let start = Date(timeIntervalSince1970: 1_780_272_000)

    static func windows(_ count: Int) -> [SupplyWindow] { SupplyWindow.windows(from: start, count: count) }

    static let first = SupplyWindow(containing: start)

    static func group(_ id: String, _ limitsW: Double..., connectionLimitW: Double? = nil) -> StationGroup {
        StationGroup(
            id: id,
            members: limitsW.enumerated().map { StationGroup.Member(station: "\(id)-s\($0.offset + 1)", connectionLimitW: $0.element) },
            connectionLimitW: connectionLimitW)
    }

    static func offer(
        _ price: Decimal, share: Double? = nil, carbon: Double? = nil, capacityW: Double? = nil, groupCapacityW: [String: Double] = [:],
        quality: OfferQuality = .fresh, source: String = "test feed", age: TimeInterval? = nil
    ) -> WindowOffer {
        WindowOffer(
            pricePerKWh: price, renewableShare: share, carbonGramsPerKWh: carbon, capacityW: capacityW, groupCapacityW: groupCapacityW,
            quality: quality, source: source, age: age)
    }

    /// A supplier whose offer is the same in every window given.
    static func supplier(
        _ id: String, groups: Set<String>, capacityW: Double = 1_000_000, fallback: Decimal = 0.5, currency: String = "EUR",
        mix: EnergyMix? = nil, offer: WindowOffer?, windows: [SupplyWindow] = [first]
    ) -> SupplierOffer {
        var offers: [SupplyWindow: WindowOffer] = [:]
        if let offer { for window in windows { offers[window] = offer } }
        return SupplierOffer(
            id: id, currency: currency, groups: groups, contractCapacityW: capacityW, fallbackPricePerKWh: fallback, energyMix: mix,
            windows: offers)
    }

    static func input(
        _ groups: [StationGroup], _ suppliers: [SupplierOffer], policy: SupplyPolicy = .cheapest, windows: [SupplyWindow] = [first],
        unsupplied: Decimal = 0.3
    ) -> PlanningInput {
        PlanningInput(windows: windows, groups: groups, suppliers: suppliers, policy: policy, currency: "EUR", unsuppliedPricePerKWh: unsupplied)
    }
}

extension SupplyPlan {
    /// The choice for `group` in `window` (the first window when not given).
    func choice(_ group: String, _ window: SupplyWindow = Fixture.first) -> SupplyChoice? {
        choices.first { $0.group == group && $0.window == window }
    }

    func station(_ id: String) -> StationSupply? { stations.first { $0.station == id } }
}
