import StationCore

/// Whether the battery can be controlled this cycle, and what it is believed to deliver now.
enum BatteryAssessment {
    /// The station has no battery.
    case absent
    /// Fresh, sane data: the battery takes part in control.
    case usable(BatteryLimits)
    /// Present, but its data or settings cannot be trusted: it is kept idle.
    case untrusted(DecisionReason)

    init(_ battery: BatteryState?, settings: EnergySettings) {
        guard let battery else {
            self = .absent
            return
        }
        let consequence = "battery idle, sockets managed without it"
        switch battery.quality {
        case .stale:
            self = .untrusted(DecisionReason(.batteryStale, "battery data stale: \(consequence)"))
        case .failed:
            self = .untrusted(DecisionReason(.batteryFailed, "battery failed: \(consequence)"))
        case .fresh:
            if BatteryParameters(settings) == nil {
                self = .untrusted(DecisionReason(.invalidSettings, "battery SoC, efficiency or cycle-cost settings are not numbers: \(consequence)"))
            } else if let limits = BatteryLimits(battery: battery, settings: settings) {
                self = .usable(limits)
            } else {
                self = .untrusted(DecisionReason(.batteryFailed, "battery SoC or capacity is not usable: \(consequence)"))
            }
        }
    }

    var limits: BatteryLimits? {
        if case .usable(let limits) = self { limits } else { nil }
    }

    var reason: DecisionReason? {
        if case .untrusted(let reason) = self { reason } else { nil }
    }

    /// Power the battery is believed to deliver now, positive = discharge: its reading, else last cycle's
    /// setpoint. For an untrusted battery only a discharge counts, so the base load is never underestimated.
    static func presentPower(_ battery: BatteryState?, previous: SetpointDecision?, trusted: Bool) -> Watts {
        guard let battery else { return .zero }
        let reading = battery.power.flatMap { $0.value.isFinite ? $0 : nil }
        let setpoint = previous.flatMap { $0.batteryPower.value.isFinite ? $0.batteryPower : nil }
        let power = reading ?? setpoint ?? .zero
        return trusted ? power : max(power, .zero)
    }
}
