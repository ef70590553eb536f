public import Tariffs

/// An eMSP's request to create, change (same request_id) or cancel a booking (Bookings add-on BookingRequest).
public struct BookingRequest: Codable, Sendable, Equatable {
    public var countryCode: String
    public var partyID: String
    public var requestID: String
    public var bookableParkingOption: BookableParkingOptions?
    public var locationID: String
    public var evseUID: String?
    public var connectorID: String?
    public var tokens: [BookingToken]?
    public var period: Timeslot
    public var authorizationReference: String
    public var powerRequired: Int?
    public var canceled: Cancellation?

    public init(
        countryCode: String, partyID: String, requestID: String,
        bookableParkingOption: BookableParkingOptions? = nil, locationID: String, evseUID: String? = nil,
        connectorID: String? = nil, tokens: [BookingToken]? = nil, period: Timeslot, authorizationReference: String,
        powerRequired: Int? = nil, canceled: Cancellation? = nil
    ) {
        self.countryCode = countryCode
        self.partyID = partyID
        self.requestID = requestID
        self.bookableParkingOption = bookableParkingOption
        self.locationID = locationID
        self.evseUID = evseUID
        self.connectorID = connectorID
        self.tokens = tokens
        self.period = period
        self.authorizationReference = authorizationReference
        self.powerRequired = powerRequired
        self.canceled = canceled
    }

    enum CodingKeys: String, CodingKey {
        case countryCode = "country_code", partyID = "party_id", requestID = "request_id"
        case bookableParkingOption = "bookable_parking_option", locationID = "location_id", evseUID = "evse_uid"
        case connectorID = "connector_id", tokens, period, authorizationReference = "authorization_reference"
        case powerRequired = "power_required", canceled
    }
}

extension BookingRequest: OCPIValidatable {
    public func validate(at path: FieldPath) throws(OCPIDecodingError) {
        try path.text(countryCode, "country_code", .ciStringOfLength(2))
        try path.text(partyID, "party_id", .ciString(max: 3))
        try path.text(requestID, "request_id", .ciString(max: 36))
        try path.object(bookableParkingOption, "bookable_parking_option")
        try path.text(locationID, "location_id", .ciString(max: 36))
        try path.text(evseUID, "evse_uid", .ciString(max: 36))
        try path.text(connectorID, "connector_id", .ciString(max: 36))
        try path.objects(tokens, "tokens")
        try path.object(period, "period")
        try path.text(authorizationReference, "authorization_reference", .ciString(max: 36))
        try path.nonNegative(powerRequired, "power_required")
        try path.object(canceled, "canceled")
    }
}

/// A request made for a booking, when it arrived and what became of it (Bookings add-on BookingRequestStatus).
public struct BookingRequestStatus: Codable, Sendable, Equatable {
    public var requestStatus: ReservationRequestStatus
    public var bookingRequest: BookingRequest
    public var requestReceived: OCPIDateTime

    public init(
        requestStatus: ReservationRequestStatus, bookingRequest: BookingRequest, requestReceived: OCPIDateTime
    ) {
        self.requestStatus = requestStatus
        self.bookingRequest = bookingRequest
        self.requestReceived = requestReceived
    }

    enum CodingKeys: String, CodingKey {
        case requestStatus = "request_status", bookingRequest = "booking_request"
        case requestReceived = "request_received"
    }
}

extension BookingRequestStatus: OCPIValidatable {
    public func validate(at path: FieldPath) throws(OCPIDecodingError) {
        try path.object(bookingRequest, "booking_request")
    }
}
