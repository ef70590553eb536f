public import Tariffs

/// A booking of a charger for a timeslot, owned by the CPO, with every request made for it (Bookings add-on Booking).
public struct Booking: Codable, Sendable, Equatable {
    public var id: String
    public var countryCode: String
    public var partyID: String
    public var requestID: String
    public var bookableParkingOption: BookableParkingOptions?
    public var parkingID: String?
    public var locationID: String
    public var evseUID: String?
    public var connectorID: String?
    public var bookingTokens: [BookingToken]?
    public var tariffIDs: [String]?
    public var period: Timeslot
    public var reservationStatus: ReservationStatus
    public var canceled: Cancellation?
    public var accessMethods: [AccessMethod]?
    public var authorizationReference: String
    public var bookingTerms: BookingTerms
    public var bookingRequests: [BookingRequestStatus]
    public var lastUpdated: OCPIDateTime

    public init(
        id: String, countryCode: String, partyID: String, requestID: String,
        bookableParkingOption: BookableParkingOptions? = nil, parkingID: String? = nil, locationID: String,
        evseUID: String? = nil, connectorID: String? = nil, bookingTokens: [BookingToken]? = nil,
        tariffIDs: [String]? = nil, period: Timeslot, reservationStatus: ReservationStatus,
        canceled: Cancellation? = nil, accessMethods: [AccessMethod]? = nil, authorizationReference: String,
        bookingTerms: BookingTerms, bookingRequests: [BookingRequestStatus], lastUpdated: OCPIDateTime
    ) {
        self.id = id
        self.countryCode = countryCode
        self.partyID = partyID
        self.requestID = requestID
        self.bookableParkingOption = bookableParkingOption
        self.parkingID = parkingID
        self.locationID = locationID
        self.evseUID = evseUID
        self.connectorID = connectorID
        self.bookingTokens = bookingTokens
        self.tariffIDs = tariffIDs
        self.period = period
        self.reservationStatus = reservationStatus
        self.canceled = canceled
        self.accessMethods = accessMethods
        self.authorizationReference = authorizationReference
        self.bookingTerms = bookingTerms
        self.bookingRequests = bookingRequests
        self.lastUpdated = lastUpdated
    }

    enum CodingKeys: String, CodingKey {
        case id, countryCode = "country_code", partyID = "party_id", requestID = "request_id"
        case bookableParkingOption = "bookable_parking_option", parkingID = "parking_id", locationID = "location_id"
        case evseUID = "evse_uid", connectorID = "connector_id", bookingTokens = "booking_tokens"
        case tariffIDs = "tariff_id", period, reservationStatus = "reservation_status", canceled
        case accessMethods = "access_methods", authorizationReference = "authorization_reference"
        case bookingTerms = "booking_terms", bookingRequests = "booking_requests", lastUpdated = "last_updated"
    }
}

extension Booking: OCPIValidatable {
    public func validate(at path: FieldPath) throws(OCPIDecodingError) {
        try path.text(id, "id", .ciString(max: 36))
        try path.text(countryCode, "country_code", .ciStringOfLength(2))
        try path.text(partyID, "party_id", .ciString(max: 3))
        try path.text(requestID, "request_id", .ciString(max: 36))
        try path.object(bookableParkingOption, "bookable_parking_option")
        try path.text(parkingID, "parking_id", .ciString(max: 36))
        try path.text(locationID, "location_id", .ciString(max: 36))
        try path.text(evseUID, "evse_uid", .ciString(max: 36))
        try path.text(connectorID, "connector_id", .ciString(max: 36))
        try path.objects(bookingTokens, "booking_tokens")
        try path.texts(tariffIDs, "tariff_id", .ciString(max: 36))
        try path.object(period, "period")
        try path.object(canceled, "canceled")
        try path.objects(accessMethods, "access_methods")
        try path.text(authorizationReference, "authorization_reference", .ciString(max: 36))
        try path.object(bookingTerms, "booking_terms")
        try path.objects(bookingRequests, "booking_requests", atLeastOne: true)
    }
}
