import Foundation

/// Where a supplier stands under the policy in one window; the lower key is the better supplier. Keys compare
/// by tier, then renewable share (higher first, where the policy ranks by it), then money, then the
/// supplier's id and its place in the input, so the order is total and the plan deterministic.
struct RankKey: Comparable {
    /// 0, or 1 for a supplier the policy puts after all others: CO2 unknown under a carbon price, below the
    /// minimum renewable share.
    var tier: Int
    /// Minus the renewable share where the policy ranks by it (unknown counts as 0), else 0.
    var negativeShare: Double
    /// What the policy compares in money, per kWh: the price, or the price with its CO2 priced in.
    var money: Decimal
    var supplier: String
    var index: Int
    /// `money` as a Double, only to weigh how much a group loses by taking its second choice.
    var moneyValue: Double

    static func < (lhs: RankKey, rhs: RankKey) -> Bool {
        if lhs.tier != rhs.tier { return lhs.tier < rhs.tier }
        if lhs.negativeShare != rhs.negativeShare { return lhs.negativeShare < rhs.negativeShare }
        if lhs.money != rhs.money { return lhs.money < rhs.money }
        if lhs.supplier != rhs.supplier { return lhs.supplier < rhs.supplier }
        return lhs.index < rhs.index
    }

    static func == (lhs: RankKey, rhs: RankKey) -> Bool {
        (lhs.tier, lhs.negativeShare, lhs.money, lhs.supplier, lhs.index) == (rhs.tier, rhs.negativeShare, rhs.money, rhs.supplier, rhs.index)
    }
}

extension SupplyPolicy {
    func rankKey(_ terms: WindowTerms, index: Int) -> RankKey {
        let share = terms.renewableShare ?? 0
        var key = RankKey(tier: 0, negativeShare: 0, money: terms.pricePerKWh, supplier: terms.supplier, index: index, moneyValue: 0)
        switch self {
        case .cheapest:
            break
        case .greenest:
            key.negativeShare = -share
        case .costWithCarbonPrice(let pricePerKilogram):
            if let cost = costWithCarbon(terms, pricePerKilogram: pricePerKilogram) { key.money = cost } else { key.tier = 1 }
        case .minimumRenewableShare(let minimum):
            if share < minimum {
                key.tier = 1
                key.negativeShare = -share
            }
        }
        key.moneyValue = NSDecimalNumber(decimal: key.money).doubleValue
        return key
    }

    /// The price plus the window's CO2 at `pricePerKilogram`; nil when the CO2 is unknown.
    func costWithCarbon(_ terms: WindowTerms, pricePerKilogram: Decimal) -> Decimal? {
        terms.carbonGramsPerKWh.map { terms.pricePerKWh + Decimal($0) * pricePerKilogram / 1_000 }
    }
}

/// How much a group loses when it cannot have its best supplier: the gap between its best and second-best
/// supplier, weighted by the power it needs. Groups with more to lose get capacity first.
struct Regret: Comparable {
    var tierGap: Int
    var shareGapW: Double
    var moneyGapW: Double

    /// A group with a single supplier has nowhere else to go: it comes first.
    static let onlyChoice = Regret(tierGap: .max, shareGapW: .infinity, moneyGapW: .infinity)
    static let noChoice = Regret(tierGap: .min, shareGapW: -.infinity, moneyGapW: -.infinity)

    init(tierGap: Int, shareGapW: Double, moneyGapW: Double) {
        self.tierGap = tierGap
        self.shareGapW = shareGapW
        self.moneyGapW = moneyGapW
    }

    init(best: RankKey, second: RankKey, neededW: Double) {
        let weight = neededW.isFinite ? neededW : 0
        tierGap = second.tier - best.tier
        shareGapW = (second.negativeShare - best.negativeShare) * weight
        let moneyGap = second.moneyValue - best.moneyValue
        moneyGapW = (moneyGap.isFinite ? moneyGap : 0) * weight
    }

    static func < (lhs: Regret, rhs: Regret) -> Bool {
        (lhs.tierGap, lhs.shareGapW, lhs.moneyGapW) < (rhs.tierGap, rhs.shareGapW, rhs.moneyGapW)
    }
}
