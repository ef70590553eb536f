extension OCPP16 {
    /// Readings of one connector (0: the main meter), optionally within a transaction.
    public struct MeterValuesRequest: OCPP16.Request {
        public typealias Response = MeterValuesResponse
        public static let action = "MeterValues"

        public var connectorId: Int
        public var transactionId: Int?
        public var meterValues: [MeterValue]

        public init(connectorId: Int, transactionId: Int? = nil, meterValues: [MeterValue]) {
            self.connectorId = connectorId
            self.transactionId = transactionId
            self.meterValues = meterValues
        }

        enum CodingKeys: String, CodingKey {
            case connectorId
            case transactionId
            case meterValues = "meterValue"
        }
    }

    /// Acknowledges MeterValues.
    public struct MeterValuesResponse: OCPPPayload {
        public init() {}
    }
}

extension OCPP16.MeterValuesRequest: ConstrainedPayload {
    static let rules: [PropertyRule<Self>] = [
        .minimum("connectorId", 0) { $0.connectorId },
        .items("meterValue", minimum: 1) { $0.meterValues.count },
        .items("meterValue.sampledValue", minimum: 1) { $0.meterValues.map(\.sampledValues.count).min() },
    ]
}
