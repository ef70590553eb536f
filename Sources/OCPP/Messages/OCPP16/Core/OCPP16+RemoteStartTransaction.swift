extension OCPP16 {
    /// Asks the charge point to start a transaction for an idTag.
    public struct RemoteStartTransactionRequest: OCPP16.Request {
        public typealias Response = RemoteStartTransactionResponse
        public static let action = "RemoteStartTransaction"

        /// Must be greater than 0 when present.
        public var connectorId: Int?
        public var idTag: String
        /// Must have the purpose `TxProfile`.
        public var chargingProfile: ChargingProfile?

        public init(connectorId: Int? = nil, idTag: String, chargingProfile: ChargingProfile? = nil) {
            self.connectorId = connectorId
            self.idTag = idTag
            self.chargingProfile = chargingProfile
        }
    }

    /// Whether the charge point will try to start.
    public struct RemoteStartTransactionResponse: OCPPPayload {
        public var status: RemoteStartStopStatus

        public init(status: RemoteStartStopStatus) {
            self.status = status
        }
    }

    /// Whether a remote start or stop is accepted.
    public enum RemoteStartStopStatus: String, Codable, Sendable, Hashable, CaseIterable {
        case accepted = "Accepted"
        case rejected = "Rejected"
    }
}

extension OCPP16.RemoteStartTransactionRequest: ConstrainedPayload {
    static let rules: [PropertyRule<Self>] = [
        .maxLength("idTag", 20) { $0.idTag },
    ]
}
