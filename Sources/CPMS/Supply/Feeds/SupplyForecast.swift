public import Foundation
public import Tariffs

/// What a feed knows about one interval of a DSO's supply. Every figure is optional: a price feed has no
/// capacity, an OSCP capacity forecast no price.
public struct ForecastInterval: Sendable, Equatable, Codable {
    public var start: Date
    public var end: Date
    /// Energy price, currency per kWh, before the contract's surcharge.
    public var pricePerKWh: Decimal?
    /// ISO 4217 of the price, when the feed names one (else the contract's).
    public var currency: String?
    public var exportPricePerKWh: Decimal?
    public var energyMix: EnergyMix?
    /// Renewable share 0...1, when the feed gives it without (or besides) a mix.
    public var renewableShare: Double?
    public var carbonGramsPerKWh: Double?
    /// Import capacity, W: for `group` when given, else for the DSO's whole contract.
    public var capacityW: Double?
    /// The cpms station group a capacity is for.
    public var group: String?

    public init(
        start: Date, end: Date, pricePerKWh: Decimal? = nil, currency: String? = nil, exportPricePerKWh: Decimal? = nil,
        energyMix: EnergyMix? = nil, renewableShare: Double? = nil, carbonGramsPerKWh: Double? = nil, capacityW: Double? = nil,
        group: String? = nil
    ) {
        self.start = start
        self.end = end
        self.pricePerKWh = pricePerKWh
        self.currency = currency
        self.exportPricePerKWh = exportPricePerKWh
        self.energyMix = energyMix
        self.renewableShare = renewableShare
        self.carbonGramsPerKWh = carbonGramsPerKWh
        self.capacityW = capacityW
        self.group = group
    }
}

/// A feed's news: intervals that replace what the same feed said before about the span they cover.
public struct ForecastUpdate: Sendable, Equatable {
    public var dso: String
    /// The feed's kind within the DSO (`SupplyFeedSettings.kind`).
    public var feed: String
    public var intervals: [ForecastInterval]
    /// What it came from, for the plan's reasons: "openadr event E1 (modification 2)", "entsoe A44 mRID ...".
    public var source: String
    public var receivedAt: Date

    public init(dso: String, feed: String, intervals: [ForecastInterval], source: String, receivedAt: Date) {
        self.dso = dso
        self.feed = feed
        self.intervals = intervals
        self.source = source
        self.receivedAt = receivedAt
    }
}

/// Where feeds hand what they learn: stored and planned with (cpms), or recorded (tests).
public protocol ForecastSink: Sendable {
    /// Stores the update and has the supply replanned. Throws only when it could not be stored (the feed
    /// should try again later).
    func received(_ update: ForecastUpdate) async throws
    /// The feed could not fetch or read its data; shown in the feed's status (the last forecast stays in use
    /// within its bound).
    func failed(dso: String, feed: String, reason: String, at time: Date) async
}

/// Asking a DSO for more capacity for a group over a span (OSCP AdjustGroupCapacityForecast): the
/// "request connection and supply" of the product description.
public struct SupplyRequest: Sendable, Hashable, Codable {
    public var dso: String
    public var group: String
    public var start: Date
    public var end: Date
    /// The capacity asked for, W.
    public var capacityW: Double
    public var reason: String

    public init(dso: String, group: String, start: Date, end: Date, capacityW: Double, reason: String) {
        self.dso = dso
        self.group = group
        self.start = start
        self.end = end
        self.capacityW = capacityW
        self.reason = reason
    }
}

/// What became of a supply request at the DSO.
public enum SupplyRequestOutcome: Sendable, Hashable {
    /// The DSO took it (OSCP: 204).
    case delivered
    /// The DSO refused it, or the feed cannot ask (OpenADR 2.0b has no such request): final, with the reason.
    case refused(String)
    /// Not reachable or no answer: try again later.
    case notDelivered(String)
}

/// A feed of a DSO that can also take supply requests (OSCP).
public protocol SupplyRequester: Sendable {
    func request(_ request: SupplyRequest) async -> SupplyRequestOutcome
}
