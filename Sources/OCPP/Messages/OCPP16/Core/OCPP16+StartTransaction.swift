public import Foundation

extension OCPP16 {
    /// Reports that a transaction started.
    public struct StartTransactionRequest: OCPP16.Request {
        public typealias Response = StartTransactionResponse
        public static let action = "StartTransaction"

        public var connectorId: Int
        public var idTag: String
        /// The energy register at the start, in Wh.
        public var meterStart: Int
        /// The reservation this transaction ends.
        public var reservationId: Int?
        public var timestamp: Date

        public init(connectorId: Int, idTag: String, meterStart: Int, reservationId: Int? = nil, timestamp: Date) {
            self.connectorId = connectorId
            self.idTag = idTag
            self.meterStart = meterStart
            self.reservationId = reservationId
            self.timestamp = timestamp
        }
    }

    /// The transaction id and the verdict on the idTag.
    public struct StartTransactionResponse: OCPPPayload {
        public var idTagInfo: IdTagInfo
        public var transactionId: Int

        public init(idTagInfo: IdTagInfo, transactionId: Int) {
            self.idTagInfo = idTagInfo
            self.transactionId = transactionId
        }
    }
}

extension OCPP16.StartTransactionRequest: ConstrainedPayload {
    static let rules: [PropertyRule<Self>] = [
        // 1.6 part 6.46: a transaction runs on a connector, never on the charge point (0).
        .minimum("connectorId", 1) { $0.connectorId },
        .maxLength("idTag", 20) { $0.idTag },
    ]
}
