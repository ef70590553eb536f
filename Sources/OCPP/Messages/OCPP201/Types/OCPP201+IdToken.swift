extension OCPP201 {
    /// An identifier of a driver or fleet: the token and what kind it is.
    public struct IdToken: Codable, Sendable, Hashable {
        public var idToken: String
        public var type: IdTokenKind
        public var additionalInfo: [AdditionalInfo]?
        /// Vendor-specific additions.
        public var customData: CustomData?

        public init(
            idToken: String,
            type: IdTokenKind,
            additionalInfo: [AdditionalInfo]? = nil,
            customData: CustomData? = nil
        ) {
            self.idToken = idToken
            self.type = type
            self.additionalInfo = additionalInfo
            self.customData = customData
        }
    }

    /// A further identifier that belongs to an idToken.
    public struct AdditionalInfo: Codable, Sendable, Hashable {
        public var additionalIdToken: String
        public var type: String
        /// Vendor-specific additions.
        public var customData: CustomData?

        public init(additionalIdToken: String, type: String, customData: CustomData? = nil) {
            self.additionalIdToken = additionalIdToken
            self.type = type
            self.customData = customData
        }
    }

    /// What kind of identifier an idToken is.
    public enum IdTokenKind: String, Codable, Sendable, Hashable, CaseIterable {
        case central = "Central"
        case eMAID
        case iso14443 = "ISO14443"
        case iso15693 = "ISO15693"
        case keyCode = "KeyCode"
        case local = "Local"
        case macAddress = "MacAddress"
        case noAuthorization = "NoAuthorization"
    }
}

extension OCPP201.IdToken: ConstrainedPayload {
    static let rules: [PropertyRule<Self>] = [
        .maxLength("idToken", 36) { $0.idToken },
        .items("additionalInfo", minimum: 1) { $0.additionalInfo?.count },
    ]
}

extension OCPP201.AdditionalInfo: ConstrainedPayload {
    static let rules: [PropertyRule<Self>] = [
        .maxLength("additionalIdToken", 36) { $0.additionalIdToken },
        .maxLength("type", 50) { $0.type },
    ]
}
