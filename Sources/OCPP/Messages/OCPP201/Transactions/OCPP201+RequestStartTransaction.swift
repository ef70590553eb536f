extension OCPP201 {
    /// Asks the station to start a transaction for an idToken.
    public struct RequestStartTransactionRequest: OCPP201.Request {
        public typealias Response = RequestStartTransactionResponse
        public static let action = "RequestStartTransaction"

        public var evseId: Int?
        public var groupIdToken: IdToken?
        public var idToken: IdToken
        /// Chosen by the CSMS; the transaction events carry it back.
        public var remoteStartId: Int
        /// Must have the purpose `TxProfile`.
        public var chargingProfile: ChargingProfile?
        /// Vendor-specific additions.
        public var customData: CustomData?

        public init(
            evseId: Int? = nil,
            groupIdToken: IdToken? = nil,
            idToken: IdToken,
            remoteStartId: Int,
            chargingProfile: ChargingProfile? = nil,
            customData: CustomData? = nil
        ) {
            self.evseId = evseId
            self.groupIdToken = groupIdToken
            self.idToken = idToken
            self.remoteStartId = remoteStartId
            self.chargingProfile = chargingProfile
            self.customData = customData
        }
    }

    /// Whether the station will try to start, and the transaction id if one already runs.
    public struct RequestStartTransactionResponse: OCPPPayload {
        public var status: RequestStartStopStatus
        public var statusInfo: StatusInfo?
        public var transactionId: String?
        /// Vendor-specific additions.
        public var customData: CustomData?

        public init(
            status: RequestStartStopStatus,
            statusInfo: StatusInfo? = nil,
            transactionId: String? = nil,
            customData: CustomData? = nil
        ) {
            self.status = status
            self.statusInfo = statusInfo
            self.transactionId = transactionId
            self.customData = customData
        }
    }

    /// Whether a remote start or stop is accepted.
    public enum RequestStartStopStatus: String, Codable, Sendable, Hashable, CaseIterable {
        case accepted = "Accepted"
        case rejected = "Rejected"
    }
}

extension OCPP201.RequestStartTransactionResponse: ConstrainedPayload {
    static let rules: [PropertyRule<Self>] = [
        .maxLength("transactionId", 36) { $0.transactionId },
    ]
}
