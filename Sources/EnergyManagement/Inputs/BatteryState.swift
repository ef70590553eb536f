public import StationCore

/// The station battery as its inverter reports it.
///
/// Power is positive when the battery discharges (it then lowers grid import), negative when it charges.
public struct BatteryState: Sendable, Hashable {
    public var soc: StateOfCharge
    public var capacity: WattHours
    /// Inverter charge limit, a positive number (grid side).
    public var maxChargePower: Watts
    /// Inverter discharge limit, a positive number (grid side).
    public var maxDischargePower: Watts
    /// Actual power, positive = discharge; nil when the inverter did not report it.
    public var power: Watts?
    public var quality: ReadingQuality
    /// When `power` was read, on the clock of `EnergyInputs.uptime`.
    public var measuredAt: Duration?

    public init(
        soc: StateOfCharge,
        capacity: WattHours,
        maxChargePower: Watts,
        maxDischargePower: Watts,
        power: Watts? = nil,
        quality: ReadingQuality = .fresh,
        measuredAt: Duration? = nil
    ) {
        self.soc = soc
        self.capacity = capacity
        self.maxChargePower = maxChargePower
        self.maxDischargePower = maxDischargePower
        self.power = power
        self.quality = quality
        self.measuredAt = measuredAt
    }
}
