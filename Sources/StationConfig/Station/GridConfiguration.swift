/// The station's grid connection.
public struct GridConfiguration: Sendable, Equatable {
    /// The most the station may import, all phases together, in W.
    public var connectionLimitW: Double
    /// Line-to-neutral voltage used to turn socket currents into power.
    public var nominalVoltageV: Double
    /// The meter at the connection point (a `grid_meter` profile).
    public var meter: ModbusDeviceReference

    public static let defaultNominalVoltageV = 230.0

    public init(connectionLimitW: Double, nominalVoltageV: Double = GridConfiguration.defaultNominalVoltageV, meter: ModbusDeviceReference) {
        self.connectionLimitW = connectionLimitW
        self.nominalVoltageV = nominalVoltageV
        self.meter = meter
    }
}

/// A Modbus device: which profile describes it, which bus it is on, and its unit id there.
public struct ModbusDeviceReference: Sendable, Hashable {
    /// The name of a profile in `firmware-config/devices`.
    public var profileName: String
    public var busName: String
    /// Modbus unit (slave) id: 1...247, or 255 on a TCP bus.
    public var unitId: Int
    /// How often to read the device; nil polls once per control period.
    public var pollInterval: Duration?

    public init(profileName: String, busName: String, unitId: Int, pollInterval: Duration? = nil) {
        self.profileName = profileName
        self.busName = busName
        self.unitId = unitId
        self.pollInterval = pollInterval
    }
}
