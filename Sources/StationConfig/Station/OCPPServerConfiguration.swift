/// stationd as the local OCPP server for the smart chargers on the station LAN.
public struct OCPPServerConfiguration: Sendable, Equatable {
    /// What to do with a charger that is not in `chargers`.
    public enum UnknownChargers: String, Sendable, Hashable {
        /// Refuse the WebSocket upgrade (HTTP 401/404).
        case reject
        /// Accept the connection but answer its BootNotification with Pending.
        case pending
    }

    public var host: String
    public var port: Int
    public var unknownChargers: UnknownChargers
    public var heartbeatInterval: Duration
    public var callTimeout: Duration
    /// Frames larger than this are refused unread.
    public var maxFrameBytes: Int
    public var chargers: [ChargerConfiguration]

    public static let defaultPort = 8887

    public init(
        host: String = "0.0.0.0", port: Int = OCPPServerConfiguration.defaultPort, unknownChargers: UnknownChargers = .reject,
        heartbeatInterval: Duration = .seconds(300), callTimeout: Duration = .seconds(30), maxFrameBytes: Int = 65_536,
        chargers: [ChargerConfiguration] = []
    ) {
        self.host = host
        self.port = port
        self.unknownChargers = unknownChargers
        self.heartbeatInterval = heartbeatInterval
        self.callTimeout = callTimeout
        self.maxFrameBytes = maxFrameBytes
        self.chargers = chargers
    }

    public func charger(id: String) -> ChargerConfiguration? { chargers.first { $0.id == id } }
}

/// One OCPP charger allowed to connect, and which station sockets its connectors are.
public struct ChargerConfiguration: Sendable, Equatable {
    /// The charge point identity: the last segment of its URL and its Basic-auth user name.
    public var id: String
    /// Its Basic-auth password (OCPP security profile 1).
    public var credential: UplinkCredential
    public var connectors: [ChargerConnectorConfiguration]

    public init(id: String, credential: UplinkCredential, connectors: [ChargerConnectorConfiguration]) {
        self.id = id
        self.credential = credential
        self.connectors = connectors
    }
}

/// A charger's connector (OCPP 1.6 connectorId, or OCPP 2.0.1 EVSE id) as a socket of the station.
public struct ChargerConnectorConfiguration: Sendable, Equatable {
    /// 1.6 connectorId / 2.0.1 evseId on the charger.
    public var connector: Int
    /// The station socket id it becomes; unique across Modbus sockets and every charger.
    public var socket: Int
    public var maxCurrentA: Double
    public var phases: Int

    public init(connector: Int, socket: Int, maxCurrentA: Double, phases: Int) {
        self.connector = connector
        self.socket = socket
        self.maxCurrentA = maxCurrentA
        self.phases = phases
    }
}

/// A token on the station's local authorisation list.
public struct LocalAuthorization: Sendable, Equatable {
    public enum Status: String, Sendable, Hashable {
        case accepted, blocked, expired, invalid
    }

    public var idTag: String
    public var status: Status

    public init(idTag: String, status: Status) {
        self.idTag = idTag
        self.status = status
    }
}
