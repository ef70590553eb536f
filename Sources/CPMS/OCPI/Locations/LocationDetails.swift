public import Foundation
public import OCPI

/// What an admin says about a station's site, for publishing it as an OCPI Location: address, coordinates,
/// operator, opening times, facilities, parking. JSON in OCPI's own field names (the API's body and the stored row).
public struct LocationDetails: Codable, Sendable, Equatable {
    public var name: String?
    public var address: String
    public var city: String
    public var postalCode: String?
    public var state: String?
    /// ISO 3166-1 alpha-3, e.g. NLD.
    public var country: String
    public var coordinates: GeoLocation
    public var parkingType: ParkingType?
    public var `operator`: BusinessDetails?
    public var facilities: [Facility]?
    public var openingTimes: Hours?
    public var chargingWhenClosed: Bool?
    /// The station's part of its EVSEs' eMI3 ids (`CC*PID*E<code>*<evse>`): 1 to 20 of A-Z and 0-9. Absent: derived
    /// from the station id (see `EVSEIdentity`).
    public var evseCode: String?

    public init(
        name: String? = nil, address: String, city: String, postalCode: String? = nil, state: String? = nil, country: String,
        coordinates: GeoLocation, parkingType: ParkingType? = nil, operator: BusinessDetails? = nil, facilities: [Facility]? = nil,
        openingTimes: Hours? = nil, chargingWhenClosed: Bool? = nil, evseCode: String? = nil
    ) {
        self.name = name
        self.address = address
        self.city = city
        self.postalCode = postalCode
        self.state = state
        self.country = country
        self.coordinates = coordinates
        self.parkingType = parkingType
        self.operator = `operator`
        self.facilities = facilities
        self.openingTimes = openingTimes
        self.chargingWhenClosed = chargingWhenClosed
        self.evseCode = evseCode
    }

    enum CodingKeys: String, CodingKey {
        case name, address, city, postalCode = "postal_code", state, country, coordinates, parkingType = "parking_type"
        case `operator`, facilities, openingTimes = "opening_times", chargingWhenClosed = "charging_when_closed", evseCode = "evse_code"
    }

    /// Reads stored details: wrong JSON types, missing fields and OCPI's limits are refused naming the field.
    public static func decode(_ data: Data) throws(OCPIDecodingError) -> LocationDetails {
        try OCPICoding.decode(LocationDetails.self, from: data)
    }

    /// Reads an admin's body: as `decode`, and a top-level field it does not know (a typo such as `postcode`) is
    /// refused rather than silently dropped.
    public static func decodeRequest(_ data: Data) throws(OCPIDecodingError) -> LocationDetails {
        if let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let unknown = object.keys.sorted().first(where: { CodingKeys(rawValue: $0) == nil })
        {
            throw OCPIDecodingError(field: unknown, message: "not a location field (name, address, city, postal_code, state, country, coordinates, parking_type, operator, facilities, opening_times, charging_when_closed, evse_code)")
        }
        return try decode(data)
    }
}

extension LocationDetails: OCPIValidatable {
    public func validate(at path: FieldPath) throws(OCPIDecodingError) {
        let probe = Location(
            countryCode: "NL", partyID: "CPO", id: "probe", publish: true, name: name, address: address, city: city,
            postalCode: postalCode, state: state, country: country, coordinates: coordinates, parkingType: parkingType,
            operator: `operator`, facilities: facilities, timeZone: "UTC", openingTimes: openingTimes,
            chargingWhenClosed: chargingWhenClosed, lastUpdated: OCPIDateTime(Date(timeIntervalSince1970: 0)))
        try probe.validate(at: path)
        try path.check(country.utf8.allSatisfy { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) }, "country", "must be an ISO 3166 alpha-3 code in capitals, e.g. NLD")
        try path.check(!address.trimmingCharacters(in: .whitespaces).isEmpty, "address", "must not be empty")
        try path.check(!city.trimmingCharacters(in: .whitespaces).isEmpty, "city", "must not be empty")
        if let evseCode { try path.check(EVSEIdentity.isValidCode(evseCode), "evse_code", "must be 1 to 20 of A-Z and 0-9") }
    }
}
