public import Foundation

/// What a session costs under a tariff: per dimension, in total, and which element priced each period.
public struct SessionCost: Sendable, Equatable, Encodable {
    public var currency: String
    /// The dimensions that were billed, in the order FLAT, ENERGY, TIME, PARKING_TIME, RESERVATION_TIME.
    public var dimensions: [DimensionCost]
    /// The sum of the dimensions, before min_price and max_price.
    public var subtotal: Cost
    /// What the session costs.
    public var total: Cost
    /// Set when min_price or max_price changed the total.
    public var limitApplied: PriceLimit?
    public var periods: [PeriodPricing]

    /// The cost of `dimension`, zero when it was not billed.
    public func cost(of dimension: BilledDimension) -> Cost {
        dimensions.first { $0.dimension == dimension }?.cost ?? .zero
    }

    enum CodingKeys: String, CodingKey {
        case currency, dimensions, subtotal, total, limitApplied = "limit_applied", periods
    }
}

/// An amount excluding and including VAT. Components without a VAT percentage add the same to both.
public struct Cost: Sendable, Equatable, Encodable {
    public var exclVAT: Decimal
    public var inclVAT: Decimal

    public init(exclVAT: Decimal, inclVAT: Decimal) {
        self.exclVAT = exclVAT
        self.inclVAT = inclVAT
    }

    public static let zero = Cost(exclVAT: 0, inclVAT: 0)

    /// Both amounts rounded half up to `places` decimal places.
    public func rounded(toPlaces places: Int) -> Cost {
        Cost(exclVAT: Self.round(exclVAT, places), inclVAT: Self.round(inclVAT, places))
    }

    private static func round(_ value: Decimal, _ places: Int) -> Decimal {
        var value = value
        var result = Decimal()
        NSDecimalRound(&result, &value, places, .plain)
        return result
    }

    public static func + (lhs: Cost, rhs: Cost) -> Cost {
        Cost(exclVAT: lhs.exclVAT + rhs.exclVAT, inclVAT: lhs.inclVAT + rhs.inclVAT)
    }

    enum CodingKeys: String, CodingKey {
        case exclVAT = "excl_vat", inclVAT = "incl_vat"
    }
}

/// A dimension that costs money: the tariff's dimensions, with reservation time apart from charging time.
public enum BilledDimension: String, Sendable, Encodable, CaseIterable {
    case flat = "FLAT"
    case energy = "ENERGY"
    case time = "TIME"
    case parkingTime = "PARKING_TIME"
    case reservationTime = "RESERVATION_TIME"
}

/// One dimension's bill.
public struct DimensionCost: Sendable, Equatable, Encodable {
    public var dimension: BilledDimension
    /// What was used where a price applied: kWh, hours, or the number of flat fees.
    public var volume: Decimal
    /// `volume` after step_size rounding.
    public var billedVolume: Decimal
    public var cost: Cost

    enum CodingKeys: String, CodingKey {
        case dimension, volume, billedVolume = "billed_volume", cost
    }
}

/// Which of the tariff's min_price and max_price set the total.
public enum PriceLimit: String, Sendable, Encodable {
    case minPrice = "min_price"
    case maxPrice = "max_price"
}

/// How one charging period was priced: the index of the tariff element used per dimension.
public struct PeriodPricing: Sendable, Equatable, Encodable {
    public var index: Int
    public var start: OCPIDateTime
    /// The period's start in the location's time zone, "YYYY-MM-DD HH:MM DAY".
    public var localStart: String
    public var elements: [BilledDimension: Int]

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(index, forKey: .index)
        try container.encode(start, forKey: .start)
        try container.encode(localStart, forKey: .localStart)
        try container.encode(Dictionary(uniqueKeysWithValues: elements.map { ($0.key.rawValue, $0.value) }), forKey: .elements)
    }

    enum CodingKeys: String, CodingKey {
        case index, start, localStart = "local_start", elements
    }
}

extension SessionCost {
    /// Every amount rounded half up to `places` decimal places (OCPI numbers carry at most 4).
    public func rounded(toPlaces places: Int) -> SessionCost {
        var copy = self
        copy.dimensions = dimensions.map { dimension in
            var dimension = dimension
            dimension.cost = dimension.cost.rounded(toPlaces: places)
            return dimension
        }
        copy.subtotal = subtotal.rounded(toPlaces: places)
        copy.total = total.rounded(toPlaces: places)
        return copy
    }
}
