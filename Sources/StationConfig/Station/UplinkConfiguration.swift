import Foundation

/// The station's OCPP 2.0.1 WebSocket connection to its CSMS.
public struct UplinkConfiguration: Sendable, Equatable {
    /// The URL as configured: a `ws://` or `wss://` base, or the full endpoint ending in the station id.
    public var url: String
    /// The full endpoint: `url` itself if its last path segment is the station id, else `url/<station id>`.
    public var endpointURL: String
    /// Basic-auth user name (the station id unless configured).
    public var username: String
    public var credential: UplinkCredential
    /// The SQLite file of the durable outbox and the open transactions.
    public var outboxPath: String
    /// How many messages the outbox holds before meter values are thinned.
    public var outboxCapacity: Int = 100_000
    /// Time between meter samples (transaction updates, grid meter, battery telemetry).
    public var meterInterval: Duration = .seconds(60)
    /// How long a call to the CSMS waits for its answer.
    public var callTimeout: Duration = .seconds(30)
    /// PEM file of the CA certificates trusted for `wss://`; the system's trust store otherwise.
    public var caFile: String?
    /// The longest wait between connection attempts (the first wait is a thirtieth of it, doubling per failure).
    public var reconnectMax: Duration = .seconds(30)

    public init(url: String, endpointURL: String, username: String, credential: UplinkCredential, outboxPath: String) {
        self.url = url
        self.endpointURL = endpointURL
        self.username = username
        self.credential = credential
        self.outboxPath = outboxPath
    }

    /// The identity the station presents: the endpoint URL's last path segment.
    public var identity: String {
        URLComponents(string: endpointURL)?.path.split(separator: "/").last.map(String.init) ?? username
    }

    /// Whether the connection uses TLS (`wss://`, OCPP security profile 2).
    public var usesTLS: Bool { url.lowercased().hasPrefix("wss://") }
}

/// Where the Basic-auth password comes from.
public enum UplinkCredential: Sendable, Equatable {
    /// The password written in the station file.
    case password(String)
    /// A file holding the password; relative paths are resolved against the station file's directory.
    case passwordFile(path: String)
}
