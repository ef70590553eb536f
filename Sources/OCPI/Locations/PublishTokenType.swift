/// A token, or group of tokens, allowed to see an unpublished location (OCPI PublishTokenType).
public struct PublishTokenType: Codable, Sendable, Equatable {
    public var uid: String?
    public var type: TokenType?
    public var visualNumber: String?
    public var issuer: String?
    public var groupID: String?

    public init(
        uid: String? = nil, type: TokenType? = nil, visualNumber: String? = nil, issuer: String? = nil,
        groupID: String? = nil
    ) {
        self.uid = uid
        self.type = type
        self.visualNumber = visualNumber
        self.issuer = issuer
        self.groupID = groupID
    }

    enum CodingKeys: String, CodingKey {
        case uid, type, visualNumber = "visual_number", issuer, groupID = "group_id"
    }
}

extension PublishTokenType: OCPIValidatable {
    public func validate(at path: FieldPath) throws(OCPIDecodingError) {
        try path.text(uid, "uid", .ciString(max: 36))
        try path.text(visualNumber, "visual_number", .string(max: 64))
        try path.text(issuer, "issuer", .string(max: 64))
        try path.text(groupID, "group_id", .ciString(max: 36))
        try path.check(uid != nil || visualNumber != nil || groupID != nil, "uid", "one of uid, visual_number or group_id is required")
        try path.check(uid == nil || type != nil, "type", "is required when uid is set")
        try path.check(visualNumber == nil || issuer != nil, "issuer", "is required when visual_number is set")
    }
}
