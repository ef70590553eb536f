public import StationCore

/// A battery inverter's ratings: usable capacity and the most it charges and discharges.
public struct BatteryRating: Sendable, Hashable {
    public var capacity: WattHours
    public var maxCharge: Watts
    public var maxDischarge: Watts

    public init(capacity: WattHours, maxCharge: Watts, maxDischarge: Watts) {
        self.capacity = capacity
        self.maxCharge = maxCharge
        self.maxDischarge = maxDischarge
    }
}
