/// An eMSP's request to unlock a connector (OCPI UnlockConnector).
public struct UnlockConnector: Codable, Sendable, Equatable {
    public var responseURL: String
    public var locationID: String
    public var evseUID: String
    public var connectorID: String

    public init(responseURL: String, locationID: String, evseUID: String, connectorID: String) {
        self.responseURL = responseURL
        self.locationID = locationID
        self.evseUID = evseUID
        self.connectorID = connectorID
    }

    enum CodingKeys: String, CodingKey {
        case responseURL = "response_url", locationID = "location_id", evseUID = "evse_uid"
        case connectorID = "connector_id"
    }
}

extension UnlockConnector: OCPIValidatable {
    public func validate(at path: FieldPath) throws(OCPIDecodingError) {
        try path.text(responseURL, "response_url", .url)
        try path.text(locationID, "location_id", .ciString(max: 36))
        try path.text(evseUID, "evse_uid", .ciString(max: 36))
        try path.text(connectorID, "connector_id", .ciString(max: 36))
    }
}
