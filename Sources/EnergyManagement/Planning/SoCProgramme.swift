import StationCore

/// The dynamic programme behind `PricePlanner`: stored energy in discrete levels, slots backwards.
struct SoCProgramme {
    private let windows: [PlanningWindow]
    private let limits: BatteryLimits
    /// Highest level; level 0 is the SoC minimum, `top` the SoC maximum.
    private let top: Int
    /// Stored energy per level.
    private let step: WattHours
    /// Lowest level arbitrage may discharge to.
    private let reserveLevel: Int
    /// The level the plan starts from (rounded down, so the plan never counts on energy it lacks).
    private let startLevel: Int
    /// Per slot, the largest charge and discharge in levels.
    private let up: [Int]
    private let down: [Int]

    /// Most levels the programme uses, which bounds its time: slots × levels.
    static let maximumLevels = 4_000
    /// Fewest levels, so a fast inverter still gets a fine SoC resolution.
    static let minimumLevels = 400

    /// nil when there is nothing to plan: no slots, no SoC range, or no charge and discharge power.
    init?(windows: [PlanningWindow], limits: BatteryLimits) {
        let range = limits.energy(from: limits.minimum, to: limits.maximum).value
        guard !windows.isEmpty, range > 0 else { return nil }
        let upEnergy = windows.map { limits.maxCharge.value * max($0.hours, 0) * limits.efficiency }
        let downEnergy = windows.map { limits.maxDischarge.value * max($0.hours, 0) }
        // The first window may be a sliver of a slot; size the levels on whole slots when there are any.
        let sizing = windows.count > 1 ? 1..<windows.count : 0..<windows.count
        let typical = sizing.flatMap { [upEnergy[$0], downEnergy[$0]] }.filter { $0 > 0 }.min()
        guard let typical else { return nil }
        let wanted = min(max(typical / 32, range / Double(Self.maximumLevels)), range / Double(Self.minimumLevels))
        let top = max(1, min(Self.maximumLevels, Int((range / wanted).rounded(.up))))
        let step = range / Double(top)
        self.windows = windows
        self.limits = limits
        self.top = top
        self.step = WattHours(step)
        let reserve = limits.energy(from: limits.minimum, to: limits.reserve).value / step
        reserveLevel = min(max(Int((reserve - 1e-9).rounded(.up)), 0), top)
        let start = limits.energy(from: limits.minimum, to: limits.soc).value / step
        startLevel = min(max(Int((start + 1e-9).rounded(.down)), 0), top)
        up = upEnergy.map { min(Int(($0 / step + 1e-9).rounded(.down)), top) }
        down = downEnergy.map { min(Int(($0 / step + 1e-9).rounded(.down)), top) }
    }

    /// Runs the programme and turns its policy into a plan.
    func solve() -> BatteryPlan {
        let kWhPerLevel = step.value / 1000
        let efficiency = limits.efficiency
        // Moving a level costs a little more in each later slot: among equal prices the plan acts as early as
        // possible (a cap or a low load later in the window then leaves time to catch up), and a trade that
        // earns exactly nothing is not made.
        let lateness = windows.indices.map { Double($0 + 1) * kWhPerLevel * 1e-9 }
        let chargeCost = windows.indices.map { (windows[$0].price + limits.cycleCost) / efficiency * kWhPerLevel + lateness[$0] }
        let dischargeValue = windows.indices.map { windows[$0].price * kWhPerLevel - lateness[$0] }
        let cheapest = windows.map(\.price).min() ?? 0
        let keepValue = max(0, (cheapest + limits.cycleCost) / efficiency * kWhPerLevel)
        let largest = (chargeCost.map(abs).max() ?? 0) + (dischargeValue.map(abs).max() ?? 0) + keepValue
        // Ending below the reserve costs more than any trade earns, so the reserve is always restored.
        let reservePenalty = 2 * largest + kWhPerLevel * 1e-3
        let target = max(startLevel, reserveLevel)
        let terminal = (0...top).map { level in
            keepValue * Double(min(level, target)) - reservePenalty * Double(max(0, reserveLevel - level))
        }
        let policy = LevelSweep(levels: top + 1, reserveLevel: reserveLevel, tieMargin: kWhPerLevel * 1e-13)
            .policy(terminal: terminal, up: up, down: down, chargeCost: chargeCost, dischargeValue: dischargeValue)
        return plan(following: policy)
    }

    /// Walks the policy from the start level and reads off intents and the SoC trajectory.
    private func plan(following policy: [Int32]) -> BatteryPlan {
        let width = top + 1
        guard policy.count == windows.count * width else { return PricePlanner.holding(windows, soc: limits.soc) }
        var level = startLevel
        var stored = 0.0
        let lowest = min(limits.soc, limits.minimum)
        let highest = max(limits.soc, limits.maximum)
        var steps: [BatteryPlan.Step] = []
        steps.reserveCapacity(windows.count)
        for (slot, window) in windows.enumerated() {
            let nextLevel = Int(policy[slot * width + level])
            let moved = Double(nextLevel - level) * step.value
            let hours = window.hours
            let intent: BatteryPlan.Intent =
                if moved > 0, hours > 0 { .charge(Watts(moved / limits.efficiency / hours)) }
                else if moved < 0, hours > 0 { .discharge(Watts(-moved / hours)) }
                else { .hold }
            stored += moved
            let soc = min(max(limits.soc + stored / limits.capacity.value * 100, lowest), highest)
            steps.append(.init(start: window.start, end: window.end, importPrice: window.price, intent: intent,
                               expectedSoC: StateOfCharge(soc)))
            level = nextLevel
        }
        return BatteryPlan(initialSoC: StateOfCharge(limits.soc), steps: steps)
    }
}
