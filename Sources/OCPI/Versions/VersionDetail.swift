/// The endpoints a party offers for one OCPI version (OCPI VersionDetails).
public struct VersionDetail: Codable, Sendable, Equatable {
    public var version: VersionNumber
    public var endpoints: [Endpoint]

    public init(version: VersionNumber, endpoints: [Endpoint]) {
        self.version = version
        self.endpoints = endpoints
    }

    enum CodingKeys: String, CodingKey {
        case version, endpoints
    }
}

extension VersionDetail: OCPIValidatable {
    public func validate(at path: FieldPath) throws(OCPIDecodingError) {
        try path.object(version, "version")
        try path.objects(endpoints, "endpoints", atLeastOne: true)
    }
}
