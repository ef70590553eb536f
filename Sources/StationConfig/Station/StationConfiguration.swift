/// Everything `stationd` needs to know about one station, loaded from `firmware-config/stations/<name>.yaml`.
public struct StationConfiguration: Sendable, Equatable {
    /// The OCPP charging station identity (last path segment of the uplink URL, Basic-auth username by default).
    public var stationId: String
    /// The OCPP 2.0.1 connection to the CSMS; `nil` runs the station without one.
    public var uplink: UplinkConfiguration?
    public var control: ControlConfiguration
    public var grid: GridConfiguration
    public var safety: SafetyConfiguration
    public var buses: [BusConfiguration]
    public var sockets: [SocketConfiguration]
    public var battery: BatteryConfiguration?
    public var gpio: StationGPIOConfiguration
    /// The device profiles the station refers to, by name.
    public var profiles: [String: DeviceProfile]
    /// The energy manager's settings and the station's own tariff.
    public var energy = EnergyConfiguration()
    /// Where the local API listens on 127.0.0.1.
    public var localAPI = LocalAPIConfiguration()
    /// The local OCPP server for smart chargers, if the station has any.
    public var ocppServer: OCPPServerConfiguration?
    /// Tokens the station accepts on its own, also while offline.
    public var localAuthorization: [LocalAuthorization] = []

    public init(
        stationId: String, uplink: UplinkConfiguration?, control: ControlConfiguration, grid: GridConfiguration,
        safety: SafetyConfiguration, buses: [BusConfiguration], sockets: [SocketConfiguration],
        battery: BatteryConfiguration?, gpio: StationGPIOConfiguration, profiles: [String: DeviceProfile]
    ) {
        self.stationId = stationId
        self.uplink = uplink
        self.control = control
        self.grid = grid
        self.safety = safety
        self.buses = buses
        self.sockets = sockets
        self.battery = battery
        self.gpio = gpio
        self.profiles = profiles
    }

    /// The bus called `name`.
    public func bus(named name: String) -> BusConfiguration? {
        buses.first { $0.name == name }
    }

    /// The socket with OCPP EVSE id `id`.
    public func socket(id: Int) -> SocketConfiguration? {
        sockets.first { $0.id == id }
    }

    /// The profile a device reference names (always present in a loaded configuration).
    public func profile(for device: ModbusDeviceReference) -> DeviceProfile? {
        profiles[device.profileName]
    }
}

/// The station's control loop.
public struct ControlConfiguration: Sendable, Equatable {
    /// Time between control cycles.
    public var period: Duration

    public static let defaultPeriod = Duration.milliseconds(1000)

    public init(period: Duration = ControlConfiguration.defaultPeriod) {
        self.period = period
    }
}

/// Limits the station must keep when its inputs cannot be trusted.
public struct SafetyConfiguration: Sendable, Equatable {
    /// The current every socket falls back to when data is stale (at least 6 A, the IEC 61851-1 minimum).
    public var safeSocketCurrentA: Double
    /// Age after which a grid-meter or battery reading is stale.
    public var staleAfter: Duration

    public init(safeSocketCurrentA: Double, staleAfter: Duration) {
        self.safeSocketCurrentA = safeSocketCurrentA
        self.staleAfter = staleAfter
    }
}
