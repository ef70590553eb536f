extension OCPP201 {
    /// An EVSE, and optionally one of its connectors.
    public struct EVSE: Codable, Sendable, Hashable {
        /// The EVSE id, 1 and up (0 is the whole charging station where allowed).
        public var id: Int
        public var connectorId: Int?
        /// Vendor-specific additions.
        public var customData: CustomData?

        public init(id: Int, connectorId: Int? = nil, customData: CustomData? = nil) {
            self.id = id
            self.connectorId = connectorId
            self.customData = customData
        }
    }
}

extension OCPP201.EVSE: ConstrainedPayload {
    static let rules: [PropertyRule<Self>] = [
        .minimum("id", 0) { $0.id },
        .minimum("connectorId", 0) { $0.connectorId },
    ]
}
