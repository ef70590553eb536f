/// What one group is given in one window: a supplier and the power it may draw.
struct Allotment {
    /// The chosen supplier, an index into the input's suppliers.
    var supplier: Int
    var capW: Double
    var neededW: Double
    /// The chosen supplier's place among the group's candidates in the policy's order (0: the policy's first).
    var rank: Int
    /// The candidate ranked right after the chosen one, for the comparison in the reasons.
    var runnerUp: Int?
    /// The candidates ranked before the chosen one: none had room for the whole group.
    var passedOver: [PassedOver]

    var isShort: Bool { capW < neededW }
}

/// A better-ranked supplier that had no room for the whole group.
struct PassedOver {
    var supplier: Int
    var roomW: Double
    /// The supplier's limit for this group, when that (not its overall room) was what fell short.
    var groupLimitW: Double?
}

/// Shares out the suppliers' capacity in one window: groups in order of regret, each from the best-ranked
/// supplier with room for all it needs, else a partial cap from the one with the most room.
struct CapacityAllocation {
    let terms: [WindowTerms]
    let keys: [RankKey]
    /// Supplier indices in the policy's order for this window.
    let order: [Int]
    /// What each supplier can still give in this window, W.
    private(set) var remainingW: [Double]

    init(terms: [WindowTerms], policy: SupplyPolicy) {
        self.terms = terms
        let keys = terms.indices.map { policy.rankKey(terms[$0], index: $0) }
        self.keys = keys
        order = keys.indices.sorted { keys[$0] < keys[$1] }
        remainingW = terms.map(\.capacityW)
    }

    /// The power a group may draw from its grid connection, W (garbage counts as nothing).
    static func neededW(_ group: StationGroup) -> Double {
        group.connectionLimitW.isNaN ? 0 : max(0, group.connectionLimitW)
    }

    /// One allotment per group (nil for a group no supplier may supply), groups taken in order of regret.
    mutating func allot(_ groups: [StationGroup], eligibility: Eligibility) -> [Allotment?] {
        var regrets: [Regret] = []
        regrets.reserveCapacity(groups.count)
        for index in groups.indices {
            regrets.append(regret(of: index, neededW: Self.neededW(groups[index]), covers: eligibility.covers[index]))
        }
        let sequence = groups.indices.sorted {
            if regrets[$0] != regrets[$1] { return regrets[$1] < regrets[$0] }
            if groups[$0].id != groups[$1].id { return groups[$0].id < groups[$1].id }
            return $0 < $1
        }
        var allotments = [Allotment?](repeating: nil, count: groups.count)
        for index in sequence where eligibility.candidateCount[index] > 0 {
            allotments[index] = allot(groups[index], covers: eligibility.covers[index])
        }
        return allotments
    }

    private func regret(of group: Int, neededW: Double, covers: [Bool]) -> Regret {
        var best: Int?
        for supplier in order where covers[supplier] {
            guard let first = best else {
                best = supplier
                continue
            }
            return Regret(best: keys[first], second: keys[supplier], neededW: neededW)
        }
        return best == nil ? .noChoice : .onlyChoice
    }

    private func roomW(_ supplier: Int, for group: StationGroup) -> (roomW: Double, groupLimitW: Double?) {
        let overall = remainingW[supplier]
        guard let limit = terms[supplier].groupLimitW(group.id), limit < overall else { return (overall, nil) }
        return (limit, limit)
    }

    private mutating func allot(_ group: StationGroup, covers: [Bool]) -> Allotment? {
        let neededW = Self.neededW(group)
        var passedOver: [PassedOver] = []
        var chosen: (supplier: Int, rank: Int)?
        var runnerUp: Int?
        var roomiest: (supplier: Int, rank: Int, roomW: Double)?
        var rank = 0
        for supplier in order where covers[supplier] {
            if chosen != nil {
                runnerUp = supplier
                break
            }
            let room = roomW(supplier, for: group)
            if room.roomW >= neededW {
                chosen = (supplier, rank)
            } else {
                passedOver.append(PassedOver(supplier: supplier, roomW: room.roomW, groupLimitW: room.groupLimitW))
                if roomiest.map({ room.roomW > $0.roomW }) ?? true { roomiest = (supplier, rank, room.roomW) }
            }
            rank += 1
        }
        let allotment: Allotment
        if let chosen {
            allotment = Allotment(
                supplier: chosen.supplier, capW: neededW, neededW: neededW, rank: chosen.rank, runnerUp: runnerUp, passedOver: passedOver)
        } else if let roomiest {
            allotment = Allotment(
                supplier: roomiest.supplier, capW: max(0, min(roomiest.roomW, neededW)), neededW: neededW, rank: roomiest.rank,
                runnerUp: nil, passedOver: Array(passedOver.prefix(roomiest.rank)))
        } else {
            return nil
        }
        remainingW[allotment.supplier] = max(0, remainingW[allotment.supplier] - allotment.capW)
        return allotment
    }
}
