public import Foundation

/// Chooses the supplier for every station group in every window by the policy, within each supplier's
/// capacity, and derives each station's price schedule and grid cap. Pure: the same input gives the same plan.
public enum SupplyPlanner {
    /// PLACEHOLDER until the planner lands: the cheapest eligible supplier, its whole contract capacity, no
    /// shared capacity accounting.
    public static func plan(_ input: PlanningInput) -> SupplyPlan {
        var choices: [SupplyChoice] = []
        for window in input.windows {
            for group in input.groups.sorted(by: { $0.id < $1.id }) {
                let eligible = input.suppliers.filter { $0.groups.contains(group.id) && $0.currency == input.currency }
                let offers = eligible.map { ($0, $0.windows[window]) }
                if let (supplier, offer) = offers.min(by: {
                    ($0.1?.pricePerKWh ?? $0.0.fallbackPricePerKWh) < ($1.1?.pricePerKWh ?? $1.0.fallbackPricePerKWh)
                }) {
                    choices.append(SupplyChoice(
                        group: group.id, window: window, supplier: supplier.id, pricePerKWh: offer?.pricePerKWh ?? supplier.fallbackPricePerKWh,
                        renewableShare: offer?.renewableShare, capW: group.connectionLimitW, quality: offer?.quality ?? .fallback,
                        reasons: ["cheapest"]))
                } else {
                    choices.append(SupplyChoice(
                        group: group.id, window: window, supplier: nil, pricePerKWh: input.unsuppliedPricePerKWh, capW: group.connectionLimitW,
                        quality: .fallback, reasons: ["no contract covers the group"]))
                }
            }
        }
        var stations: [StationSupply] = []
        for group in input.groups {
            for member in group.members {
                let slots = choices.filter { $0.group == group.id }.map {
                    StationSupply.Slot(
                        window: $0.window, pricePerKWh: $0.pricePerKWh, exportPricePerKWh: $0.exportPricePerKWh, renewableShare: $0.renewableShare,
                        capW: group.connectionLimitW > 0 ? $0.capW * member.connectionLimitW / group.connectionLimitW : 0)
                }
                stations.append(StationSupply(station: member.station, group: group.id, currency: input.currency, slots: slots))
            }
        }
        return SupplyPlan(currency: input.currency, choices: choices, stations: stations.sorted { $0.station < $1.station }, shortfalls: [])
    }
}
