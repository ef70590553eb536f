public import OCPP
public import StationCore

extension SimulatedOCPPCharger {
    /// One connector's rating.
    public struct ConnectorRating: Sendable, Hashable {
        public var maxCurrent: Amperes
        public var phases: Int

        public init(maxCurrent: Amperes = 32, phases: Int = 3) {
            self.maxCurrent = maxCurrent
            self.phases = phases
        }
    }

    /// Who the charger is, where it connects, and what it does.
    public struct Configuration: Sendable {
        /// The charge point identity: the last URL segment and the Basic-auth user name.
        public var id: String
        /// The server's base URL, e.g. `ws://127.0.0.1:8887/ocpp`; the charger connects to `<serverURL>/<id>`.
        public var serverURL: String
        /// The Basic-auth password (OCPP security profile 1); nil sends no credentials.
        public var password: String?
        /// The version offered as the only WebSocket subprotocol.
        public var version: OCPPVersion
        /// Connector 1, 2... in order.
        public var connectors: [ConnectorRating]
        public var identity: ChargePointIdentity
        /// The sessions every connector runs.
        public var script: ChargingScript
        /// How long a call waits for its answer.
        public var callTimeout: Duration
        public var backoff: ReconnectBackoff
        /// The largest WebSocket frame sent or accepted.
        public var maxFrameSize: Int

        public init(
            id: String, serverURL: String, password: String? = nil, version: OCPPVersion = .v16,
            connectors: [ConnectorRating] = [ConnectorRating()], identity: ChargePointIdentity = ChargePointIdentity(),
            script: ChargingScript = ChargingScript(), callTimeout: Duration = .seconds(30), backoff: ReconnectBackoff = ReconnectBackoff(),
            maxFrameSize: Int = 65_536
        ) {
            self.id = id
            self.serverURL = serverURL
            self.password = password
            self.version = version
            self.connectors = connectors
            self.identity = identity
            self.script = script
            self.callTimeout = callTimeout
            self.backoff = backoff
            self.maxFrameSize = maxFrameSize
        }

        /// The charger's own URL.
        public var url: String {
            (serverURL.hasSuffix("/") ? String(serverURL.dropLast()) : serverURL) + "/" + id
        }

    }
}
