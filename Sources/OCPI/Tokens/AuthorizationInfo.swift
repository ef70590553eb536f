public import Tariffs

/// An eMSP's answer to a real-time authorization request (OCPI AuthorizationInfo).
public struct AuthorizationInfo: Codable, Sendable, Equatable {
    public var allowed: AllowedType
    public var token: Token
    public var location: LocationReferences?
    public var authorizationReference: String?
    public var info: DisplayText?

    public init(
        allowed: AllowedType, token: Token, location: LocationReferences? = nil,
        authorizationReference: String? = nil, info: DisplayText? = nil
    ) {
        self.allowed = allowed
        self.token = token
        self.location = location
        self.authorizationReference = authorizationReference
        self.info = info
    }

    enum CodingKeys: String, CodingKey {
        case allowed, token, location, authorizationReference = "authorization_reference", info
    }
}

extension AuthorizationInfo: OCPIValidatable {
    public func validate(at path: FieldPath) throws(OCPIDecodingError) {
        try path.object(token, "token")
        try path.object(location, "location")
        try path.text(authorizationReference, "authorization_reference", .ciString(max: 36))
        try path.object(info, "info")
    }
}
