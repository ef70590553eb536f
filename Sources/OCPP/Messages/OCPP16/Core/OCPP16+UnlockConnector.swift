extension OCPP16 {
    /// Asks the charge point to unlock a connector.
    public struct UnlockConnectorRequest: OCPP16.Request {
        public typealias Response = UnlockConnectorResponse
        public static let action = "UnlockConnector"

        public var connectorId: Int

        public init(connectorId: Int) {
            self.connectorId = connectorId
        }
    }

    /// Whether the connector was unlocked.
    public struct UnlockConnectorResponse: OCPPPayload {
        public var status: UnlockStatus

        public init(status: UnlockStatus) {
            self.status = status
        }
    }

    /// The outcome of an UnlockConnector.
    public enum UnlockStatus: String, Codable, Sendable, Hashable, CaseIterable {
        case unlocked = "Unlocked"
        case unlockFailed = "UnlockFailed"
        case notSupported = "NotSupported"
    }
}
