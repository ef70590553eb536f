extension OCPP201 {
    /// Asks the station to send a message now.
    public struct TriggerMessageRequest: OCPP201.Request {
        public typealias Response = TriggerMessageResponse
        public static let action = "TriggerMessage"

        public var evse: EVSE?
        public var requestedMessage: MessageTrigger
        /// Vendor-specific additions.
        public var customData: CustomData?

        public init(evse: EVSE? = nil, requestedMessage: MessageTrigger, customData: CustomData? = nil) {
            self.evse = evse
            self.requestedMessage = requestedMessage
            self.customData = customData
        }
    }

    /// Whether the message will be sent.
    public struct TriggerMessageResponse: OCPPPayload {
        public var status: TriggerMessageStatus
        public var statusInfo: StatusInfo?
        /// Vendor-specific additions.
        public var customData: CustomData?

        public init(status: TriggerMessageStatus, statusInfo: StatusInfo? = nil, customData: CustomData? = nil) {
            self.status = status
            self.statusInfo = statusInfo
            self.customData = customData
        }
    }

    /// A message that TriggerMessage can ask for.
    public enum MessageTrigger: String, Codable, Sendable, Hashable, CaseIterable {
        case bootNotification = "BootNotification"
        case logStatusNotification = "LogStatusNotification"
        case firmwareStatusNotification = "FirmwareStatusNotification"
        case heartbeat = "Heartbeat"
        case meterValues = "MeterValues"
        case signChargingStationCertificate = "SignChargingStationCertificate"
        case signV2GCertificate = "SignV2GCertificate"
        case statusNotification = "StatusNotification"
        case transactionEvent = "TransactionEvent"
        case signCombinedCertificate = "SignCombinedCertificate"
        case publishFirmwareStatusNotification = "PublishFirmwareStatusNotification"
    }

    /// The outcome of a TriggerMessage.
    public enum TriggerMessageStatus: String, Codable, Sendable, Hashable, CaseIterable {
        case accepted = "Accepted"
        case rejected = "Rejected"
        case notImplemented = "NotImplemented"
    }
}
