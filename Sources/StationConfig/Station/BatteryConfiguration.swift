/// The station battery and the economics of cycling it.
public struct BatteryConfiguration: Sendable, Equatable {
    /// The battery inverter (a `battery_inverter` profile).
    public var device: ModbusDeviceReference
    /// Usable capacity in Wh.
    public var capacityWh: Double
    /// State of charge kept in reserve, never discharged below, in %.
    public var socReservePct: Double
    /// Charging power the station may command, in W (the inverter may report less).
    public var maxChargeW: Double
    /// Discharging power the station may command, in W (the inverter may report less).
    public var maxDischargeW: Double
    /// Wear cost of moving one kWh through the battery, in the tariff currency.
    public var cycleCostPerKWh: Double

    public static let defaultSocReservePct = 10.0

    public init(
        device: ModbusDeviceReference, capacityWh: Double, socReservePct: Double = BatteryConfiguration.defaultSocReservePct,
        maxChargeW: Double, maxDischargeW: Double, cycleCostPerKWh: Double = 0
    ) {
        self.device = device
        self.capacityWh = capacityWh
        self.socReservePct = socReservePct
        self.maxChargeW = maxChargeW
        self.maxDischargeW = maxDischargeW
        self.cycleCostPerKWh = cycleCostPerKWh
    }
}
