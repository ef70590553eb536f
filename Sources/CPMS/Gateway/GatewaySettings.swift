/// How cpms treats connected stations.
public struct GatewaySettings: Sendable {
    /// The Heartbeat interval given in the BootNotification answer.
    public var heartbeatInterval: Duration
    /// How long a CSMS→station call waits for its answer.
    public var callTimeout: Duration
    /// The largest frame accepted from a station, in bytes.
    public var maxFrameBytes: Int
    /// The id tokens Authorize and TransactionEvent accept; nil accepts every token.
    public var acceptedTokens: Set<String>?

    public init(
        heartbeatInterval: Duration = .seconds(60), callTimeout: Duration = .seconds(30), maxFrameBytes: Int = 256 * 1024,
        acceptedTokens: Set<String>? = nil
    ) {
        self.heartbeatInterval = heartbeatInterval
        self.callTimeout = callTimeout
        self.maxFrameBytes = maxFrameBytes
        self.acceptedTokens = acceptedTokens
    }
}
