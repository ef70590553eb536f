import Foundation

/// The reasons an admin reads with a choice, e.g. "cheapest of 3 (0.21 EUR/kWh vs enercity 0.24)",
/// "ovag has no room (12 kW left, needs 22 kW): next best", "stale forecast (age 3 h) from entsoe A44".
///
/// One per window: the figures of each supplier are written once, and the ranking sentence, which most groups
/// of a window share, once per chosen supplier, place and runner-up.
struct ChoiceReasons {
    let policy: SupplyPolicy
    let currency: String
    private let terms: [WindowTerms]
    private let keys: [RankKey]
    /// Per supplier: its price ("0.21") and, under a carbon price, its cost with CO2 ("0.23"), written once.
    private let prices: [String]
    private let costs: [String?]
    /// Per supplier: what its offer's quality means for the choice, if anything.
    private let qualities: [String?]
    private var rankings: [RankingKey: String] = [:]

    private struct RankingKey: Hashable {
        var supplier: Int
        var rank: Int
        var candidates: Int
        var runnerUp: Int?
    }

    init(policy: SupplyPolicy, currency: String, allocation: CapacityAllocation) {
        self.policy = policy
        self.currency = currency
        terms = allocation.terms
        keys = allocation.keys
        prices = terms.map { PlanText.price($0.pricePerKWh) }
        costs = keys.map { key in
            guard case .costWithCarbonPrice = policy, key.tier == 0 else { return nil }
            return PlanText.price(key.money)
        }
        qualities = terms.map(Self.quality)
    }

    mutating func reasons(for allotment: Allotment, candidates: Int, skipped: [String]) -> [String] {
        var reasons = skipped
        for passed in allotment.passedOver {
            reasons.append(noRoom(passed, name: terms[passed.supplier].supplier, neededW: allotment.neededW, short: allotment.isShort))
        }
        let chosen = terms[allotment.supplier]
        let key = RankingKey(supplier: allotment.supplier, rank: allotment.rank, candidates: candidates, runnerUp: allotment.runnerUp)
        if let known = rankings[key] {
            reasons.append(known)
        } else {
            let sentence = ranking(allotment.supplier, rank: allotment.rank, of: candidates, runnerUp: allotment.runnerUp)
            rankings[key] = sentence
            reasons.append(sentence)
        }
        if allotment.isShort {
            reasons.append(
                "no supplier has room for \(PlanText.power(allotment.neededW)): \(chosen.supplier) has the most "
                    + "(\(PlanText.power(allotment.capW))), \(PlanText.power(allotment.neededW - allotment.capW)) short")
        }
        if let unknown = unknownFigure(chosen) { reasons.append(unknown) }
        if let quality = qualities[allotment.supplier] { reasons.append(quality) }
        return reasons
    }

    /// The reasons for a group no contract in the plan's currency covers.
    static func unsupplied(_ group: StationGroup, skipped: [String], currency: String, pricePerKWh: Decimal) -> [String] {
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

    private func ranking(_ supplier: Int, rank: Int, of candidates: Int, runnerUp: Int?) -> String {
        let chosen = terms[supplier]
        let price = "\(prices[supplier]) \(currency)/kWh"
        let share = PlanText.percent(chosen.renewableShare ?? 0)
        let place = rank == 0 ? "" : "\(PlanText.ordinal(rank + 1)) "
        let other = rank == 0 ? runnerUp : nil
        switch policy {
        case .cheapest:
            if candidates == 1 { return "cheapest: the only supplier (\(price))" }
            guard let other else { return "\(place)cheapest of \(candidates) (\(price))" }
            return "cheapest of \(candidates) (\(price) vs \(terms[other].supplier) \(prices[other]))"
        case .greenest:
            if candidates == 1 { return "greenest: the only supplier (\(share) renewable)" }
            guard let other else { return "\(place)greenest of \(candidates): \(share) renewable" }
            if keys[other].negativeShare == keys[supplier].negativeShare {
                return "greenest of \(candidates): \(share) renewable as \(terms[other].supplier), but cheaper "
                    + "(\(prices[supplier]) vs \(prices[other]) \(currency)/kWh)"
            }
            return "greenest: \(share) renewable (vs \(terms[other].supplier) \(PlanText.percent(terms[other].renewableShare ?? 0)))"
        case .costWithCarbonPrice(let pricePerKilogram):
            let cost = carbonCost(supplier, pricePerKilogram: pricePerKilogram)
            if candidates == 1 { return "lowest cost with CO2: the only supplier (\(cost))" }
            guard let other else { return "\(place)lowest cost with CO2 of \(candidates): \(cost)" }
            return "lowest cost with CO2 of \(candidates): \(cost) vs \(terms[other].supplier) \(costs[other] ?? "CO2 unknown")"
        case .minimumRenewableShare(let minimum):
            let floor = PlanText.percent(minimum)
            if keys[supplier].tier == 1 {
                return rank == 0
                    ? "no supplier reaches \(floor) renewable: the greenest instead (\(share), \(price))"
                    : "\(place)choice: \(share) renewable, below the minimum of \(floor) (\(price))"
            }
            if rank > 0 { return "\(place)choice with at least \(floor) renewable (\(share), \(price))" }
            guard let other else { return "the only supplier (\(share) renewable, at least \(floor); \(price))" }
            if keys[other].tier == 1 { return "the only supplier with at least \(floor) renewable (\(share), \(price))" }
            return "cheapest with at least \(floor) renewable (\(share), \(price) vs \(terms[other].supplier) \(prices[other]))"
        }
    }

    private func carbonCost(_ supplier: Int, pricePerKilogram: Decimal) -> String {
        guard let grams = terms[supplier].carbonGramsPerKWh, let cost = costs[supplier] else {
            return "\(prices[supplier]) \(currency)/kWh, CO2 unknown"
        }
        return "\(cost) \(currency)/kWh (\(prices[supplier]) + \(PlanText.carbon(grams)) at \(PlanText.price(pricePerKilogram)) \(currency)/kg)"
    }

    private func unknownFigure(_ chosen: WindowTerms) -> String? {
        switch policy {
        case .cheapest: nil
        case .greenest, .minimumRenewableShare: chosen.renewableShare == nil ? "renewable share unknown: counted as 0 %" : nil
        case .costWithCarbonPrice: chosen.carbonGramsPerKWh == nil ? "CO2 unknown: ranked after suppliers with known emissions" : nil
        }
    }

    private static func quality(_ chosen: WindowTerms) -> String? {
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
