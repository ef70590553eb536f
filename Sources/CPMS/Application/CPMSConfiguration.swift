public import Scheduling

/// What `cpms serve` runs with.
public struct CPMSConfiguration: Sendable {
    public var host: String
    public var port: Int
    public var gateway: GatewaySettings
    /// The booking calendar's slot step, turnaround gap and booking terms.
    public var calendar: CalendarSettings
    /// cpms's OCPI party and public URL (default `http://HOST:PORT`).
    public var ocpi: OCPISettings
    /// The most objects one page of an OCPI GET list holds (a larger `limit` is cut to it).
    public var ocpiPageLimit = 100
    /// The Bookings add-on: the calendars' horizon and the terms page.
    public var bookings = BookingSettings()
    /// How the OCPI push queue is delivered (poll interval, backoff, lease, calls in flight).
    public var ocpiPushDelivery = OCPIPushDelivery.Settings()
    /// How often every Location and tariff is compared with what was last pushed (changes that come with time).
    public var ocpiPublicationSweepInterval: Duration = .seconds(60)
    /// How often a running OCPI session's kWh, charging periods and cost are PATCHed to its eMSP when nothing
    /// else changed (a status or charging-state change is PATCHed at once).
    public var ocpiSessionUpdateInterval: Duration = .seconds(60)
    /// How long the real-time authorization of a token at the eMSPs may take (`--ocpi-authorize-timeout`): the
    /// station waits for it.
    public var ocpiAuthorizeTimeout: Duration = .seconds(5)
    /// The timeout cpms announces in a CommandResponse (`--ocpi-command-timeout`), in seconds.
    public var ocpiCommandTimeout = 30
    /// Energy supply: replanning, the plan's currency, defaults.
    public var supply = SupplySettings()
    /// The operator portal: session expiry, cookie, login throttling, bcrypt cost, chart.js's path.
    public var portal = PortalSettings()
    /// The bounds of every HTTP request: body size, head size, JSON nesting (docs/limits.md).
    public var limits = RequestLimits()

    public init(
        host: String = "127.0.0.1", port: Int = 8300, gateway: GatewaySettings = GatewaySettings(), calendar: CalendarSettings = CalendarSettings(),
        ocpi: OCPISettings? = nil
    ) {
        self.host = host
        self.port = port
        self.gateway = gateway
        self.calendar = calendar
        self.ocpi = ocpi ?? OCPISettings(publicURL: Self.defaultPublicURL(host: host, port: port))
    }

    /// `http://HOST:PORT`, with 127.0.0.1 for a wildcard address (give `--public-url` when eMSPs are elsewhere).
    public static func defaultPublicURL(host: String, port: Int) -> String {
        let reachable = host == "0.0.0.0" || host == "::" || host.isEmpty ? "127.0.0.1" : host
        return "http://\(reachable.contains(":") ? "[\(reachable)]" : reachable):\(port)"
    }
}
