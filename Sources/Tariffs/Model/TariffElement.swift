public import Foundation

/// A group of price components that apply together while the element's restrictions hold.
public struct TariffElement: Codable, Sendable, Equatable {
    public var priceComponents: [PriceComponent]
    public var restrictions: TariffRestrictions?

    public init(priceComponents: [PriceComponent], restrictions: TariffRestrictions? = nil) {
        self.priceComponents = priceComponents
        self.restrictions = restrictions
    }

    /// The element's component of `type`, if it has one.
    public func component(_ type: TariffDimensionType) -> PriceComponent? {
        priceComponents.first { $0.type == type }
    }

    enum CodingKeys: String, CodingKey {
        case priceComponents = "price_components", restrictions
    }
}

/// The price of one tariff dimension (OCPI PriceComponent).
public struct PriceComponent: Codable, Sendable, Equatable {
    public var type: TariffDimensionType
    /// Per kWh (ENERGY), per hour (TIME, PARKING_TIME) or once (FLAT), excluding VAT.
    public var price: Decimal
    /// VAT percentage; absent means no VAT applies (which differs from 0 %).
    public var vat: Decimal?
    /// Billing block in Wh (ENERGY) or seconds (TIME, PARKING_TIME); ignored for FLAT.
    public var stepSize: Int

    public init(type: TariffDimensionType, price: Decimal, vat: Decimal? = nil, stepSize: Int = 1) {
        self.type = type
        self.price = price
        self.vat = vat
        self.stepSize = stepSize
    }

    enum CodingKeys: String, CodingKey {
        case type, price, vat, stepSize = "step_size"
    }
}

/// What a price component charges for (OCPI TariffDimensionType).
public enum TariffDimensionType: String, Codable, Sendable, CaseIterable {
    case energy = "ENERGY"
    case flat = "FLAT"
    case parkingTime = "PARKING_TIME"
    case time = "TIME"
}
