import StationCore

/// The station's energy manager: decides socket limits and the battery setpoint each control cycle.
///
/// A value type with one piece of state, the battery plan over the price schedule. The plan is recomputed
/// only when the schedule, the battery's capacity or power limits (to the nearest 100 W, so a jittering
/// inverter limit does not replan every cycle) or the battery settings change, and only from fresh battery
/// data; otherwise the cached plan is used. Everything else is recomputed from the inputs every cycle, so
/// nothing is latched: fail-safe states end the first cycle the data is fresh again.
public struct EnergyManager: Sendable {
    /// The plan in use; nil before the first fresh battery reading.
    public private(set) var plan: BatteryPlan?
    /// How many times a plan was computed, for observability and tests.
    public private(set) var plansComputed = 0
    private var planKey: PlanKey?

    public init() {}

    /// Decides this cycle's setpoints.
    public mutating func decide(_ inputs: EnergyInputs) -> SetpointDecision {
        refreshPlan(inputs)
        return Controller(inputs: inputs, plan: plan).decide()
    }

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
