/// How a driver gets into a location that is not open to all, with the code or plate (Bookings add-on AccessMethod).
public struct AccessMethod: Codable, Sendable, Equatable {
    public var locationAccess: LocationAccess
    public var value: String?

    public init(locationAccess: LocationAccess, value: String? = nil) {
        self.locationAccess = locationAccess
        self.value = value
    }

    enum CodingKeys: String, CodingKey {
        case locationAccess = "location_access", value
    }
}

extension AccessMethod: OCPIValidatable {
    public func validate(at path: FieldPath) throws(OCPIDecodingError) {
        _ = path
    }
}
