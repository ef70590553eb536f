/// An eMSP's request to start charging for a token at a location (OCPI StartSession).
public struct StartSession: Codable, Sendable, Equatable {
    public var responseURL: String
    public var token: Token
    public var locationID: String
    public var evseUID: String?
    public var connectorID: String?
    public var authorizationReference: String?

    public init(
        responseURL: String, token: Token, locationID: String, evseUID: String? = nil, connectorID: String? = nil,
        authorizationReference: String? = nil
    ) {
        self.responseURL = responseURL
        self.token = token
        self.locationID = locationID
        self.evseUID = evseUID
        self.connectorID = connectorID
        self.authorizationReference = authorizationReference
    }

    enum CodingKeys: String, CodingKey {
        case responseURL = "response_url", token, locationID = "location_id", evseUID = "evse_uid"
        case connectorID = "connector_id", authorizationReference = "authorization_reference"
    }
}

extension StartSession: OCPIValidatable {
    public func validate(at path: FieldPath) throws(OCPIDecodingError) {
        try path.text(responseURL, "response_url", .url)
        try path.object(token, "token")
        try path.text(locationID, "location_id", .ciString(max: 36))
        try path.text(evseUID, "evse_uid", .ciString(max: 36))
        try path.text(connectorID, "connector_id", .ciString(max: 36))
        try path.text(authorizationReference, "authorization_reference", .ciString(max: 36))
        try path.check(connectorID == nil || evseUID != nil, "connector_id", "only allowed together with evse_uid")
    }
}
