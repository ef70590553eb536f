import StationCore

/// The battery's reading and settings, checked and put in order; nil when they cannot be used.
struct BatteryLimits: Equatable {
    /// Current SoC, clamped to 0...100 %.
    var soc: Double
    var capacity: WattHours
    var maxCharge: Watts
    var maxDischarge: Watts
    var minimum: Double
    var reserve: Double
    var maximum: Double
    var efficiency: Double
    var cycleCost: Double

    /// Checks the battery's values; garbage limits become 0 W, SoC bounds are ordered min <= reserve <= max.
    init?(battery: BatteryState, settings: EnergySettings) {
        guard battery.soc.value.isFinite, battery.capacity.value.isFinite, battery.capacity.value > 0 else { return nil }
        guard let parameters = BatteryParameters(settings) else { return nil }
        soc = min(max(battery.soc.value, 0), 100)
        capacity = battery.capacity
        maxCharge = Self.nonNegative(battery.maxChargePower)
        maxDischarge = Self.nonNegative(battery.maxDischargePower)
        minimum = parameters.minimum
        reserve = parameters.reserve
        maximum = parameters.maximum
        efficiency = parameters.efficiency
        cycleCost = parameters.cycleCost
    }

    private static func nonNegative(_ power: Watts) -> Watts {
        power.value.isFinite && power.value > 0 ? power : .zero
    }

    /// Stored energy between `soc` and `other`, positive when `other` is higher.
    func energy(from soc: Double, to other: Double) -> WattHours {
        WattHours((other - soc) / 100 * capacity.value)
    }
}

/// The battery settings of `EnergySettings`, checked and ordered; nil when one is not a number.
struct BatteryParameters: Equatable {
    var minimum: Double
    var reserve: Double
    var maximum: Double
    var efficiency: Double
    var cycleCost: Double

    init?(_ settings: EnergySettings) {
        let bounds = [settings.socMinimumPercent, settings.socReservePercent, settings.socMaximumPercent]
        guard bounds.allSatisfy(\.isFinite), settings.cycleCostPerKWh.isFinite,
            settings.roundTripEfficiency.isFinite, settings.roundTripEfficiency > 0
        else { return nil }
        minimum = min(max(settings.socMinimumPercent, 0), 100)
        maximum = min(max(settings.socMaximumPercent, minimum), 100)
        reserve = min(max(settings.socReservePercent, minimum), maximum)
        efficiency = min(settings.roundTripEfficiency, 1)
        cycleCost = max(settings.cycleCostPerKWh, 0)
    }
}
