/// One module's URL, and the role the party plays in it (OCPI Endpoint).
public struct Endpoint: Codable, Sendable, Equatable {
    public var identifier: ModuleID
    public var role: InterfaceRole
    public var url: String

    public init(identifier: ModuleID, role: InterfaceRole, url: String) {
        self.identifier = identifier
        self.role = role
        self.url = url
    }

    enum CodingKeys: String, CodingKey {
        case identifier, role, url
    }
}

extension Endpoint: OCPIValidatable {
    public func validate(at path: FieldPath) throws(OCPIDecodingError) {
        try path.object(identifier, "identifier")
        try path.text(url, "url", .url)
    }
}

/// Which side of a module's interface an endpoint is (OCPI InterfaceRole).
public enum InterfaceRole: String, Codable, Sendable, CaseIterable {
    case sender = "SENDER"
    case receiver = "RECEIVER"
}
