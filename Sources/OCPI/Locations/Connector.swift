public import Tariffs

/// A socket or cable of an EVSE (OCPI Connector).
public struct Connector: Codable, Sendable, Equatable {
    public var id: String
    public var standard: ConnectorType
    public var format: ConnectorFormat
    public var powerType: PowerType
    public var maxVoltage: Int
    public var maxAmperage: Int
    public var maxElectricPower: Int?
    public var tariffIDs: [String]?
    public var termsAndConditions: String?
    public var lastUpdated: OCPIDateTime

    public init(
        id: String, standard: ConnectorType, format: ConnectorFormat, powerType: PowerType, maxVoltage: Int,
        maxAmperage: Int, maxElectricPower: Int? = nil, tariffIDs: [String]? = nil,
        termsAndConditions: String? = nil, lastUpdated: OCPIDateTime
    ) {
        self.id = id
        self.standard = standard
        self.format = format
        self.powerType = powerType
        self.maxVoltage = maxVoltage
        self.maxAmperage = maxAmperage
        self.maxElectricPower = maxElectricPower
        self.tariffIDs = tariffIDs
        self.termsAndConditions = termsAndConditions
        self.lastUpdated = lastUpdated
    }

    enum CodingKeys: String, CodingKey {
        case id, standard, format, powerType = "power_type", maxVoltage = "max_voltage"
        case maxAmperage = "max_amperage", maxElectricPower = "max_electric_power", tariffIDs = "tariff_ids"
        case termsAndConditions = "terms_and_conditions", lastUpdated = "last_updated"
    }
}

extension Connector: OCPIValidatable {
    public func validate(at path: FieldPath) throws(OCPIDecodingError) {
        try path.text(id, "id", .ciString(max: 36))
        try path.texts(tariffIDs, "tariff_ids", .ciString(max: 36))
        try path.text(termsAndConditions, "terms_and_conditions", .url)
        try path.check(maxVoltage >= 0, "max_voltage", "must not be negative")
        try path.check(maxAmperage >= 0, "max_amperage", "must not be negative")
        try path.check(maxElectricPower.map { $0 >= 0 } ?? true, "max_electric_power", "must not be negative")
    }
}
