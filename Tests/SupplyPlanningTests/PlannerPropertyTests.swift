import Foundation
import PropertyBased
import SupplyPlanning
import Tariffs
import Testing

/// Properties of every plan over generated inputs (Support/PlanningGenerators.swift), under each policy.
/// The reference below reads the offers on its own and compares suppliers as the policies are documented.
@Suite struct PlannerPropertyTests {
    static let policies: [SupplyPolicy] = [
        .cheapest, .greenest, .costWithCarbonPrice(pricePerKilogram: Decimal(string: "0.1") ?? 0), .costWithCarbonPrice(pricePerKilogram: 0),
        .minimumRenewableShare(0.5), .minimumRenewableShare(1),
    ]
    private static let cases = 300
    private static let tolerance = 1e-6

    @Test(arguments: policies) func everyGroupHasOneChoiceInEveryWindowWithinItsConnectionLimit(policy: SupplyPolicy) async {
        await propertyCheck(count: Self.cases, input: PlanningGen.input) { generated in
            let input = Self.with(policy, generated)
            let plan = SupplyPlanner.plan(input)
            #expect(plan.choices.count == input.windows.count * input.groups.count)
            for window in input.windows {
                for group in input.groups {
                    let choices = plan.choices.filter { $0.group == group.id && $0.window == window }
                    #expect(choices.count == 1, "\(group.id) at \(window)")
                    guard let choice = choices.first else { continue }
                    #expect(choice.capW >= 0 && choice.capW <= group.connectionLimitW, "\(choice)")
                    let eligible = Reference.eligible(input, group: group.id)
                    if let supplier = choice.supplier {
                        #expect(eligible.contains { $0.id == supplier }, "\(supplier) may not supply \(group.id)")
                        let terms = Reference.terms(input.suppliers.first { $0.id == supplier }, window)
                        #expect(choice.pricePerKWh == terms?.price && choice.renewableShare == terms?.share && choice.quality == terms?.quality)
                    } else {
                        #expect(eligible.isEmpty)
                        #expect(choice.capW == group.connectionLimitW && choice.pricePerKWh == input.unsuppliedPricePerKWh)
                    }
                    #expect(!choice.reasons.isEmpty)
                }
            }
        }
    }

    @Test(arguments: policies) func noSupplierGivesMoreThanItsCapacityOrItsLimitForAGroup(policy: SupplyPolicy) async {
        await propertyCheck(count: Self.cases, input: PlanningGen.input) { generated in
            let input = Self.with(policy, generated)
            let plan = SupplyPlanner.plan(input)
            for window in input.windows {
                for supplier in input.suppliers {
                    guard let terms = Reference.terms(supplier, window) else { continue }
                    let served = plan.choices.filter { $0.window == window && $0.supplier == supplier.id }
                    let total = served.reduce(0) { $0 + $1.capW }
                    #expect(total <= terms.capacityW + Self.tolerance, "\(supplier.id) at \(window): \(total) W of \(terms.capacityW) W")
                    for choice in served {
                        if let limit = terms.groupLimitsW[choice.group] {
                            #expect(choice.capW <= limit + Self.tolerance, "\(supplier.id) limits \(choice.group) to \(limit) W")
                        }
                    }
                }
            }
        }
    }

    @Test(arguments: policies) func noBetterSupplierWithRoomIsPassedOver(policy: SupplyPolicy) async {
        await propertyCheck(count: Self.cases, input: PlanningGen.input) { generated in
            let input = Self.with(policy, generated)
            let plan = SupplyPlanner.plan(input)
            for window in input.windows {
                // What each supplier has left once the plan is made: it only ever shrinks while planning, so a
                // supplier without room for a group now had none when the group was served either.
                var leftW: [String: Double] = [:]
                for supplier in input.suppliers {
                    let given = plan.choices.filter { $0.window == window && $0.supplier == supplier.id }.reduce(0) { $0 + $1.capW }
                    leftW[supplier.id] = (Reference.terms(supplier, window)?.capacityW ?? 0) - given
                }
                for group in input.groups {
                    guard let choice = plan.choices.first(where: { $0.group == group.id && $0.window == window }),
                        let chosenID = choice.supplier, let chosen = Reference.terms(input.suppliers.first { $0.id == chosenID }, window)
                    else { continue }
                    for other in Reference.eligible(input, group: group.id) where other.id != chosenID {
                        guard let terms = Reference.terms(other, window) else { continue }
                        let roomW = min(leftW[other.id] ?? 0, terms.groupLimitsW[group.id] ?? .infinity)
                        if choice.capW < group.connectionLimitW {
                            // Short: the chosen supplier had the most room of all.
                            #expect(roomW <= choice.capW + Self.tolerance, "\(other.id) had \(roomW) W for \(group.id), \(chosenID) gave \(choice.capW) W")
                        } else if Reference.isStrictlyBetter(terms, than: chosen, under: policy) {
                            #expect(roomW < group.connectionLimitW, "\(other.id) is better than \(chosenID) for \(group.id) and had room")
                        }
                    }
                }
            }
        }
    }

