extension OCPP16 {
    /// Reads configuration keys (all of them when `keys` is absent).
    public struct GetConfigurationRequest: OCPP16.Request {
        public typealias Response = GetConfigurationResponse
        public static let action = "GetConfiguration"

        public var keys: [String]?

        public init(keys: [String]? = nil) {
            self.keys = keys
        }

        enum CodingKeys: String, CodingKey {
            case keys = "key"
        }
    }

    /// The keys that were found, and those that were not.
    public struct GetConfigurationResponse: OCPPPayload {
        public var configurationKeys: [KeyValue]?
        public var unknownKeys: [String]?

        public init(configurationKeys: [KeyValue]? = nil, unknownKeys: [String]? = nil) {
            self.configurationKeys = configurationKeys
            self.unknownKeys = unknownKeys
        }

        enum CodingKeys: String, CodingKey {
            case configurationKeys = "configurationKey"
            case unknownKeys = "unknownKey"
        }
    }

    /// One configuration key, its value and whether it can be changed.
    public struct KeyValue: Codable, Sendable, Hashable {
        public var key: String
        public var readonly: Bool
        public var value: String?

        public init(key: String, readonly: Bool, value: String? = nil) {
            self.key = key
            self.readonly = readonly
            self.value = value
        }
    }
}

extension OCPP16.GetConfigurationRequest: ConstrainedPayload {
    static let rules: [PropertyRule<Self>] = [
        .maxLength("key", 50, each: { $0.keys }),
    ]
}

extension OCPP16.GetConfigurationResponse: ConstrainedPayload {
    static let rules: [PropertyRule<Self>] = [
        .maxLength("unknownKey", 50, each: { $0.unknownKeys }),
    ]
}

extension OCPP16.KeyValue: ConstrainedPayload {
    static let rules: [PropertyRule<Self>] = [
        .maxLength("key", 50) { $0.key },
        .maxLength("value", 500) { $0.value },
    ]
}
