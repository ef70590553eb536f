/// What `cpms serve` runs with.
public struct CPMSConfiguration: Sendable {
    public var host: String
    public var port: Int
    public var gateway: GatewaySettings

    public init(host: String = "127.0.0.1", port: Int = 8300, gateway: GatewaySettings = GatewaySettings()) {
        self.host = host
        self.port = port
        self.gateway = gateway
    }
}
