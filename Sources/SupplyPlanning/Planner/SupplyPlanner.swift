import Foundation

/// Chooses the supplier for every station group in every window by the policy, within each supplier's
/// capacity, and derives each station's price schedule and grid cap. Pure: the same input gives the same plan.
///
/// Per window: every supplier's terms (its offer, else its contract's fallback price), ranked by the policy;
/// groups in order of regret (what taking the second-best supplier would cost them), each given the
/// best-ranked supplier whose contract covers it, in the plan's currency, with room for its whole connection
/// limit; when none has, the one with the most room gives a partial cap and the gap is a `SupplyShortfall`.
/// See docs/energy-supply.md, "Planning".
public enum SupplyPlanner {
    public static func plan(_ input: PlanningInput) -> SupplyPlan {
        let windows = Set(input.windows).sorted()
        let groups = input.groups
        let groupOrder = groups.indices.sorted { (groups[$0].id, $0) < (groups[$1].id, $1) }
        let eligibility = Eligibility(groups: groups, suppliers: input.suppliers, currency: input.currency)
        let mixes = input.suppliers.map(ContractMix.init)

        var choices: [SupplyChoice] = []
        choices.reserveCapacity(windows.count * groups.count)
        var byGroup = [[SupplyChoice]](repeating: [], count: groups.count)
        var shortfalls: [SupplyShortfall] = []
        for window in windows {
            let terms = input.suppliers.indices.map { WindowTerms(input.suppliers[$0], in: window, mix: mixes[$0]) }
            var allocation = CapacityAllocation(terms: terms, policy: input.policy)
            let allotments = allocation.allot(groups, eligibility: eligibility)
            var reasons = ChoiceReasons(policy: input.policy, currency: input.currency, allocation: allocation)
            for index in groupOrder {
                let group = groups[index]
                let choice: SupplyChoice
                if let allotment = allotments[index] {
                    let chosen = terms[allotment.supplier]
                    choice = SupplyChoice(
                        group: group.id, window: window, supplier: chosen.supplier, pricePerKWh: chosen.pricePerKWh,
                        exportPricePerKWh: chosen.exportPricePerKWh, renewableShare: chosen.renewableShare,
                        carbonGramsPerKWh: chosen.carbonGramsPerKWh, capW: allotment.capW, quality: chosen.quality,
                        reasons: reasons.reasons(
                            for: allotment, candidates: eligibility.candidateCount[index], skipped: eligibility.skipped[index]))
                    if allotment.isShort {
                        shortfalls.append(
                            SupplyShortfall(
                                group: group.id, window: window, supplier: chosen.supplier, neededW: allotment.neededW, allottedW: allotment.capW))
                    }
                } else {
                    choice = SupplyChoice(
                        group: group.id, window: window, supplier: nil, pricePerKWh: input.unsuppliedPricePerKWh,
                        capW: CapacityAllocation.neededW(group), quality: .fallback,
                        reasons: ChoiceReasons.unsupplied(
                            group, skipped: eligibility.skipped[index], currency: input.currency, pricePerKWh: input.unsuppliedPricePerKWh))
                }
                choices.append(choice)
                byGroup[index].append(choice)
            }
        }
        let stations = StationSchedules.stations(groups: groups, choices: byGroup, currency: input.currency)
        return SupplyPlan(currency: input.currency, choices: choices, stations: stations, shortfalls: shortfalls)
    }
}
