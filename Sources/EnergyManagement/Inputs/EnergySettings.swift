public import StationCore

/// The station's energy-management configuration.
public struct EnergySettings: Sendable, Hashable {
    /// SoC kept for peak shaving: price arbitrage never discharges below it.
    public var socReservePercent: Double
    /// Floor for any discharge, peak shaving included.
    public var socMinimumPercent: Double
    /// Ceiling for any charge.
    public var socMaximumPercent: Double
    /// Battery wear cost per kWh charged, currency per kWh.
    public var cycleCostPerKWh: Double
    /// Energy out per energy in, 0...1.
    public var roundTripEfficiency: Double
    /// What every available socket gets while grid data cannot be trusted.
    public var safeCurrent: Amperes
    /// IEC 61851 floor: a socket gets at least this or is paused at 0 A.
    public var minimumCurrent: Amperes
    public var voltage: Volts
    /// Largest increase of a socket limit per cycle; nil = no ramp. Decreases are immediate.
    public var socketRampPerCycle: Amperes?
    /// Largest increase of the battery's charge or discharge power per cycle; nil = no ramp.
    public var batteryRampPerCycle: Watts?
    /// Margin kept under the grid cap.
    public var headroom: Watts
    /// Length of one control cycle, for the energy a setpoint moves before the next decision.
    public var cycleDuration: Duration
    /// Longest time an EV takes to follow a new socket limit (IEC 61851 allows 5 s).
    public var socketResponseTime: Duration
    /// Longest time the battery inverter takes to follow a new setpoint.
    public var batteryResponseTime: Duration
    /// Longest time between a change at the grid connection and the meter reading that shows it (the
    /// meter's update interval plus its latency).
    public var meterLag: Duration

    public init(
        socReservePercent: Double = 30,
        socMinimumPercent: Double = 10,
        socMaximumPercent: Double = 90,
        cycleCostPerKWh: Double = 0.05,
        roundTripEfficiency: Double = 0.9,
        safeCurrent: Amperes = 6,
        minimumCurrent: Amperes = 6,
        voltage: Volts = 230,
        socketRampPerCycle: Amperes? = nil,
        batteryRampPerCycle: Watts? = nil,
        headroom: Watts = 300,
        cycleDuration: Duration = .seconds(1),
        socketResponseTime: Duration = .seconds(5),
        batteryResponseTime: Duration = .seconds(2),
        meterLag: Duration = .seconds(1)
    ) {
        self.socReservePercent = socReservePercent
        self.socMinimumPercent = socMinimumPercent
        self.socMaximumPercent = socMaximumPercent
        self.cycleCostPerKWh = cycleCostPerKWh
        self.roundTripEfficiency = roundTripEfficiency
        self.safeCurrent = safeCurrent
        self.minimumCurrent = minimumCurrent
        self.voltage = voltage
        self.socketRampPerCycle = socketRampPerCycle
        self.batteryRampPerCycle = batteryRampPerCycle
        self.headroom = headroom
        self.cycleDuration = cycleDuration
        self.socketResponseTime = socketResponseTime
        self.batteryResponseTime = batteryResponseTime
        self.meterLag = meterLag
    }
}
