public import Foundation

/// An OCPI 2.2.1 Tariff: what charging costs at the connectors that name it.
public struct Tariff: Codable, Sendable, Equatable {
    public var countryCode: String
    public var partyID: String
    public var id: String
    /// ISO 4217 code; every price in the tariff is in this currency.
    public var currency: String
    /// When absent, the tariff is valid for every session.
    public var type: TariffType?
    public var tariffAltText: [DisplayText]?
    public var tariffAltURL: String?
    public var minPrice: Price?
    public var maxPrice: Price?
    public var elements: [TariffElement]
    public var energyMix: EnergyMix?
    public var startDateTime: OCPIDateTime?
    public var endDateTime: OCPIDateTime?
    public var lastUpdated: OCPIDateTime

    public init(
        countryCode: String, partyID: String, id: String, currency: String, type: TariffType? = nil,
        tariffAltText: [DisplayText]? = nil, tariffAltURL: String? = nil, minPrice: Price? = nil, maxPrice: Price? = nil,
        elements: [TariffElement], energyMix: EnergyMix? = nil, startDateTime: OCPIDateTime? = nil,
        endDateTime: OCPIDateTime? = nil, lastUpdated: OCPIDateTime
    ) {
        self.countryCode = countryCode
        self.partyID = partyID
        self.id = id
        self.currency = currency
        self.type = type
        self.tariffAltText = tariffAltText
        self.tariffAltURL = tariffAltURL
        self.minPrice = minPrice
        self.maxPrice = maxPrice
        self.elements = elements
        self.energyMix = energyMix
        self.startDateTime = startDateTime
        self.endDateTime = endDateTime
        self.lastUpdated = lastUpdated
    }

    enum CodingKeys: String, CodingKey {
        case countryCode = "country_code", partyID = "party_id", id, currency, type
        case tariffAltText = "tariff_alt_text", tariffAltURL = "tariff_alt_url"
        case minPrice = "min_price", maxPrice = "max_price", elements
        case energyMix = "energy_mix", startDateTime = "start_date_time", endDateTime = "end_date_time"
        case lastUpdated = "last_updated"
    }
}

/// Which sessions a tariff is for (OCPI TariffType).
public enum TariffType: String, Codable, Sendable, CaseIterable {
    case adHocPayment = "AD_HOC_PAYMENT"
    case profileCheap = "PROFILE_CHEAP"
    case profileFast = "PROFILE_FAST"
    case profileGreen = "PROFILE_GREEN"
    case regular = "REGULAR"
}

/// A text in one language (OCPI DisplayText).
public struct DisplayText: Codable, Sendable, Equatable {
    public var language: String
    public var text: String

    public init(language: String, text: String) {
        self.language = language
        self.text = text
    }
}

/// An amount of money excluding and, when known, including VAT (OCPI Price).
public struct Price: Codable, Sendable, Equatable {
    public var exclVAT: Decimal
    public var inclVAT: Decimal?

    public init(exclVAT: Decimal, inclVAT: Decimal?) {
        self.exclVAT = exclVAT
        self.inclVAT = inclVAT
    }

    enum CodingKeys: String, CodingKey {
        case exclVAT = "excl_vat", inclVAT = "incl_vat"
    }
}
