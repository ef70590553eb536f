/// The energy manager's settings and the station's own tariff, used until the CPMS sends a price schedule.
public struct EnergyConfiguration: Sendable, Equatable {
    /// A daily time-of-use tariff in UTC: each entry holds from its time until the next one.
    public var timeOfUse: [TimeOfUsePrice]
    /// Margin kept under the grid limit.
    public var headroomW: Double
    /// Largest increase of a socket's current from one cycle to the next; nil for none.
    public var socketRampAPerCycle: Double?
    /// Largest increase of the battery's power from one cycle to the next; nil for none.
    public var batteryRampWPerCycle: Double?
    /// Longest time an EV takes to follow a new socket limit.
    public var socketResponseS: Double
    /// Longest time the battery inverter takes to follow a new setpoint.
    public var batteryResponseS: Double
    /// Longest time between a change at the grid connection and the meter value that shows it.
    public var meterLagMs: Double

    public static let defaultHeadroomW = 300.0
    public static let defaultSocketResponseS = 5.0
    public static let defaultBatteryResponseS = 2.0
    public static let defaultMeterLagMs = 1000.0

    public init(
        timeOfUse: [TimeOfUsePrice] = [], headroomW: Double = EnergyConfiguration.defaultHeadroomW,
        socketRampAPerCycle: Double? = nil, batteryRampWPerCycle: Double? = nil,
        socketResponseS: Double = EnergyConfiguration.defaultSocketResponseS,
        batteryResponseS: Double = EnergyConfiguration.defaultBatteryResponseS,
        meterLagMs: Double = EnergyConfiguration.defaultMeterLagMs
    ) {
        self.timeOfUse = timeOfUse
        self.headroomW = headroomW
        self.socketRampAPerCycle = socketRampAPerCycle
        self.batteryRampWPerCycle = batteryRampWPerCycle
        self.socketResponseS = socketResponseS
        self.batteryResponseS = batteryResponseS
        self.meterLagMs = meterLagMs
    }
}

/// One step of a daily tariff.
public struct TimeOfUsePrice: Sendable, Equatable {
    /// Minutes after midnight UTC.
    public var fromMinute: Int
    /// Price of imported energy per kWh.
    public var importPrice: Double
    /// Price paid for exported energy per kWh, if any.
    public var exportPrice: Double?
    /// Share of renewable sources in the supply, 0...1, if known.
    public var renewableShare: Double?

    public init(fromMinute: Int, importPrice: Double, exportPrice: Double? = nil, renewableShare: Double? = nil) {
        self.fromMinute = fromMinute
        self.importPrice = importPrice
        self.exportPrice = exportPrice
        self.renewableShare = renewableShare
    }
}

/// Where stationd serves its local API (always on the loopback interface).
public struct LocalAPIConfiguration: Sendable, Equatable {
    public var port: Int

    public static let defaultPort = 8181

    public init(port: Int = LocalAPIConfiguration.defaultPort) {
        self.port = port
    }
}
