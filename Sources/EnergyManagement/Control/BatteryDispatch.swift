import StationCore

/// How much a usable battery may charge or discharge this cycle within its inverter and SoC bounds.
struct BatteryDispatch {
    var limits: BatteryLimits
    var settings: ControlSettings

    /// Largest discharge that keeps the SoC above `floor` (percent) through this cycle; 0 at or below it.
    func dischargeAvailable(floor: Double) -> Watts {
        guard limits.soc > floor else { return .zero }
        guard let hours = settings.cycleHours else { return limits.maxDischarge }
        return min(limits.maxDischarge, Watts(limits.energy(from: floor, to: limits.soc).value / hours))
    }

    /// Largest charge that keeps the SoC below the maximum through this cycle; 0 at or above it.
    func chargeAvailable() -> Watts {
        guard limits.soc < limits.maximum else { return .zero }
        guard let hours = settings.cycleHours else { return limits.maxCharge }
        let room = limits.energy(from: limits.soc, to: limits.maximum).value / limits.efficiency
        return min(limits.maxCharge, Watts(room / hours))
    }
}

/// Ramp limits: increases are bounded per cycle, decreases are immediate.
enum Ramp {
    /// `target` with its magnitude raised by at most `ramp` over `previous`; a change of direction starts
    /// from 0.
    static func limit(_ target: Watts, previous: Watts, ramp: Watts?) -> Watts {
        guard let ramp else { return target }
        let sameDirection = (target > .zero && previous > .zero) || (target < .zero && previous < .zero)
        let start = sameDirection ? previous.magnitude : .zero
        let magnitude = min(target.magnitude, start + ramp)
        return target < .zero ? -magnitude : magnitude
    }
}
