extension OCPP201 {
    /// Readings outside a transaction, of one EVSE (0: the main meter).
    public struct MeterValuesRequest: OCPP201.Request {
        public typealias Response = MeterValuesResponse
        public static let action = "MeterValues"

        public var evseId: Int
        public var meterValues: [MeterValue]
        /// Vendor-specific additions.
        public var customData: CustomData?

        public init(evseId: Int, meterValues: [MeterValue], customData: CustomData? = nil) {
            self.evseId = evseId
            self.meterValues = meterValues
            self.customData = customData
        }

        enum CodingKeys: String, CodingKey {
            case evseId
            case meterValues = "meterValue"
            case customData
        }
    }

    /// Acknowledges MeterValues.
    public struct MeterValuesResponse: OCPPPayload {
        /// Vendor-specific additions.
        public var customData: CustomData?

        public init(customData: CustomData? = nil) {
            self.customData = customData
        }
    }
}

extension OCPP201.MeterValuesRequest: ConstrainedPayload {
    static let rules: [PropertyRule<Self>] = [
        .minimum("evseId", 0) { $0.evseId },
        .items("meterValue", minimum: 1) { $0.meterValues.count },
    ]
}
