extension OCPP201 {
    /// More about a status: a reason code and free text.
    public struct StatusInfo: Codable, Sendable, Hashable {
        public var reasonCode: String
        public var additionalInfo: String?
        /// Vendor-specific additions.
        public var customData: CustomData?

        public init(reasonCode: String, additionalInfo: String? = nil, customData: CustomData? = nil) {
            self.reasonCode = reasonCode
            self.additionalInfo = additionalInfo
            self.customData = customData
        }
    }
}

extension OCPP201.StatusInfo: ConstrainedPayload {
    static let rules: [PropertyRule<Self>] = [
        .maxLength("reasonCode", 20) { $0.reasonCode },
        .maxLength("additionalInfo", 512) { $0.additionalInfo },
    ]
}
