import Foundation

/// The reasons an admin reads with a choice, e.g. "cheapest of 3 (0.21 EUR/kWh vs enercity 0.24)",
/// "ovag has no room (12 kW left, needs 22 kW): next best", "stale forecast (age 3 h) from entsoe A44".
struct ChoiceReasons {
    let policy: SupplyPolicy
    let currency: String

    func reasons(for allotment: Allotment, in allocation: CapacityAllocation, candidates: Int, skipped: [String]) -> [String] {
        let terms = allocation.terms
        var reasons = skipped
        for passed in allotment.passedOver {
            reasons.append(noRoom(passed, name: terms[passed.supplier].supplier, neededW: allotment.neededW, short: allotment.isShort))
        }
        let chosen = terms[allotment.supplier]
        let runnerUp = allotment.runnerUp.map { (terms: terms[$0], key: allocation.keys[$0]) }
        reasons.append(ranking(chosen, key: allocation.keys[allotment.supplier], rank: allotment.rank, of: candidates, runnerUp: runnerUp))
        if allotment.isShort {
            reasons.append(
                "no supplier has room for \(PlanText.power(allotment.neededW)): \(chosen.supplier) has the most "
                    + "(\(PlanText.power(allotment.capW))), \(PlanText.power(allotment.neededW - allotment.capW)) short")
        }
        if let unknown = unknownFigure(chosen) { reasons.append(unknown) }
        if let quality = quality(chosen) { reasons.append(quality) }
        return reasons
    }

    func unsupplied(_ group: StationGroup, skipped: [String], pricePerKWh: Decimal) -> [String] {
        let contract = skipped.isEmpty ? "no contract" : "no contract in \(currency)"
        return skipped + [
            "\(contract) covers the group: its connection limit (\(PlanText.power(CapacityAllocation.neededW(group)))) "
                + "at the assumed \(PlanText.price(pricePerKWh)) \(currency)/kWh"
        ]
    }

    private func noRoom(_ passed: PassedOver, name: String, neededW: Double, short: Bool) -> String {
        let room =
            passed.groupLimitW.map { "limit for the group \(PlanText.power($0))" } ?? "\(PlanText.power(passed.roomW)) left"
        return "\(name) has no room (\(room), needs \(PlanText.power(neededW)))" + (short ? "" : ": next best")
    }

    private func ranking(
        _ chosen: WindowTerms, key: RankKey, rank: Int, of candidates: Int, runnerUp: (terms: WindowTerms, key: RankKey)?
    ) -> String {
        let price = "\(PlanText.price(chosen.pricePerKWh)) \(currency)/kWh"
        let share = PlanText.percent(chosen.renewableShare ?? 0)
        let place = rank == 0 ? "" : "\(PlanText.ordinal(rank + 1)) "
        switch policy {
        case .cheapest:
            if candidates == 1 { return "cheapest: the only supplier (\(price))" }
            guard rank == 0, let other = runnerUp?.terms else { return "\(place)cheapest of \(candidates) (\(price))" }
            return "cheapest of \(candidates) (\(price) vs \(other.supplier) \(PlanText.price(other.pricePerKWh)))"
        case .greenest:
            if candidates == 1 { return "greenest: the only supplier (\(share) renewable)" }
            guard rank == 0, let other = runnerUp?.terms else { return "\(place)greenest of \(candidates): \(share) renewable" }
            if other.renewableShare ?? 0 == chosen.renewableShare ?? 0 {
                return "greenest of \(candidates): \(share) renewable as \(other.supplier), but cheaper "
                    + "(\(PlanText.price(chosen.pricePerKWh)) vs \(PlanText.price(other.pricePerKWh)) \(currency)/kWh)"
            }
            return "greenest: \(share) renewable (vs \(other.supplier) \(PlanText.percent(other.renewableShare ?? 0)))"
        case .costWithCarbonPrice(let pricePerKilogram):
            let cost = carbonCost(chosen, pricePerKilogram: pricePerKilogram)
            if candidates == 1 { return "lowest cost with CO2: the only supplier (\(cost))" }
            guard rank == 0, let other = runnerUp?.terms else { return "\(place)lowest cost with CO2 of \(candidates): \(cost)" }
            let versus = policy.costWithCarbon(other, pricePerKilogram: pricePerKilogram).map(PlanText.price) ?? "CO2 unknown"
            return "lowest cost with CO2 of \(candidates): \(cost) vs \(other.supplier) \(versus)"
        case .minimumRenewableShare(let minimum):
            let floor = PlanText.percent(minimum)
            if key.tier == 1 {
                return rank == 0
                    ? "no supplier reaches \(floor) renewable: the greenest instead (\(share), \(price))"
                    : "\(place)choice: \(share) renewable, below the minimum of \(floor) (\(price))"
            }
            if rank > 0 { return "\(place)choice with at least \(floor) renewable (\(share), \(price))" }
            guard let other = runnerUp else { return "the only supplier (\(share) renewable, at least \(floor); \(price))" }
            if other.key.tier == 1 { return "the only supplier with at least \(floor) renewable (\(share), \(price))" }
            return "cheapest with at least \(floor) renewable (\(share), \(price) vs \(other.terms.supplier) "
                + "\(PlanText.price(other.terms.pricePerKWh)))"
        }
    }

    private func carbonCost(_ terms: WindowTerms, pricePerKilogram: Decimal) -> String {
        let price = PlanText.price(terms.pricePerKWh)
        guard let grams = terms.carbonGramsPerKWh, let cost = policy.costWithCarbon(terms, pricePerKilogram: pricePerKilogram) else {
            return "\(price) \(currency)/kWh, CO2 unknown"
        }
        return "\(PlanText.price(cost)) \(currency)/kWh (\(price) + \(PlanText.carbon(grams)) at \(PlanText.price(pricePerKilogram)) \(currency)/kg)"
    }

    private func unknownFigure(_ chosen: WindowTerms) -> String? {
        switch policy {
        case .cheapest: nil
        case .greenest, .minimumRenewableShare: chosen.renewableShare == nil ? "renewable share unknown: counted as 0 %" : nil
        case .costWithCarbonPrice: chosen.carbonGramsPerKWh == nil ? "CO2 unknown: ranked after suppliers with known emissions" : nil
        }
    }

    private func quality(_ chosen: WindowTerms) -> String? {
        let detail = chosen.qualityReason.map { ": \($0)" } ?? ""
        switch chosen.quality {
        case .fresh:
            return nil
        case .stale:
            let age = chosen.age.map { " (age \(PlanText.age($0)))" } ?? ""
            return "stale forecast\(age) from \(chosen.source)\(detail)"
        case .fallback:
            return chosen.covered ? "fallback price from \(chosen.source)\(detail)" : "fallback price: no feed covers this window"
        }
    }
}
