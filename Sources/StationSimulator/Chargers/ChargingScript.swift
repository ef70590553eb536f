public import StationCore

/// What the scripted sessions of a simulated charger look like: idle, plug in, charge, unplug, repeat.
public struct ChargingScript: Sendable, Hashable {
    /// How long a connector stays free before the next vehicle plugs in.
    public var idleTime: Duration
    /// How long a vehicle charges before the session is stopped locally.
    public var sessionTime: Duration
    /// Time between two MeterValues during a transaction.
    public var meterInterval: Duration
    /// The token presented at plug-in; stationd checks it against its local list.
    public var idTag: String
    /// The most current the vehicle draws per phase.
    public var vehicleMaxCurrent: Amperes
    /// Phases the vehicle uses (1 or 3).
    public var vehiclePhases: Int
    /// Line-to-neutral voltage that turns current into power.
    public var voltage: Volts
    /// Whether a new vehicle arrives after each session (otherwise one session per connector).
    public var repeats: Bool

    public init(
        idleTime: Duration = .seconds(10), sessionTime: Duration = .seconds(120), meterInterval: Duration = .seconds(10),
        idTag: String = "SIM-TAG", vehicleMaxCurrent: Amperes = 32, vehiclePhases: Int = 3, voltage: Volts = 230,
        repeats: Bool = true
    ) {
        self.idleTime = idleTime
        self.sessionTime = sessionTime
        self.meterInterval = meterInterval
        self.idTag = idTag
        self.vehicleMaxCurrent = vehicleMaxCurrent
        self.vehiclePhases = vehiclePhases
        self.voltage = voltage
        self.repeats = repeats
    }
}
