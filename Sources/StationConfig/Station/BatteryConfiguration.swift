/// The station battery and the economics of cycling it.
public struct BatteryConfiguration: Sendable, Equatable {
    public var device: ModbusDeviceReference
    public var capacityWh: Double
    /// Energy kept for peak shaving: price arbitrage never discharges below it.
    public var socReservePct: Double
    public var maxChargeW: Double
    public var maxDischargeW: Double
    /// Wear cost per kWh moved through the battery, in the tariff's currency.
    public var cycleCostPerKWh: Double
    /// Never discharged below, not even for peak shaving.
    public var socMinimumPct: Double
    /// Never charged above.
    public var socMaximumPct: Double
    /// Energy out over energy in for a full cycle.
    public var roundTripEfficiency: Double

    public static let defaultSocReservePct = 10.0
    public static let defaultSocMinimumPct = 5.0
    public static let defaultSocMaximumPct = 95.0
    public static let defaultRoundTripEfficiency = 0.9

    public init(
        device: ModbusDeviceReference, capacityWh: Double, socReservePct: Double = BatteryConfiguration.defaultSocReservePct,
        maxChargeW: Double, maxDischargeW: Double, cycleCostPerKWh: Double = 0,
        socMinimumPct: Double = BatteryConfiguration.defaultSocMinimumPct,
        socMaximumPct: Double = BatteryConfiguration.defaultSocMaximumPct,
        roundTripEfficiency: Double = BatteryConfiguration.defaultRoundTripEfficiency
    ) {
        self.device = device
        self.capacityWh = capacityWh
        self.socReservePct = socReservePct
        self.maxChargeW = maxChargeW
        self.maxDischargeW = maxDischargeW
        self.cycleCostPerKWh = cycleCostPerKWh
        self.socMinimumPct = socMinimumPct
        self.socMaximumPct = socMaximumPct
        self.roundTripEfficiency = roundTripEfficiency
    }
}
