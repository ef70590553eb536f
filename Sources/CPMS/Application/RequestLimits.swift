/// The bounds every HTTP request to cpms is held to (docs/limits.md).
public struct RequestLimits: Sendable, Equatable {
    /// The largest request body, in bytes (`--max-body-bytes`); a larger one is HTTP 413. The handlers' own bound,
    /// 1 MiB, is the most it can be.
    public var maxBodyBytes = RequestLimits.largestBodyBytes
    /// The largest request head (the request line and every header), in bytes (`--max-header-bytes`); a larger
    /// one is HTTP 400 and the connection is closed (NIO's HTTP parser).
    public var maxHeaderBytes = 80 * 1024
    /// The deepest nesting of arrays and objects a JSON body may have; a deeper one is HTTP 400 before it is parsed.
    public var maxJSONDepth = 64

    /// What the handlers collect at most, whatever the setting.
    public static let largestBodyBytes = 1 << 20

    public init() {}
}
