/// One charging socket (an OCPP EVSE with one connector) and its controller.
public struct SocketConfiguration: Sendable, Equatable {
    /// The OCPP EVSE id, unique in the station.
    public var id: Int
    /// The socket's controller (an `evse` profile).
    public var device: ModbusDeviceReference
    /// The most current the socket's wiring and connector allow, per phase.
    public var maxCurrentA: Double
    /// 1 or 3.
    public var phases: Int
    public var connector: ConnectorType
    /// Whether plugging in starts a session or a token is needed.
    public var authorization: SocketAuthorization
    public var gpio: SocketGPIOConfiguration

    public init(
        id: Int, device: ModbusDeviceReference, maxCurrentA: Double, phases: Int,
        connector: ConnectorType = .type2, authorization: SocketAuthorization = .free,
        gpio: SocketGPIOConfiguration = SocketGPIOConfiguration()
    ) {
        self.id = id
        self.device = device
        self.maxCurrentA = maxCurrentA
        self.phases = phases
        self.connector = connector
        self.authorization = authorization
        self.gpio = gpio
    }
}

/// How a socket's sessions are authorised.
public enum SocketAuthorization: String, Sendable, Hashable, CaseIterable {
    /// Plugging in starts a session (free vend; no reader at the socket).
    case free
    /// A session needs a token: a remote start or an id tag from the local authorisation list.
    case token
}

/// The physical connector of a socket.
public enum ConnectorType: String, Sendable, Hashable, CaseIterable {
    /// IEC 62196-2 Type 2 socket outlet (the car brings the cable).
    case type2
    /// IEC 62196-2 Type 2 tethered cable.
    case type2Cable = "type2_cable"
    /// SAE J1772 / IEC 62196-2 Type 1 tethered cable (single phase).
    case type1Cable = "type1_cable"

    /// The OCPP 2.0.1 `ConnectorEnumType` value.
    public var ocppConnectorType: String {
        switch self {
        case .type2: return "sType2"
        case .type2Cable: return "cType2"
        case .type1Cable: return "cType1"
        }
    }
}

/// GPIO lines wired to one socket; each is optional.
public struct SocketGPIOConfiguration: Sendable, Equatable {
    /// Output driving the socket's contactor.
    public var contactor: GPIOLineConfiguration?
    /// Input from the technician's maintenance key switch.
    public var keySwitch: GPIOLineConfiguration?
    /// Output for the socket's status LED.
    public var led: GPIOLineConfiguration?

    public init(contactor: GPIOLineConfiguration? = nil, keySwitch: GPIOLineConfiguration? = nil, led: GPIOLineConfiguration? = nil) {
        self.contactor = contactor
        self.keySwitch = keySwitch
        self.led = led
    }
}
