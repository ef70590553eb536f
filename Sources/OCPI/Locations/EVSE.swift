public import Tariffs

/// One charging point of a location: it charges one vehicle at a time through one of its connectors (OCPI EVSE).
public struct EVSE: Codable, Sendable, Equatable {
    public var uid: String
    public var evseID: String?
    public var status: EVSEStatus
    public var statusSchedule: [StatusSchedule]?
    public var capabilities: [Capability]?
    public var connectors: [Connector]
    public var floorLevel: String?
    public var coordinates: GeoLocation?
    public var physicalReference: String?
    public var directions: [DisplayText]?
    public var parkingRestrictions: [ParkingRestriction]?
    public var images: [Image]?
    public var lastUpdated: OCPIDateTime

    public init(
        uid: String, evseID: String? = nil, status: EVSEStatus, statusSchedule: [StatusSchedule]? = nil,
        capabilities: [Capability]? = nil, connectors: [Connector], floorLevel: String? = nil,
        coordinates: GeoLocation? = nil, physicalReference: String? = nil, directions: [DisplayText]? = nil,
        parkingRestrictions: [ParkingRestriction]? = nil, images: [Image]? = nil, lastUpdated: OCPIDateTime
    ) {
        self.uid = uid
        self.evseID = evseID
        self.status = status
        self.statusSchedule = statusSchedule
        self.capabilities = capabilities
        self.connectors = connectors
        self.floorLevel = floorLevel
        self.coordinates = coordinates
        self.physicalReference = physicalReference
        self.directions = directions
        self.parkingRestrictions = parkingRestrictions
        self.images = images
        self.lastUpdated = lastUpdated
    }

    enum CodingKeys: String, CodingKey {
        case uid, evseID = "evse_id", status, statusSchedule = "status_schedule", capabilities, connectors
        case floorLevel = "floor_level", coordinates, physicalReference = "physical_reference", directions
        case parkingRestrictions = "parking_restrictions", images, lastUpdated = "last_updated"
    }
}

extension EVSE: OCPIValidatable {
    public func validate(at path: FieldPath) throws(OCPIDecodingError) {
        try path.text(uid, "uid", .ciString(max: 36))
        try path.text(evseID, "evse_id", .ciString(max: 48))
        try path.objects(statusSchedule, "status_schedule")
        try path.objects(connectors, "connectors", atLeastOne: true)
        try path.text(floorLevel, "floor_level", .string(max: 4))
        try path.object(coordinates, "coordinates")
        try path.text(physicalReference, "physical_reference", .string(max: 16))
        try path.objects(directions, "directions")
        try path.objects(images, "images")
        if let evseID { try path.check(EVSEIdentifier.isValid(evseID), "evse_id", "is not an eMI3 EVSE ID (like BE*BEC*E041503001)") }
    }
}
