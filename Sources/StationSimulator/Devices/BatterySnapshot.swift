public import StationCore

/// What the simulated battery inverter shows at one moment.
public struct BatterySnapshot: Sendable, Hashable {
    public var soc: StateOfCharge
    /// Positive = discharging.
    public var power: Watts
    /// The setpoint register (positive = discharge), as written by the master or set back by a reversion.
    public var setpoint: Watts
    /// Setpoint control is enabled (and in watts mode, if the profile has a mode point).
    public var followsSetpoint: Bool
    /// The reversion timer ran out and set the setpoint back.
    public var reverted: Bool

    public init(soc: StateOfCharge, power: Watts, setpoint: Watts, followsSetpoint: Bool, reverted: Bool) {
        self.soc = soc
        self.power = power
        self.setpoint = setpoint
        self.followsSetpoint = followsSetpoint
        self.reverted = reverted
    }
}
