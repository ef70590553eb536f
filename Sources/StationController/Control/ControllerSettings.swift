public import EnergyManagement
public import StationConfig
public import StationCore

extension EnergySettings {
    /// The energy manager's settings from the station file.
    public init(configuration config: StationConfiguration) {
        let battery = config.battery
        self.init(
            socReservePercent: battery?.socReservePct ?? 0,
            socMinimumPercent: battery?.socMinimumPct ?? 0,
            socMaximumPercent: battery?.socMaximumPct ?? 100,
            cycleCostPerKWh: battery?.cycleCostPerKWh ?? 0,
            roundTripEfficiency: battery?.roundTripEfficiency ?? 0.9,
            safeCurrent: Amperes(config.safety.safeSocketCurrentA),
            minimumCurrent: 6,
            voltage: Volts(config.grid.nominalVoltageV),
            socketRampPerCycle: config.energy.socketRampAPerCycle.map(Amperes.init),
            batteryRampPerCycle: config.energy.batteryRampWPerCycle.map(Watts.init),
            headroom: Watts(config.energy.headroomW),
            cycleDuration: config.control.period,
            socketResponseTime: .milliseconds(Int((config.energy.socketResponseS * 1000).rounded())),
            batteryResponseTime: .milliseconds(Int((config.energy.batteryResponseS * 1000).rounded())),
            meterLag: .milliseconds(Int(config.energy.meterLagMs.rounded())))
    }
}
