extension OCPP201 {
    /// Vendor-specific additions that every 2.0.1 object may carry: a vendorId and any further properties.
    public struct CustomData: Codable, Sendable, Hashable {
        public var vendorId: String
        /// The properties besides `vendorId`, kept as they arrived.
        public var extensions: [String: JSONValue]

        public init(vendorId: String, extensions: [String: JSONValue] = [:]) {
            self.vendorId = vendorId
            self.extensions = extensions
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: AnyCodingKey.self)
            vendorId = try container.decode(String.self, forKey: AnyCodingKey("vendorId"))
            var extensions: [String: JSONValue] = [:]
            for key in container.allKeys where key.stringValue != "vendorId" {
                extensions[key.stringValue] = try container.decode(JSONValue.self, forKey: key)
            }
            self.extensions = extensions
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: AnyCodingKey.self)
            for (key, value) in extensions where key != "vendorId" {
                try container.encode(value, forKey: AnyCodingKey(key))
            }
            try container.encode(vendorId, forKey: AnyCodingKey("vendorId"))
        }
    }
}

extension OCPP201.CustomData: ConstrainedPayload {
    static let rules: [PropertyRule<Self>] = [.maxLength("vendorId", 255) { $0.vendorId }]
}
