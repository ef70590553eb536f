public import StationCore

/// What the simulated grid meter shows at one moment.
public struct GridSnapshot: Sendable, Hashable {
    /// Positive = import from the grid.
    public var power: Watts
    public var energyImported: WattHours
    public var energyExported: WattHours

    public init(power: Watts, energyImported: WattHours, energyExported: WattHours) {
        self.power = power
        self.energyImported = energyImported
        self.energyExported = energyExported
    }
}
