public import Tariffs

/// An eMSP's request to reserve an EVSE for a token from now until expiry (OCPI ReserveNow).
public struct ReserveNow: Codable, Sendable, Equatable {
    public var responseURL: String
    public var token: Token
    public var expiryDate: OCPIDateTime
    public var reservationID: String
    public var locationID: String
    public var evseUID: String?
    public var authorizationReference: String?

    public init(
        responseURL: String, token: Token, expiryDate: OCPIDateTime, reservationID: String, locationID: String,
        evseUID: String? = nil, authorizationReference: String? = nil
    ) {
        self.responseURL = responseURL
        self.token = token
        self.expiryDate = expiryDate
        self.reservationID = reservationID
        self.locationID = locationID
        self.evseUID = evseUID
        self.authorizationReference = authorizationReference
    }

    enum CodingKeys: String, CodingKey {
        case responseURL = "response_url", token, expiryDate = "expiry_date", reservationID = "reservation_id"
        case locationID = "location_id", evseUID = "evse_uid", authorizationReference = "authorization_reference"
    }
}

extension ReserveNow: OCPIValidatable {
    public func validate(at path: FieldPath) throws(OCPIDecodingError) {
        try path.text(responseURL, "response_url", .url)
        try path.object(token, "token")
        try path.text(reservationID, "reservation_id", .ciString(max: 36))
        try path.text(locationID, "location_id", .ciString(max: 36))
        try path.text(evseUID, "evse_uid", .ciString(max: 36))
        try path.text(authorizationReference, "authorization_reference", .ciString(max: 36))
    }
}
