public import StationCore

/// The station's energy manager: decides socket limits and the battery setpoint each control cycle.
///
/// A value type whose state is the battery plan over the price schedule and, when the inputs carry times,
/// the commands it gave and its base-load estimate (see docs/energy-control.md). The plan is recomputed
/// only when the schedule, the battery's capacity or power limits (to the nearest 100 W, so a jittering
/// inverter limit does not replan every cycle) or the battery settings change, and only from fresh battery
/// data; otherwise the cached plan is used. Fail-safe states are not latched: they end the first cycle the
/// data is fresh again.
public struct EnergyManager: Sendable {
    /// The plan in use; nil before the first fresh battery reading.
    public private(set) var plan: BatteryPlan?
    /// How many times a plan was computed, for observability and tests.
    public private(set) var plansComputed = 0
    private var planKey: PlanKey?
    private var commands = CommandLog()
    private var estimator = BaseLoadEstimator()
    private var last: SetpointDecision?
    /// When the grid reading stopped being trustworthy, while it is not.
    private var failSafeSince: Duration?

    public init() {}

    /// Decides this cycle's setpoints.
    ///
    /// With `inputs.uptime` the base load comes from coherent readings only and steps are sequenced (see
    /// docs/energy-control.md); without it every reading counts as taken at the same moment.
    public mutating func decide(_ inputs: EnergyInputs) -> SetpointDecision {
        refreshPlan(inputs)
        guard let now = inputs.uptime else { return Controller(inputs: inputs, plan: plan).decide() }
        let naive = Controller(inputs: inputs, plan: plan)
        let decision: SetpointDecision
        switch FailSafe.checkGrid(inputs, settings: naive.settings) {
        case .untrusted:
            let since = failSafeSince ?? now
            failSafeSince = since
            decision = Self.keepingDischarge(
                naive.decide(), previous: inputs.previous ?? last, trusted: naive.battery.limits != nil,
                until: since + ResponseTimes(inputs.settings).socket, now: now)
            estimator.reset()
        case .trusted(let grid, _):
            failSafeSince = nil
            let estimate = estimator.update(
                grid: grid, sockets: naive.sockets, inputs: inputs, log: commands, now: now, settings: naive.settings)
            let target = Controller(inputs: inputs, plan: plan, baseLoad: estimate.baseLoad).decide()
            decision = StepSequencer.sequence(
                target, previous: inputs.previous ?? last ?? .idle(target), settled: estimate.settled,
                batteryTrusted: naive.battery.limits != nil,
                empty: Set(inputs.sockets.filter { $0.state == .idle }.map(\.id)))
        }
        commands.record(decision, sockets: inputs.sockets, at: now, horizon: ResponseTimes(inputs.settings).horizon)
        last = decision
        return decision
    }

    /// The fail-safe decision, but a trusted battery keeps discharging what it did until the sockets have had
    /// their response time to come down to safe current: idling it at once would add import meanwhile.
    static func keepingDischarge(
        _ decision: SetpointDecision, previous: SetpointDecision?, trusted: Bool, until: Duration, now: Duration
    ) -> SetpointDecision {
        guard trusted, now < until, let discharge = previous?.batteryPower, discharge.value.isFinite, discharge > .zero else {
            return decision
        }
        var kept = decision
        kept.batteryPower = discharge
        kept.reasons.append(DecisionReason(.stepHeld, "battery keeps discharging \(Text.kW(discharge)) until the sockets have come down"))
        return kept
    }

    /// The base load the last decision worked with, when it had timing to estimate it.
    public var estimatedBaseLoad: Watts? { estimator.current }

    private mutating func refreshPlan(_ inputs: EnergyInputs) {
        guard let battery = inputs.battery, battery.quality == .fresh,
            let key = PlanKey(schedule: inputs.schedule, battery: battery, settings: inputs.settings),
            key != planKey
        else { return }
        plan = PricePlanner.plan(schedule: inputs.schedule, battery: battery, settings: inputs.settings, from: inputs.time)
        planKey = key
        plansComputed += 1
    }
}

/// What a plan depends on besides the SoC it starts from.
struct PlanKey: Equatable {
    var schedule: PriceSchedule
    var capacity: WattHours
    var maxCharge: Double
    var maxDischarge: Double
    var parameters: BatteryParameters

    init?(schedule: PriceSchedule, battery: BatteryState, settings: EnergySettings) {
        guard let limits = BatteryLimits(battery: battery, settings: settings),
            let parameters = BatteryParameters(settings)
        else { return nil }
        self.schedule = schedule
        capacity = limits.capacity
        maxCharge = (limits.maxCharge.value / 100).rounded()
        maxDischarge = (limits.maxDischarge.value / 100).rounded()
        self.parameters = parameters
    }
}
