import StationCore

/// The socket and grid settings of `EnergySettings`, with garbage replaced by safe values.
///
/// Voltage and minimum current that are not positive numbers fall back to 230 V and 6 A; a safe current,
/// headroom or ramp that is negative becomes 0; a ramp that is not a number means no ramp.
struct ControlSettings {
    var voltage: Volts
    var minimumCurrent: Amperes
    var safeCurrent: Amperes
    var headroom: Watts
    var socketRamp: Amperes?
    var batteryRamp: Watts?
    /// Length of a cycle in hours; nil when the duration is not positive.
    var cycleHours: Double?

    init(_ settings: EnergySettings) {
        voltage = Self.positive(settings.voltage) ?? 230
        minimumCurrent = Self.positive(settings.minimumCurrent) ?? 6
        safeCurrent = Self.nonNegative(settings.safeCurrent) ?? .zero
        headroom = Self.nonNegative(settings.headroom) ?? .zero
        socketRamp = settings.socketRampPerCycle.flatMap(Self.nonNegative)
        batteryRamp = settings.batteryRampPerCycle.flatMap(Self.nonNegative)
        let hours = Watts(1).over(settings.cycleDuration).value
        cycleHours = hours > 0 ? hours : nil
    }

    private static func positive<Q: Quantity>(_ quantity: Q) -> Q? {
        quantity.value.isFinite && quantity.value > 0 ? quantity : nil
    }

    private static func nonNegative<Q: Quantity>(_ quantity: Q) -> Q? {
        quantity.value.isFinite ? Q(max(quantity.value, 0)) : nil
    }

    /// Power a socket draws at `current` on `phases` phases.
    func power(_ current: Amperes, phases: Int) -> Watts {
        Watts(current: current, phases: phases, voltage: voltage)
    }
}
