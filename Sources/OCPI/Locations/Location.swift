import Foundation
public import Tariffs

/// A place with one or more EVSEs, as a CPO publishes it (OCPI Location).
public struct Location: Codable, Sendable, Equatable {
    public var countryCode: String
    public var partyID: String
    public var id: String
    public var publish: Bool
    public var publishAllowedTo: [PublishTokenType]?
    public var name: String?
    public var address: String
    public var city: String
    public var postalCode: String?
    public var state: String?
    public var country: String
    public var coordinates: GeoLocation
    public var relatedLocations: [AdditionalGeoLocation]?
    public var parkingType: ParkingType?
    public var evses: [EVSE]?
    public var directions: [DisplayText]?
    public var `operator`: BusinessDetails?
    public var suboperator: BusinessDetails?
    public var owner: BusinessDetails?
    public var facilities: [Facility]?
    public var timeZone: String
    public var openingTimes: Hours?
    public var chargingWhenClosed: Bool?
    public var images: [Image]?
    public var energyMix: EnergyMix?
    public var lastUpdated: OCPIDateTime

    public init(
        countryCode: String, partyID: String, id: String, publish: Bool, publishAllowedTo: [PublishTokenType]? = nil,
        name: String? = nil, address: String, city: String, postalCode: String? = nil, state: String? = nil,
        country: String, coordinates: GeoLocation, relatedLocations: [AdditionalGeoLocation]? = nil,
        parkingType: ParkingType? = nil, evses: [EVSE]? = nil, directions: [DisplayText]? = nil,
        `operator`: BusinessDetails? = nil, suboperator: BusinessDetails? = nil, owner: BusinessDetails? = nil,
        facilities: [Facility]? = nil, timeZone: String, openingTimes: Hours? = nil, chargingWhenClosed: Bool? = nil,
        images: [Image]? = nil, energyMix: EnergyMix? = nil, lastUpdated: OCPIDateTime
    ) {
        self.countryCode = countryCode
        self.partyID = partyID
        self.id = id
        self.publish = publish
        self.publishAllowedTo = publishAllowedTo
        self.name = name
        self.address = address
        self.city = city
        self.postalCode = postalCode
        self.state = state
        self.country = country
        self.coordinates = coordinates
        self.relatedLocations = relatedLocations
        self.parkingType = parkingType
        self.evses = evses
        self.directions = directions
        self.`operator` = `operator`
        self.suboperator = suboperator
        self.owner = owner
        self.facilities = facilities
        self.timeZone = timeZone
        self.openingTimes = openingTimes
        self.chargingWhenClosed = chargingWhenClosed
        self.images = images
        self.energyMix = energyMix
        self.lastUpdated = lastUpdated
    }

    enum CodingKeys: String, CodingKey {
        case countryCode = "country_code", partyID = "party_id", id, publish
        case publishAllowedTo = "publish_allowed_to", name, address, city, postalCode = "postal_code", state
        case country, coordinates, relatedLocations = "related_locations", parkingType = "parking_type", evses
        case directions, `operator`, suboperator, owner, facilities, timeZone = "time_zone"
        case openingTimes = "opening_times", chargingWhenClosed = "charging_when_closed", images
        case energyMix = "energy_mix", lastUpdated = "last_updated"
    }
}

extension Location: OCPIValidatable {
    public func validate(at path: FieldPath) throws(OCPIDecodingError) {
        try path.text(countryCode, "country_code", .ciStringOfLength(2))
        try path.text(partyID, "party_id", .ciString(max: 3))
        try path.text(id, "id", .ciString(max: 36))
        try path.objects(publishAllowedTo, "publish_allowed_to")
        try path.text(name, "name", .string(max: 255))
        try path.text(address, "address", .string(max: 45))
        try path.text(city, "city", .string(max: 45))
        try path.text(postalCode, "postal_code", .string(max: 10))
        try path.text(state, "state", .string(max: 20))
        try path.text(country, "country", .stringOfLength(3))
        try path.object(coordinates, "coordinates")
        try path.objects(relatedLocations, "related_locations")
        try path.objects(evses, "evses")
        try path.objects(directions, "directions")
        try path.object(`operator`, "operator")
        try path.object(suboperator, "suboperator")
        try path.object(owner, "owner")
        try path.text(timeZone, "time_zone", .string(max: 255))
        try path.object(openingTimes, "opening_times")
        try path.objects(images, "images")
        try path.object(energyMix, "energy_mix")
        try path.check(!publish || publishAllowedTo == nil, "publish_allowed_to", "only allowed when publish is false")
        try path.check(TimeZone(identifier: timeZone) != nil, "time_zone", "unknown IANA time zone \"\(timeZone)\"")
    }
}
