/// An eMSP's request to cancel a reservation (OCPI CancelReservation).
public struct CancelReservation: Codable, Sendable, Equatable {
    public var responseURL: String
    public var reservationID: String

    public init(responseURL: String, reservationID: String) {
        self.responseURL = responseURL
        self.reservationID = reservationID
    }

    enum CodingKeys: String, CodingKey {
        case responseURL = "response_url", reservationID = "reservation_id"
    }
}

extension CancelReservation: OCPIValidatable {
    public func validate(at path: FieldPath) throws(OCPIDecodingError) {
        try path.text(responseURL, "response_url", .url)
        try path.text(reservationID, "reservation_id", .ciString(max: 36))
    }
}
