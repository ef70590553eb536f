public import Foundation

/// A kind of parking space that can be booked, and the vehicles it fits (Bookings add-on BookableParkingOptions).
public struct BookableParkingOptions: Codable, Sendable, Equatable {
    public var evsePosition: EVSEPosition?
    public var vehicleTypes: [VehicleType]
    public var format: ConnectorFormat
    public var maxVehicleWeight: Decimal?
    public var maxVehicleHeight: Decimal?
    public var maxVehicleLength: Decimal?
    public var maxVehicleWidth: Decimal?
    public var parkingSpaceLength: Decimal?
    public var parkingSpaceWidth: Decimal?
    public var dangerousGoodsAllowed: Bool?
    public var driveThrough: Bool?
    public var restrictedToType: Bool
    public var refrigerationOutlet: Bool?

    public init(
        evsePosition: EVSEPosition? = nil, vehicleTypes: [VehicleType], format: ConnectorFormat,
        maxVehicleWeight: Decimal? = nil, maxVehicleHeight: Decimal? = nil, maxVehicleLength: Decimal? = nil,
        maxVehicleWidth: Decimal? = nil, parkingSpaceLength: Decimal? = nil, parkingSpaceWidth: Decimal? = nil,
        dangerousGoodsAllowed: Bool? = nil, driveThrough: Bool? = nil, restrictedToType: Bool,
        refrigerationOutlet: Bool? = nil
    ) {
        self.evsePosition = evsePosition
        self.vehicleTypes = vehicleTypes
        self.format = format
        self.maxVehicleWeight = maxVehicleWeight
        self.maxVehicleHeight = maxVehicleHeight
        self.maxVehicleLength = maxVehicleLength
        self.maxVehicleWidth = maxVehicleWidth
        self.parkingSpaceLength = parkingSpaceLength
        self.parkingSpaceWidth = parkingSpaceWidth
        self.dangerousGoodsAllowed = dangerousGoodsAllowed
        self.driveThrough = driveThrough
        self.restrictedToType = restrictedToType
        self.refrigerationOutlet = refrigerationOutlet
    }

    enum CodingKeys: String, CodingKey {
        case evsePosition = "evse_position", vehicleTypes = "vehicle_types", format
        case maxVehicleWeight = "max_vehicle_weight", maxVehicleHeight = "max_vehicle_height"
        case maxVehicleLength = "max_vehicle_length", maxVehicleWidth = "max_vehicle_width"
        case parkingSpaceLength = "parking_space_length", parkingSpaceWidth = "parking_space_width"
        case dangerousGoodsAllowed = "dangerous_goods_allowed", driveThrough = "drive_through"
        case restrictedToType = "restricted_to_type", refrigerationOutlet = "refrigeration_outlet"
    }
}

extension BookableParkingOptions: OCPIValidatable {
    public func validate(at path: FieldPath) throws(OCPIDecodingError) {
        try path.nonEmpty(vehicleTypes, "vehicle_types")
        try path.nonNegative(maxVehicleWeight, "max_vehicle_weight")
        try path.nonNegative(maxVehicleHeight, "max_vehicle_height")
        try path.nonNegative(maxVehicleLength, "max_vehicle_length")
        try path.nonNegative(maxVehicleWidth, "max_vehicle_width")
        try path.nonNegative(parkingSpaceLength, "parking_space_length")
        try path.nonNegative(parkingSpaceWidth, "parking_space_width")
    }
}
