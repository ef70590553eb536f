public import Tariffs

/// What can be booked at a location, on which terms, and when it is free (Bookings add-on BookingLocation).
public struct BookingLocation: Codable, Sendable, Equatable {
    public var countryCode: String
    public var partyID: String
    public var id: String
    public var locationID: String
    public var evseUID: String?
    public var connectorID: String?
    public var bookableParkingOptions: [BookableParkingOptions]?
    public var bookable: Bookable?
    public var tariffIDs: [String]?
    public var bookingTerms: [BookingTerms]?
    public var calendars: [BookingCalendar]?
    public var lastUpdated: OCPIDateTime

    public init(
        countryCode: String, partyID: String, id: String, locationID: String, evseUID: String? = nil,
        connectorID: String? = nil, bookableParkingOptions: [BookableParkingOptions]? = nil,
        bookable: Bookable? = nil, tariffIDs: [String]? = nil, bookingTerms: [BookingTerms]? = nil,
        calendars: [BookingCalendar]? = nil, lastUpdated: OCPIDateTime
    ) {
        self.countryCode = countryCode
        self.partyID = partyID
        self.id = id
        self.locationID = locationID
        self.evseUID = evseUID
        self.connectorID = connectorID
        self.bookableParkingOptions = bookableParkingOptions
        self.bookable = bookable
        self.tariffIDs = tariffIDs
        self.bookingTerms = bookingTerms
        self.calendars = calendars
        self.lastUpdated = lastUpdated
    }

    enum CodingKeys: String, CodingKey {
        case countryCode = "country_code", partyID = "party_id", id, locationID = "location_id"
        case evseUID = "evse_uid", connectorID = "connector_id", bookableParkingOptions = "bookable_parking_options"
        case bookable, tariffIDs = "tariff_id", bookingTerms = "booking_terms", calendars
        case lastUpdated = "last_updated"
    }
}

extension BookingLocation: OCPIValidatable {
    public func validate(at path: FieldPath) throws(OCPIDecodingError) {
        try path.text(countryCode, "country_code", .ciStringOfLength(2))
        try path.text(partyID, "party_id", .ciString(max: 3))
        try path.text(id, "id", .ciString(max: 36))
        try path.text(locationID, "location_id", .ciString(max: 36))
        try path.text(evseUID, "evse_uid", .ciString(max: 36))
        try path.text(connectorID, "connector_id", .ciString(max: 36))
        try path.objects(bookableParkingOptions, "bookable_parking_options")
        try path.object(bookable, "bookable")
        try path.texts(tariffIDs, "tariff_id", .ciString(max: 36))
        try path.objects(bookingTerms, "booking_terms")
        try path.objects(calendars, "calendars")
        try path.check(evseUID != nil || !(bookableParkingOptions ?? []).isEmpty, "evse_uid", "a booking location needs evse_uid or bookable_parking_options")
    }
}