    @Test(arguments: policies) func shortfallsAreExactlyTheGroupsBelowTheirLimit(policy: SupplyPolicy) async {
        await propertyCheck(count: Self.cases, input: PlanningGen.input) { generated in
            let input = Self.with(policy, generated)
            let plan = SupplyPlanner.plan(input)
            let limits = Dictionary(input.groups.map { ($0.id, $0.connectionLimitW) }, uniquingKeysWith: { first, _ in first })
            let expected = plan.choices.filter { $0.capW < (limits[$0.group] ?? 0) }.map {
                SupplyShortfall(group: $0.group, window: $0.window, supplier: $0.supplier, neededW: limits[$0.group] ?? 0, allottedW: $0.capW)
            }
            #expect(plan.shortfalls == expected)
        }
    }

    @Test(arguments: policies) func stationsShareTheirGroupsCapAndPriceInEveryWindow(policy: SupplyPolicy) async {
        await propertyCheck(count: Self.cases, input: PlanningGen.input) { generated in
            let input = Self.with(policy, generated)
            let plan = SupplyPlanner.plan(input)
            #expect(plan.stations.count == input.groups.reduce(0) { $0 + $1.members.count })
            for group in input.groups {
                let stations = plan.stations.filter { $0.group == group.id }
                #expect(stations.map(\.station).sorted() == group.members.map(\.station).sorted())
                for (index, window) in input.windows.enumerated() {
                    guard let choice = plan.choices.first(where: { $0.group == group.id && $0.window == window }) else { continue }
                    var total = 0.0
                    for station in stations {
                        guard index < station.slots.count else { continue }
                        let slot = station.slots[index]
                        let limit = group.members.first { $0.station == station.station }?.connectionLimitW ?? 0
                        #expect(slot.window == window && slot.pricePerKWh == choice.pricePerKWh)
                        #expect(slot.capW >= 0 && slot.capW <= limit)
                        total += slot.capW
                    }
                    #expect(total <= choice.capW + Self.tolerance, "\(group.id): stations \(total) W, group \(choice.capW) W")
                }
                #expect(stations.allSatisfy { $0.slots.map(\.window) == input.windows })
            }
        }
    }

    @Test(arguments: policies) func thePlanDependsOnTheInputNotOnItsOrder(policy: SupplyPolicy) async {
        await propertyCheck(count: Self.cases, input: PlanningGen.input) { generated in
            let input = Self.with(policy, generated)
            let plan = SupplyPlanner.plan(input)
            #expect(SupplyPlanner.plan(input) == plan)
            var reordered = input
            reordered.groups.reverse()
            reordered.suppliers.reverse()
            reordered.windows.reverse()
            #expect(SupplyPlanner.plan(reordered) == plan)
        }
    }

    private static func with(_ policy: SupplyPolicy, _ input: PlanningInput) -> PlanningInput {
        var input = input
        input.policy = policy
        return input
    }
}

/// The offers read independently of the planner, and the policies' order as documented.
enum Reference {
    struct Terms {
        var price: Decimal
        var share: Double?
        var carbon: Double?
        var capacityW: Double
        var groupLimitsW: [String: Double]
        var quality: OfferQuality
    }

    static func eligible(_ input: PlanningInput, group: String) -> [SupplierOffer] {
        input.suppliers.filter { $0.groups.contains(group) && $0.currency == input.currency }
    }

    static func terms(_ supplier: SupplierOffer?, _ window: SupplyWindow) -> Terms? {
        guard let supplier else { return nil }
        let mix = supplier.energyMix
        let mixShare = mix.map { mix in
            let green = (mix.energySources ?? []).filter { [.wind, .solar, .water, .generalGreen].contains($0.source) }
            return NSDecimalNumber(decimal: green.reduce(Decimal(0)) { $0 + $1.percentage } / 100).doubleValue
        }
        let mixCarbon = mix?.environImpact?.first { $0.category == .carbonDioxide }.map { NSDecimalNumber(decimal: $0.amount).doubleValue }
        guard let offer = supplier.windows[window] else {
            return Terms(
                price: supplier.fallbackPricePerKWh, share: mixShare, carbon: mixCarbon, capacityW: supplier.contractCapacityW, groupLimitsW: [:],
                quality: .fallback)
        }
        return Terms(
            price: offer.pricePerKWh, share: offer.renewableShare ?? mixShare, carbon: offer.carbonGramsPerKWh ?? mixCarbon,
            capacityW: min(supplier.contractCapacityW, offer.capacityW ?? .infinity), groupLimitsW: offer.groupCapacityW, quality: offer.quality)
    }

    /// Whether the policy itself (not a tie-break) prefers `a` to `b`.
    static func isStrictlyBetter(_ a: Terms, than b: Terms, under policy: SupplyPolicy) -> Bool {
        let shareA = a.share ?? 0
        let shareB = b.share ?? 0
        switch policy {
        case .cheapest:
            return a.price < b.price
        case .greenest:
            return shareA > shareB || (shareA == shareB && a.price < b.price)
        case .costWithCarbonPrice(let perKilogram):
            switch (a.carbon, b.carbon) {
            case (nil, nil): return a.price < b.price
            case (nil, _): return false
            case (_, nil): return true
            case (let gramsA?, let gramsB?):
                return a.price + Decimal(gramsA) * perKilogram / 1_000 < b.price + Decimal(gramsB) * perKilogram / 1_000
            }
        case .minimumRenewableShare(let minimum):
            let reachesA = shareA >= minimum
            let reachesB = shareB >= minimum
            if reachesA != reachesB { return reachesA }
            if reachesA { return a.price < b.price }
            return shareA > shareB || (shareA == shareB && a.price < b.price)
        }
    }
}
