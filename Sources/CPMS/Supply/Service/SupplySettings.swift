public import Foundation

/// How the supply service plans and sends (`cpms serve --supply-...`).
public struct SupplySettings: Sendable {
    /// The longest time between two plans (`--supply-replan-interval`); it also replans at every window boundary
    /// and when a feed, the registry, the groups or the policy change.
    public var replanInterval: Duration = .seconds(60)
    /// The plan's currency (`--supply-currency`): a DSO whose contract is in another currency is not chosen.
    public var currency = "EUR"
    /// The price a group no DSO's contract covers is planned with, per kWh (`--supply-unsupplied-price`).
    public var unsuppliedPricePerKWh: Decimal = Decimal(string: "0.30") ?? 0
    /// The connection limit of a station in no group, W (`--supply-default-connection-limit`).
    public var defaultConnectionLimitW: Double = 22_000
    /// How many 15-minute windows are planned (96: 24 h).
    public var horizonWindows = 96
    /// When a station that refused or did not answer is sent its schedule again (`--supply-retry-interval`).
    public var retryInterval: Duration = .seconds(60)
    /// What was sent is sent again, though unchanged, when it covers less than this much of the future.
    public var refreshBefore: TimeInterval = 12 * 3600
    /// How many stations are sent to at the same time.
    public var maxConcurrentStations = 32
    /// How long a claimed supply request is leased to this process.
    public var requestLease: Duration = .seconds(60)
    /// The pause before a supply request that was not delivered is tried again (doubled each time, up to 15 min).
    public var requestBackoff: Duration = .seconds(30)

    public init() {}
}
