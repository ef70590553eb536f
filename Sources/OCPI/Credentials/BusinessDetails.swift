/// A company's name, website and logo (OCPI BusinessDetails).
public struct BusinessDetails: Codable, Sendable, Equatable {
    public var name: String
    public var website: String?
    public var logo: Image?

    public init(name: String, website: String? = nil, logo: Image? = nil) {
        self.name = name
        self.website = website
        self.logo = logo
    }

    enum CodingKeys: String, CodingKey {
        case name, website, logo
    }
}

extension BusinessDetails: OCPIValidatable {
    public func validate(at path: FieldPath) throws(OCPIDecodingError) {
        try path.text(name, "name", .string(max: 100))
        try path.text(website, "website", .url)
        try path.object(logo, "logo")
    }
}
