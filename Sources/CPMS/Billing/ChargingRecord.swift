public import Foundation
public import Tariffs

/// The priced record of one finished transaction: when, how much, how it was used and what it costs.
///
/// Amounts are rounded to 4 decimal places (OCPI's precision); `problems` says what the station's data lacked.
public struct ChargingRecord: Sendable, Encodable {
    public var station: String
    public var transactionId: String
    public var evse: Int?
    public var connector: Int?
    public var idToken: String?
    public var startedAt: Date
    public var stoppedAt: Date
    public var stoppedReason: String?
    /// The station's IANA time zone, in which the tariff's restrictions were evaluated.
    public var timeZone: String
    /// Whole Wh; nil when the readings do not tell it.
    public var energyWh: Decimal?
    public var periods: [Period]
    /// The periods as OCPI 2.2.1 ChargingPeriods (what was priced).
    public var chargingPeriods: [ChargingPeriod]
    public var price: RecordPrice
    public var problems: [String]

    /// One period of the session.
    public struct Period: Sendable, Equatable, Encodable {
        public var start: Date
        public var end: Date
        public var activity: ChargingActivity
        public var energyKWh: Decimal?
        public var maxPowerKW: Decimal?
        public var maxCurrentA: Decimal?

        enum CodingKeys: String, CodingKey {
            case start, end, activity, energyKWh = "energy_kwh", maxPowerKW = "max_power_kw", maxCurrentA = "max_current_a"
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(StoredTime.text(start), forKey: .start)
            try container.encode(StoredTime.text(end), forKey: .end)
            try container.encode(activity, forKey: .activity)
            try container.encode(energyKWh, forKey: .energyKWh)
            try container.encode(maxPowerKW, forKey: .maxPowerKW)
            try container.encode(maxCurrentA, forKey: .maxCurrentA)
        }
    }

    /// The record's energy in kWh.
    public var energyKWh: Decimal? { energyWh.map { $0 / 1_000 } }

    enum CodingKeys: String, CodingKey {
        case station, transactionId = "transaction_id", evse, connector, idToken = "id_token", startedAt = "started_at"
        case stoppedAt = "stopped_at", stoppedReason = "stopped_reason", timeZone = "time_zone", energyKWh = "energy_kwh"
        case periods, chargingPeriods = "charging_periods", price, problems
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(station, forKey: .station)
        try container.encode(transactionId, forKey: .transactionId)
        try container.encode(evse, forKey: .evse)
        try container.encode(connector, forKey: .connector)
        try container.encode(idToken, forKey: .idToken)
        try container.encode(StoredTime.text(startedAt), forKey: .startedAt)
        try container.encode(StoredTime.text(stoppedAt), forKey: .stoppedAt)
        try container.encode(stoppedReason, forKey: .stoppedReason)
        try container.encode(timeZone, forKey: .timeZone)
        try container.encode(energyKWh, forKey: .energyKWh)
        try container.encode(periods, forKey: .periods)
        try container.encode(chargingPeriods, forKey: .chargingPeriods)
        try container.encode(price, forKey: .price)
        try container.encode(problems, forKey: .problems)
    }
}

/// Whether and how a record was priced.
public enum PriceStatus: String, Sendable, Equatable, Encodable {
    /// Priced under the tariff version in force at the start.
    case priced
    /// No tariff was assigned to the station, EVSE or connector at the start: the record has no price.
    case noTariff = "no_tariff"
    /// A tariff applied but the data cannot be priced honestly under it (`reason` says why).
    case notPriced = "not_priced"
}

/// A record's price: the tariff version used and the cost per dimension and in total, excluding and including VAT.
public struct RecordPrice: Sendable, Encodable {
    public var status: PriceStatus
    /// Why there is no price, when there is none.
    public var reason: String?
    public var tariffId: String?
    public var tariffVersion: Int?
    public var currency: String?
    /// Per dimension, rounded to 4 places; nil without a price.
    public var cost: SessionCost?

    public var total: Cost? { cost?.total }

    enum CodingKeys: String, CodingKey {
        case status, reason, tariffId = "tariff_id", tariffVersion = "tariff_version", currency, dimensions, subtotal, total
        case limitApplied = "limit_applied"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(status, forKey: .status)
        try container.encode(reason, forKey: .reason)
        try container.encode(tariffId, forKey: .tariffId)
        try container.encode(tariffVersion, forKey: .tariffVersion)
        try container.encode(currency, forKey: .currency)
        try container.encode(cost?.dimensions, forKey: .dimensions)
        try container.encode(cost?.subtotal, forKey: .subtotal)
        try container.encode(cost?.total, forKey: .total)
        try container.encode(cost?.limitApplied, forKey: .limitApplied)
    }
}
