public import Tariffs

/// WGS 84 coordinates as OCPI writes them: decimal strings with 5 to 7 decimals (OCPI GeoLocation).
public struct GeoLocation: Codable, Sendable, Equatable {
    public var latitude: String
    public var longitude: String

    public init(latitude: String, longitude: String) {
        self.latitude = latitude
        self.longitude = longitude
    }

    enum CodingKeys: String, CodingKey {
        case latitude, longitude
    }
}

extension GeoLocation: OCPIValidatable {
    public func validate(at path: FieldPath) throws(OCPIDecodingError) {
        try path.check(Coordinate.isValid(latitude, integerDigits: 2, limit: 90), "latitude", "must match -?[0-9]{1,2}\\.[0-9]{5,7} within ±90")
        try path.check(Coordinate.isValid(longitude, integerDigits: 3, limit: 180), "longitude", "must match -?[0-9]{1,3}\\.[0-9]{5,7} within ±180")
    }
}

/// A related point of a location, such as an entrance (OCPI AdditionalGeoLocation).
public struct AdditionalGeoLocation: Codable, Sendable, Equatable {
    public var latitude: String
    public var longitude: String
    public var name: DisplayText?

    public init(latitude: String, longitude: String, name: DisplayText? = nil) {
        self.latitude = latitude
        self.longitude = longitude
        self.name = name
    }

    enum CodingKeys: String, CodingKey {
        case latitude, longitude, name
    }
}

extension AdditionalGeoLocation: OCPIValidatable {
    public func validate(at path: FieldPath) throws(OCPIDecodingError) {
        try path.object(name, "name")
        try path.check(Coordinate.isValid(latitude, integerDigits: 2, limit: 90), "latitude", "must match -?[0-9]{1,2}\\.[0-9]{5,7} within ±90")
        try path.check(Coordinate.isValid(longitude, integerDigits: 3, limit: 180), "longitude", "must match -?[0-9]{1,3}\\.[0-9]{5,7} within ±180")
    }
}
