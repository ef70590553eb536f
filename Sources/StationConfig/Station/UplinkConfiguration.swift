/// The station's OCPP 2.0.1 WebSocket connection to its CSMS.
public struct UplinkConfiguration: Sendable, Equatable {
    /// The URL as configured: a `ws://` or `wss://` base, or the full endpoint ending in the station id.
    public var url: String
    /// The full endpoint: `url` itself if its last path segment is the station id, else `url/<station id>`.
    public var endpointURL: String
    /// Basic-auth user name (the station id unless configured).
    public var username: String
    public var credential: UplinkCredential

    public init(url: String, endpointURL: String, username: String, credential: UplinkCredential) {
        self.url = url
        self.endpointURL = endpointURL
        self.username = username
        self.credential = credential
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
