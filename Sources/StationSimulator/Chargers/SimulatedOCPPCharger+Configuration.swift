public import OCPP
public import StationCore

extension SimulatedOCPPCharger {
    /// What a simulated charger runs after it booted.
    public enum Mode: Sendable {
        /// Scripted sessions on every connector.
        case scripted(ChargingScript)
        /// MeterValues on connector 1 as fast as they are answered, measured while `window` is open.
        case load(LoadWindow)
    }

    /// What a charger sends in load mode.
    public enum LoadMix: String, Sendable, CaseIterable {
        /// MeterValues outside any transaction, back to back.
        case meterValues = "meter-values"
        /// A transaction started before the window, then its meter readings (TransactionEvent Updated in 2.0.1,
        /// MeterValues with the transaction id in 1.6) alternating with MeterValues outside it, back to back.
        case transactions
    }

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
        public var mode: Mode
        /// How long a call waits for its answer.
        public var callTimeout: Duration
        public var backoff: ReconnectBackoff
        /// The largest WebSocket frame sent or accepted.
        public var maxFrameSize: Int
        /// What load mode sends.
        public var loadMix: LoadMix

        public init(
            id: String, serverURL: String, password: String? = nil, version: OCPPVersion = .v16,
            connectors: [ConnectorRating] = [ConnectorRating()], identity: ChargePointIdentity = ChargePointIdentity(),
            mode: Mode = .scripted(ChargingScript()), callTimeout: Duration = .seconds(30), backoff: ReconnectBackoff = ReconnectBackoff(),
            maxFrameSize: Int = 65_536, loadMix: LoadMix = .meterValues
        ) {
            self.id = id
            self.serverURL = serverURL
            self.password = password
            self.version = version
            self.connectors = connectors
            self.identity = identity
            self.mode = mode
            self.callTimeout = callTimeout
            self.backoff = backoff
            self.maxFrameSize = maxFrameSize
            self.loadMix = loadMix
        }

        /// The charger's own URL.
        public var url: String {
            (serverURL.hasSuffix("/") ? String(serverURL.dropLast()) : serverURL) + "/" + id
        }

        var script: ChargingScript? {
            if case .scripted(let script) = mode { return script }
            return nil
        }
    }
}
