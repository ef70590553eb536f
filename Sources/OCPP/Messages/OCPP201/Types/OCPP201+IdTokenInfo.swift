public import Foundation

extension OCPP201 {
    /// What the CSMS says about an idToken: status, cache expiry, priority, languages and a message.
    public struct IdTokenInfo: Codable, Sendable, Hashable {
        public var status: AuthorizationStatus
        public var cacheExpiryDateTime: Date?
        /// From -9 to 9; higher goes first.
        public var chargingPriority: Int?
        public var language1: String?
        /// The EVSEs the token may use.
        public var evseIds: [Int]?
        public var groupIdToken: IdToken?
        public var language2: String?
        public var personalMessage: MessageContent?
        /// Vendor-specific additions.
        public var customData: CustomData?

        public init(
            status: AuthorizationStatus,
            cacheExpiryDateTime: Date? = nil,
            chargingPriority: Int? = nil,
            language1: String? = nil,
            evseIds: [Int]? = nil,
            groupIdToken: IdToken? = nil,
            language2: String? = nil,
            personalMessage: MessageContent? = nil,
            customData: CustomData? = nil
        ) {
            self.status = status
            self.cacheExpiryDateTime = cacheExpiryDateTime
            self.chargingPriority = chargingPriority
            self.language1 = language1
            self.evseIds = evseIds
            self.groupIdToken = groupIdToken
            self.language2 = language2
            self.personalMessage = personalMessage
            self.customData = customData
        }

        enum CodingKeys: String, CodingKey {
            case status
            case cacheExpiryDateTime
            case chargingPriority
            case language1
            case evseIds = "evseId"
            case groupIdToken
            case language2
            case personalMessage
            case customData
        }
    }

    /// A message for the driver, in a format and language.
    public struct MessageContent: Codable, Sendable, Hashable {
        public var format: MessageFormat
        public var language: String?
        public var content: String
        /// Vendor-specific additions.
        public var customData: CustomData?

        public init(format: MessageFormat, language: String? = nil, content: String, customData: CustomData? = nil) {
            self.format = format
            self.language = language
            self.content = content
            self.customData = customData
        }
    }

    /// Whether an idToken may charge.
    public enum AuthorizationStatus: String, Codable, Sendable, Hashable, CaseIterable {
        case accepted = "Accepted"
        case blocked = "Blocked"
        case concurrentTx = "ConcurrentTx"
        case expired = "Expired"
        case invalid = "Invalid"
        case noCredit = "NoCredit"
        case notAllowedTypeEVSE = "NotAllowedTypeEVSE"
        case notAtThisLocation = "NotAtThisLocation"
        case notAtThisTime = "NotAtThisTime"
        case unknown = "Unknown"
    }

    /// How a message's content is written.
    public enum MessageFormat: String, Codable, Sendable, Hashable, CaseIterable {
        case ascii = "ASCII"
        case html = "HTML"
        case uri = "URI"
        case utf8 = "UTF8"
    }
}

extension OCPP201.IdTokenInfo: ConstrainedPayload {
    static let rules: [PropertyRule<Self>] = [
        .maxLength("language1", 8) { $0.language1 },
        .items("evseId", minimum: 1) { $0.evseIds?.count },
        .maxLength("language2", 8) { $0.language2 },
    ]
}

extension OCPP201.MessageContent: ConstrainedPayload {
    static let rules: [PropertyRule<Self>] = [
        .maxLength("language", 8) { $0.language },
        .maxLength("content", 512) { $0.content },
    ]
}
