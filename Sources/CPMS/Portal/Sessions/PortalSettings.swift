/// How the portal's sessions, logins and assets behave (`cpms serve --portal-...`).
public struct PortalSettings: Sendable {
    /// A session unused this long is over (`--portal-idle-timeout`); polling for live data does not count as use.
    public var idleTimeout: Duration = .seconds(30 * 60)
    /// A session is over this long after its login, used or not (`--portal-absolute-timeout`).
    public var absoluteTimeout: Duration = .seconds(12 * 3600)
    /// Whether the session cookie is `Secure` (set when cpms's public URL is https, or by `--portal-secure-cookie`).
    public var secureCookie = false
    /// Failed logins: how many within `window` lock the name and the client address for `lockout`.
    public var throttle = LoginThrottle()
    /// bcrypt's cost for new passwords and the dummy hash (12; tests use 4).
    public var bcryptCost: UInt8 = 12
    /// Where Debian's libjs-chart.js puts chart.js (served as `/portal/static/chart.js`).
    public var chartJSPath = "/usr/share/javascript/chart.js/chart.min.js"
    /// How old the overview's "energy today" totals may get before they are computed again (in the background), s.
    public var supplyTotalsMaxAge: Double = 30

    public init() {}
}
