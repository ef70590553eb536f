public import Foundation
public import StationCore

/// Everything one control cycle decides from: a fixed snapshot, read before deciding.
///
/// Grid power is positive when the station imports. It includes everything behind the meter: base load,
/// sockets and the battery (a discharging battery lowers it).
public struct EnergyInputs: Sendable, Equatable {
    /// Wall time of this cycle (UTC), used only to find the current price slot.
    public var time: Date
    public var gridPower: Watts?
    public var gridQuality: ReadingQuality
    public var sockets: [SocketDemand]
    /// nil when the station has no battery.
    public var battery: BatteryState?
    public var schedule: PriceSchedule
    /// Import limit at the connection point: the smaller of the configured limit and any central or DSO cap.
    public var gridCap: Watts
    public var settings: EnergySettings
    /// Last cycle's output, for ramp limits and for what sockets without a meter reading draw.
    public var previous: SetpointDecision?

    public init(
        time: Date,
        gridPower: Watts?,
        gridQuality: ReadingQuality,
        sockets: [SocketDemand],
        battery: BatteryState?,
        schedule: PriceSchedule,
        gridCap: Watts,
        settings: EnergySettings,
        previous: SetpointDecision? = nil
    ) {
        self.time = time
        self.gridPower = gridPower
        self.gridQuality = gridQuality
        self.sockets = sockets
        self.battery = battery
        self.schedule = schedule
        self.gridCap = gridCap
        self.settings = settings
        self.previous = previous
    }
}
