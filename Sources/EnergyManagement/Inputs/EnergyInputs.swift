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
    /// Monotonic time of this cycle. With it (and the readings' times) the manager combines readings only
    /// when they are coherent and sequences its steps; without it every reading is taken as simultaneous.
    public var uptime: Duration?
    /// When the grid reading was taken, on the same clock as `uptime`.
    public var gridReadAt: Duration?

    public init(
        time: Date,
        gridPower: Watts?,
        gridQuality: ReadingQuality,
        sockets: [SocketDemand],
        battery: BatteryState?,
        schedule: PriceSchedule,
        gridCap: Watts,
        settings: EnergySettings,
        previous: SetpointDecision? = nil,
        uptime: Duration? = nil,
        gridReadAt: Duration? = nil
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
        self.uptime = uptime
        self.gridReadAt = gridReadAt
    }
}
