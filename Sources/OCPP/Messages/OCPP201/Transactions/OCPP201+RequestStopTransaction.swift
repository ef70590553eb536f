extension OCPP201 {
    /// Asks the station to stop a transaction.
    public struct RequestStopTransactionRequest: OCPP201.Request {
        public typealias Response = RequestStopTransactionResponse
        public static let action = "RequestStopTransaction"

        public var transactionId: String
        /// Vendor-specific additions.
        public var customData: CustomData?

        public init(transactionId: String, customData: CustomData? = nil) {
            self.transactionId = transactionId
            self.customData = customData
        }
    }

    /// Whether the station will try to stop.
    public struct RequestStopTransactionResponse: OCPPPayload {
        public var status: RequestStartStopStatus
        public var statusInfo: StatusInfo?
        /// Vendor-specific additions.
        public var customData: CustomData?

        public init(status: RequestStartStopStatus, statusInfo: StatusInfo? = nil, customData: CustomData? = nil) {
            self.status = status
            self.statusInfo = statusInfo
            self.customData = customData
        }
    }
}

extension OCPP201.RequestStopTransactionRequest: ConstrainedPayload {
    static let rules: [PropertyRule<Self>] = [
        .maxLength("transactionId", 36) { $0.transactionId },
    ]
}
