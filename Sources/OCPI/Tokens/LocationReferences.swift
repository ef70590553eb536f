/// Where a token wants to charge, for a real-time authorization (OCPI LocationReferences).
public struct LocationReferences: Codable, Sendable, Equatable {
    public var locationID: String
    public var evseUIDs: [String]?

    public init(locationID: String, evseUIDs: [String]? = nil) {
        self.locationID = locationID
        self.evseUIDs = evseUIDs
    }

    enum CodingKeys: String, CodingKey {
        case locationID = "location_id", evseUIDs = "evse_uids"
    }
}

extension LocationReferences: OCPIValidatable {
    public func validate(at path: FieldPath) throws(OCPIDecodingError) {
        try path.text(locationID, "location_id", .ciString(max: 36))
        try path.texts(evseUIDs, "evse_uids", .ciString(max: 36))
    }
}
