import StationCore

/// What the master last wrote to the inverter's control registers.
struct BatteryCommand: Equatable {
    /// Positive = discharge.
    var setpoint: Watts
    /// Setpoint control on (and in watts mode where the profile has a mode).
    var enabled: Bool
    /// The armed reversion, if any.
    var reversion: Reversion?

    /// Return to `power` when no setpoint was written for `after`.
    struct Reversion: Equatable {
        var power: Watts
        var after: Duration
    }
}

/// A battery behind a SunSpec inverter; pure arithmetic.
struct BatteryPhysics {
    var soc: StateOfCharge
    /// Time since the simulation started, for the reversion timer.
    var uptime: Duration = .zero
    /// When the master last wrote the setpoint; nil once reverted or before any write.
    var lastSetpointWrite: Duration?
    var reverted = false

    /// The setpoint within the ratings; no discharge when empty, no charge when full.
    func power(_ command: BatteryCommand, rating: BatteryRating) -> Watts {
        guard command.enabled else { return 0 }
        let power = command.setpoint.clamped(to: -rating.maxCharge...rating.maxDischarge)
        if power > 0 && soc.value <= 0 { return 0 }
        if power < 0 && soc.value >= 100 { return 0 }
        return power
    }

    /// Charge or discharge limit the battery can take now (zero at the bound).
    func available(_ limit: Watts, discharging: Bool) -> Watts {
        (discharging ? soc.value <= 0 : soc.value >= 100) ? 0 : limit
    }

    /// Moves energy for `dt` at `power` (positive = discharge); returns whether `command`'s reversion timer
    /// ran out.
    mutating func advance(by dt: Duration, delivering power: Watts, _ command: BatteryCommand, rating: BatteryRating) -> Bool {
        if rating.capacity.value > 0 {
            let change = -power.over(dt).value / rating.capacity.value * 100
            soc = StateOfCharge(soc.value + change).clamped(to: 0...100)
        }
        uptime += dt
        guard let reversion = command.reversion, let last = lastSetpointWrite, uptime - last >= reversion.after else {
            return false
        }
        lastSetpointWrite = nil
        reverted = true
        return true
    }

    /// The master wrote a setpoint: the reversion timer starts again.
    mutating func setpointWritten() {
        lastSetpointWrite = uptime
        reverted = false
    }
}
