/// A version of OCPI a party supports, and where its details are (OCPI Version).
public struct Version: Codable, Sendable, Equatable {
    public var version: VersionNumber
    public var url: String

    public init(version: VersionNumber, url: String) {
        self.version = version
        self.url = url
    }

    enum CodingKeys: String, CodingKey {
        case version, url
    }
}

extension Version: OCPIValidatable {
    public func validate(at path: FieldPath) throws(OCPIDecodingError) {
        try path.object(version, "version")
        try path.text(url, "url", .url)
    }
}
