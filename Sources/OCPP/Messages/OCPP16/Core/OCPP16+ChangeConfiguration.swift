extension OCPP16 {
    /// Sets one configuration key.
    public struct ChangeConfigurationRequest: OCPP16.Request {
        public typealias Response = ChangeConfigurationResponse
        public static let action = "ChangeConfiguration"

        public var key: String
        public var value: String

        public init(key: String, value: String) {
            self.key = key
            self.value = value
        }
    }

    /// The outcome of a ChangeConfiguration.
    public struct ChangeConfigurationResponse: OCPPPayload {
        public var status: ConfigurationStatus

        public init(status: ConfigurationStatus) {
            self.status = status
        }
    }

    /// The outcome of a ChangeConfiguration.
    public enum ConfigurationStatus: String, Codable, Sendable, Hashable, CaseIterable {
        case accepted = "Accepted"
        case rejected = "Rejected"
        case rebootRequired = "RebootRequired"
        case notSupported = "NotSupported"
    }
}

extension OCPP16.ChangeConfigurationRequest: ConstrainedPayload {
    static let rules: [PropertyRule<Self>] = [
        .maxLength("key", 50) { $0.key },
        .maxLength("value", 500) { $0.value },
    ]
}
