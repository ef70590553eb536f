public import Scheduling

/// What `cpms serve` runs with.
public struct CPMSConfiguration: Sendable {
    public var host: String
    public var port: Int
    public var gateway: GatewaySettings
    /// The booking calendar's slot step, turnaround gap and booking terms.
    public var calendar: CalendarSettings

    public init(host: String = "127.0.0.1", port: Int = 8300, gateway: GatewaySettings = GatewaySettings(), calendar: CalendarSettings = CalendarSettings()) {
        self.host = host
        self.port = port
        self.gateway = gateway
        self.calendar = calendar
    }
}
