/// Backward induction over SoC levels with linear trade costs, linear in slots × levels.
///
/// In a slot, going from level `a` to `b > a` costs `chargeCost × (b − a)` and going to `b < a` earns
/// `dischargeValue × (a − b)`, so the best `b` in a window is the largest of `value(b) − cost × b`, which a
/// monotone queue keeps in amortised O(1) per level. The buffers are raw memory allocated once per run:
/// this is the planner's hot loop, and every index is bounded by `levels` by construction.
struct LevelSweep {
    let levels: Int
    /// Lowest level a discharge may go to or start from.
    let reserveLevel: Int
    /// A trade must beat holding by more than this, so noise never makes the plan act.
    let tieMargin: Double

    /// The chosen next level for every slot and level, row by row (`slot × levels + level`).
    func policy(
        terminal: [Double], up: [Int], down: [Int], chargeCost: [Double], dischargeValue: [Double]
    ) -> [Int32] {
        let slots = up.count
        guard levels > 0, slots > 0, terminal.count == levels, down.count == slots,
            chargeCost.count == slots, dischargeValue.count == slots
        else { return [] }
        var policy = [Int32](repeating: 0, count: slots * levels)
        var next = UnsafeMutablePointer<Double>.allocate(capacity: levels)
        var current = UnsafeMutablePointer<Double>.allocate(capacity: levels)
        let queueLevels = UnsafeMutablePointer<Int>.allocate(capacity: levels)
        let queueKeys = UnsafeMutablePointer<Double>.allocate(capacity: levels)
        defer {
            next.deallocate()
            current.deallocate()
            queueLevels.deallocate()
            queueKeys.deallocate()
        }
        for level in 0..<levels { next[level] = terminal[level] }
        let top = levels - 1

        policy.withUnsafeMutableBufferPointer { rows in
            guard let base = rows.baseAddress else { return }
            for slot in stride(from: slots - 1, through: 0, by: -1) {
                let row = base + slot * levels
                for level in 0..<levels {
                    current[level] = next[level]
                    row[level] = Int32(level)
                }
                let reach = min(max(up[slot], 0), top)
                if reach > 0 {
                    let cost = chargeCost[slot]
                    var head = 0
                    var tail = 0
                    for level in stride(from: top, through: 0, by: -1) {
                        let entering = level + 1
                        if entering <= top {
                            let key = next[entering] - cost * Double(entering)
                            while tail > head, queueKeys[tail - 1] <= key { tail -= 1 }
                            queueLevels[tail] = entering
                            queueKeys[tail] = key
                            tail += 1
                        }
                        while head < tail, queueLevels[head] > level + reach { head += 1 }
                        if head < tail {
                            let value = queueKeys[head] + cost * Double(level)
                            if value > current[level] + tieMargin {
                                current[level] = value
                                row[level] = Int32(queueLevels[head])
                            }
                        }
                    }
                }
                let drop = min(max(down[slot], 0), top)
                if drop > 0, reserveLevel < top {
                    let gain = dischargeValue[slot]
                    var head = 0
                    var tail = 0
                    for level in (max(reserveLevel, 0) + 1)...top {
                        let entering = level - 1
                        let key = next[entering] - gain * Double(entering)
                        while tail > head, queueKeys[tail - 1] <= key { tail -= 1 }
                        queueLevels[tail] = entering
                        queueKeys[tail] = key
                        tail += 1
                        while head < tail, queueLevels[head] < level - drop { head += 1 }
                        if head < tail {
                            let value = queueKeys[head] + gain * Double(level)
                            if value > max(current[level], next[level] + tieMargin) {
                                current[level] = value
                                row[level] = Int32(queueLevels[head])
                            }
                        }
                    }
                }
                swap(&next, &current)
            }
        }
        return policy
    }
}
