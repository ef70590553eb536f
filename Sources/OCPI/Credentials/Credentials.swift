/// The token and versions URL one party gives another, with its roles (OCPI Credentials).
public struct Credentials: Codable, Sendable, Equatable {
    public var token: String
    public var url: String
    public var roles: [CredentialsRole]

    public init(token: String, url: String, roles: [CredentialsRole]) {
        self.token = token
        self.url = url
        self.roles = roles
    }

    enum CodingKeys: String, CodingKey {
        case token, url, roles
    }
}

extension Credentials: OCPIValidatable {
    public func validate(at path: FieldPath) throws(OCPIDecodingError) {
        try path.text(token, "token", .ciString(max: 64))
        try path.text(url, "url", .url)
        try path.objects(roles, "roles", atLeastOne: true)
    }
}
