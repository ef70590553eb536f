/// Where a CDR's session took place: the location, EVSE and connector in one object (OCPI CdrLocation).
public struct CdrLocation: Codable, Sendable, Equatable {
    public var id: String
    public var name: String?
    public var address: String
    public var city: String
    public var postalCode: String?
    public var state: String?
    public var country: String
    public var coordinates: GeoLocation
    public var evseUID: String
    public var evseID: String
    public var connectorID: String
    public var connectorStandard: ConnectorType
    public var connectorFormat: ConnectorFormat
    public var connectorPowerType: PowerType

    public init(
        id: String, name: String? = nil, address: String, city: String, postalCode: String? = nil,
        state: String? = nil, country: String, coordinates: GeoLocation, evseUID: String, evseID: String,
        connectorID: String, connectorStandard: ConnectorType, connectorFormat: ConnectorFormat,
        connectorPowerType: PowerType
    ) {
        self.id = id
        self.name = name
        self.address = address
        self.city = city
        self.postalCode = postalCode
        self.state = state
        self.country = country
        self.coordinates = coordinates
        self.evseUID = evseUID
        self.evseID = evseID
        self.connectorID = connectorID
        self.connectorStandard = connectorStandard
        self.connectorFormat = connectorFormat
        self.connectorPowerType = connectorPowerType
    }

    enum CodingKeys: String, CodingKey {
        case id, name, address, city, postalCode = "postal_code", state, country, coordinates, evseUID = "evse_uid"
        case evseID = "evse_id", connectorID = "connector_id", connectorStandard = "connector_standard"
        case connectorFormat = "connector_format", connectorPowerType = "connector_power_type"
    }
}

extension CdrLocation: OCPIValidatable {
    public func validate(at path: FieldPath) throws(OCPIDecodingError) {
        try path.text(id, "id", .ciString(max: 36))
        try path.text(name, "name", .string(max: 255))
        try path.text(address, "address", .string(max: 45))
        try path.text(city, "city", .string(max: 45))
        try path.text(postalCode, "postal_code", .string(max: 10))
        try path.text(state, "state", .string(max: 20))
        try path.text(country, "country", .stringOfLength(3))
        try path.object(coordinates, "coordinates")
        try path.text(evseUID, "evse_uid", .ciString(max: 36))
        try path.text(evseID, "evse_id", .ciString(max: 48))
        try path.text(connectorID, "connector_id", .ciString(max: 36))
        try path.check(EVSEIdentifier.isValid(evseID), "evse_id", "is not an eMI3 EVSE ID (like BE*BEC*E041503001)")
    }
}
