extension OCPP16 {
    /// Asks the charge point to stop a transaction.
    public struct RemoteStopTransactionRequest: OCPP16.Request {
        public typealias Response = RemoteStopTransactionResponse
        public static let action = "RemoteStopTransaction"

        public var transactionId: Int

        public init(transactionId: Int) {
            self.transactionId = transactionId
        }
    }

    /// Whether the charge point will try to stop.
    public struct RemoteStopTransactionResponse: OCPPPayload {
        public var status: RemoteStartStopStatus

        public init(status: RemoteStartStopStatus) {
            self.status = status
        }
    }
}
