public import EnergyManagement
public import Foundation
public import StationCore

/// What the station measured in one control cycle, for the CSMS's periodic meter values and telemetry.
public struct UplinkSample: Sendable {
    public var time: Date
    /// Every running session with its latest meter reading and power.
    public var sessions: [ChargingSession]
    public var gridPower: Watts?
    public var gridEnergy: WattHours?
    public var gridQuality: ReadingQuality
    public var battery: BatteryState?
    /// The EMS's battery setpoint, positive = discharging (the EMS's convention).
    public var batterySetpoint: Watts
    public var mode: SetpointDecision.Mode

    public init(
        time: Date, sessions: [ChargingSession], gridPower: Watts?, gridEnergy: WattHours?, gridQuality: ReadingQuality,
        battery: BatteryState?, batterySetpoint: Watts, mode: SetpointDecision.Mode
    ) {
        self.time = time
        self.sessions = sessions
        self.gridPower = gridPower
        self.gridEnergy = gridEnergy
        self.gridQuality = gridQuality
        self.battery = battery
        self.batterySetpoint = batterySetpoint
        self.mode = mode
    }
}
