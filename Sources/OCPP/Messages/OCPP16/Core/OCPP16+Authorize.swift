extension OCPP16 {
    /// Asks whether an idTag may start or stop charging.
    public struct AuthorizeRequest: OCPP16.Request {
        public typealias Response = AuthorizeResponse
        public static let action = "Authorize"

        public var idTag: String

        public init(idTag: String) {
            self.idTag = idTag
        }
    }

    /// The verdict on an idTag.
    public struct AuthorizeResponse: OCPPPayload {
        public var idTagInfo: IdTagInfo

        public init(idTagInfo: IdTagInfo) {
            self.idTagInfo = idTagInfo
        }
    }
}

extension OCPP16.AuthorizeRequest: ConstrainedPayload {
    static let rules: [PropertyRule<Self>] = [
        .maxLength("idTag", 20) { $0.idTag },
    ]
}
