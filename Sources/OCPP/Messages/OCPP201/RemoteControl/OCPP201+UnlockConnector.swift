extension OCPP201 {
    /// Asks the station to unlock a connector.
    public struct UnlockConnectorRequest: OCPP201.Request {
        public typealias Response = UnlockConnectorResponse
        public static let action = "UnlockConnector"

        public var evseId: Int
        public var connectorId: Int
        /// Vendor-specific additions.
        public var customData: CustomData?

        public init(evseId: Int, connectorId: Int, customData: CustomData? = nil) {
            self.evseId = evseId
            self.connectorId = connectorId
            self.customData = customData
        }
    }

    /// Whether the connector was unlocked.
    public struct UnlockConnectorResponse: OCPPPayload {
        public var status: UnlockStatus
        public var statusInfo: StatusInfo?
        /// Vendor-specific additions.
        public var customData: CustomData?

        public init(status: UnlockStatus, statusInfo: StatusInfo? = nil, customData: CustomData? = nil) {
            self.status = status
            self.statusInfo = statusInfo
            self.customData = customData
        }
    }

    /// The outcome of an UnlockConnector.
    public enum UnlockStatus: String, Codable, Sendable, Hashable, CaseIterable {
        case unlocked = "Unlocked"
        case unlockFailed = "UnlockFailed"
        case ongoingAuthorizedTransaction = "OngoingAuthorizedTransaction"
        case unknownConnector = "UnknownConnector"
    }
}
