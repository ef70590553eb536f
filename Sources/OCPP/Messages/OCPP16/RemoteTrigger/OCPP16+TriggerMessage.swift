extension OCPP16 {
    /// Asks the charge point to send a message now.
    public struct TriggerMessageRequest: OCPP16.Request {
        public typealias Response = TriggerMessageResponse
        public static let action = "TriggerMessage"

        public var requestedMessage: MessageTrigger
        public var connectorId: Int?

        public init(requestedMessage: MessageTrigger, connectorId: Int? = nil) {
            self.requestedMessage = requestedMessage
            self.connectorId = connectorId
        }
    }

    /// Whether the message will be sent.
    public struct TriggerMessageResponse: OCPPPayload {
        public var status: TriggerMessageStatus

        public init(status: TriggerMessageStatus) {
            self.status = status
        }
    }

    /// A message that TriggerMessage can ask for.
    public enum MessageTrigger: String, Codable, Sendable, Hashable, CaseIterable {
        case bootNotification = "BootNotification"
        case diagnosticsStatusNotification = "DiagnosticsStatusNotification"
        case firmwareStatusNotification = "FirmwareStatusNotification"
        case heartbeat = "Heartbeat"
        case meterValues = "MeterValues"
        case statusNotification = "StatusNotification"
    }

    /// The outcome of a TriggerMessage.
    public enum TriggerMessageStatus: String, Codable, Sendable, Hashable, CaseIterable {
        case accepted = "Accepted"
        case rejected = "Rejected"
        case notImplemented = "NotImplemented"
    }
}
