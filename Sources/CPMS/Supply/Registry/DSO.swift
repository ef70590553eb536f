public import Foundation
public import Tariffs

/// A DSO or energy supplier cpms can buy from: its contract and the feeds that tell its prices, mix and capacity.
public struct DSO: Sendable, Equatable, Codable, Identifiable {
    /// Short name, `[A-Za-z0-9_-]{1,36}`.
    public var id: String
    public var name: String
    public var contract: SupplyContract
    /// Where its forecasts come from; several may be combined (an OSCP capacity feed and an ENTSO-E price feed).
    public var feeds: [SupplyFeedSettings]

    public init(id: String, name: String, contract: SupplyContract, feeds: [SupplyFeedSettings]) {
        self.id = id
        self.name = name
        self.contract = contract
        self.feeds = feeds
    }
}

/// The terms cpms buys under.
public struct SupplyContract: Sendable, Equatable, Codable {
    /// The station groups the contract lets this DSO supply.
    public var groups: [String]
    /// Connection capacity over all those groups, W.
    public var capacityW: Double
    /// ISO 4217, e.g. EUR.
    public var currency: String
    /// Added to every market or feed price, currency per kWh (network fees, taxes, the supplier's margin).
    public var surchargePerKWh: Decimal
    /// The price when no feed covers a window, currency per kWh.
    public var fallbackPricePerKWh: Decimal
    /// How long a forecast is used after its feed last succeeded, seconds (then the fallback price).
    public var forecastBoundSeconds: Double
    /// The energy mix when no feed reports one.
    public var energyMix: EnergyMix?
    /// CO2 g/kWh when no feed reports it.
    public var carbonGramsPerKWh: Double?

    public init(
        groups: [String], capacityW: Double, currency: String, surchargePerKWh: Decimal = 0, fallbackPricePerKWh: Decimal,
        forecastBoundSeconds: Double = 36 * 3600, energyMix: EnergyMix? = nil, carbonGramsPerKWh: Double? = nil
    ) {
        self.groups = groups
        self.capacityW = capacityW
        self.currency = currency
        self.surchargePerKWh = surchargePerKWh
        self.fallbackPricePerKWh = fallbackPricePerKWh
        self.forecastBoundSeconds = forecastBoundSeconds
        self.energyMix = energyMix
        self.carbonGramsPerKWh = carbonGramsPerKWh
    }
}

/// One feed of a DSO, with its adapter's settings. Encoded as `{"kind": "openadr", ...settings}`.
public enum SupplyFeedSettings: Sendable, Equatable {
    case openADR(OpenADRFeedSettings)
    case oscp(OSCPFeedSettings)
    case entsoe(ENTSOEFeedSettings)
    case jsonFeed(JSONFeedSettings)
    case timeOfUse(TimeOfUseSettings)

    /// The feed's name within its DSO, as feed status and forecasts name it: `openadr`, `oscp`, `entsoe`,
    /// `json`, `tou`.
    public var kind: String {
        switch self {
        case .openADR: "openadr"
        case .oscp: "oscp"
        case .entsoe: "entsoe"
        case .jsonFeed: "json"
        case .timeOfUse: "tou"
        }
    }
}

/// cpms as the VEN of the DSO's OpenADR 2.0b VTN (simple HTTP pull).
public struct OpenADRFeedSettings: Sendable, Hashable, Codable {
    /// The VTN's base URL; messages go to `{vtnURL}/OpenADR2/Simple/2.0b/{service}`.
    public var vtnURL: String
    /// The VEN name cpms registers with.
    public var venName: String
    /// How often to oadrPoll, seconds, unless the VTN asks for another rate in its registration.
    public var pollIntervalSeconds: Double
    /// Mutual TLS: client certificate and key (PEM files), and the CA that signs the VTN's certificate.
    public var clientCertificatePath: String?
    public var clientKeyPath: String?
    public var caCertificatePath: String?

    public init(
        vtnURL: String, venName: String, pollIntervalSeconds: Double = 10, clientCertificatePath: String? = nil, clientKeyPath: String? = nil,
        caCertificatePath: String? = nil
    ) {
        self.vtnURL = vtnURL
        self.venName = venName
        self.pollIntervalSeconds = pollIntervalSeconds
        self.clientCertificatePath = clientCertificatePath
        self.clientKeyPath = clientKeyPath
        self.caCertificatePath = caCertificatePath
    }
}

/// cpms as the Flexibility Provider of the DSO's OSCP 2.0 Capacity Provider.
public struct OSCPFeedSettings: Sendable, Hashable, Codable {
    /// The Capacity Provider's versions endpoint base, e.g. `https://dso.example/oscp/cp/2.0`.
    public var capacityProviderURL: String
    /// Token A: what the DSO gave cpms to register with.
    public var registrationToken: String
    /// OSCP group ids to cpms station groups, where they differ (an unmapped OSCP group id is a cpms group id).
    public var groupMapping: [String: String]
    /// How often cpms sends UpdateGroupMeasurements, seconds.
    public var measurementIntervalSeconds: Double
    /// The heartbeat interval cpms asks the Capacity Provider for in its handshake, seconds (default 60).
    public var heartbeatIntervalSeconds: Double?

    public init(
        capacityProviderURL: String, registrationToken: String, groupMapping: [String: String] = [:], measurementIntervalSeconds: Double = 900,
        heartbeatIntervalSeconds: Double? = nil
    ) {
        self.capacityProviderURL = capacityProviderURL
        self.registrationToken = registrationToken
        self.groupMapping = groupMapping
        self.measurementIntervalSeconds = measurementIntervalSeconds
        self.heartbeatIntervalSeconds = heartbeatIntervalSeconds
    }
}

/// Day-ahead prices from an ENTSO-E Publication_MarketDocument (A44), from a file or a URL.
public struct ENTSOEFeedSettings: Sendable, Hashable, Codable {
    /// `http(s)://...` or a file path.
    public var source: String
    /// How often to read it again, seconds.
    public var refreshSeconds: Double
    /// The bidding zone (EIC, e.g. `10Y1001A1001A82H`) to take when the document carries several; nil takes
    /// the only one.
    public var biddingZone: String?

    public init(source: String, refreshSeconds: Double = 3600, biddingZone: String? = nil) {
        self.source = source
        self.refreshSeconds = refreshSeconds
        self.biddingZone = biddingZone
    }
}

/// The documented JSON price and energy-mix feed (docs/energy-supply.md), from a file or a URL.
public struct JSONFeedSettings: Sendable, Hashable, Codable {
    public var source: String
    public var refreshSeconds: Double

    public init(source: String, refreshSeconds: Double = 300) {
        self.source = source
        self.refreshSeconds = refreshSeconds
    }
}

/// A static time-of-use contract: prices by local time of day and weekday.
public struct TimeOfUseSettings: Sendable, Hashable, Codable {
    public struct Period: Sendable, Hashable, Codable {
        /// `HH:MM`, local time; `to` may be `24:00`; a period with `to` before `from` runs over midnight.
        public var from: String
        public var to: String
        /// ISO weekdays 1 (Monday) to 7; empty or nil for every day.
        public var weekdays: [Int]?
        public var pricePerKWh: Decimal

        public init(from: String, to: String, weekdays: [Int]? = nil, pricePerKWh: Decimal) {
            self.from = from
            self.to = to
            self.weekdays = weekdays
            self.pricePerKWh = pricePerKWh
        }
    }

    /// IANA time zone the periods are in.
    public var timeZone: String
    public var periods: [Period]

    public init(timeZone: String, periods: [Period]) {
        self.timeZone = timeZone
        self.periods = periods
    }
}
